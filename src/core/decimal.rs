//! Whole numbers as decimal text, for messages and stored records.
//!
//! A loop of its own rather than the `itoa` crate: its two-digit
//! table and its per-width code cost more of the .wasm than every number
//! the library writes (a few a second at most, in the title countdown).

use alloc::string::String;

/// `n` in decimal, as `u64::to_string` writes it (without `core::fmt`).
pub fn decimal(mut n: u64) -> String {
    // Lowest digit first, then reversed: no index to check, no panic path.
    let mut reversed = alloc::vec::Vec::new();
    loop {
        reversed.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    reversed.iter().rev().map(|&d| char::from(d)).collect()
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn writes_every_width_as_to_string_does() {
        for n in [0, 1, 9, 10, 99, 100, 1_005, 31_622_400, 1_700_000_000_000, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
    }
}
