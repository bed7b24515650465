//! Whole numbers as decimal text, for messages and stored records.
//!
//! A loop of its own rather than the `itoa` crate: its two-digit
//! table and its per-width code cost more of the .wasm than every number
//! the library writes (a few a second at most, in the title countdown).

use alloc::string::String;

/// `n` in decimal, as `u64::to_string` writes it (without `core::fmt`).
pub fn decimal(n: u64) -> String {
    // The highest power of ten in `n`, then each digit from the top: no
    // buffer, no index to check, no panic path (`place` is never 0, but
    // only `checked_div` lets the compiler leave out the division's).
    let mut place: u64 = 1;
    while n.checked_div(place).unwrap_or(0) >= 10 {
        place *= 10;
    }
    let mut out = String::new();
    loop {
        out.push(char::from(b'0' + (n.checked_div(place).unwrap_or(0) % 10) as u8));
        if place == 1 {
            return out;
        }
        place /= 10;
    }
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
