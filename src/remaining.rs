//! Reading the server's word on time left: whole seconds in a header.

/// The longest time left we believe (a year); more is a broken header.
const MAX_SECONDS: u64 = 366 * 24 * 3600;

/// `"1795"` → 1 795 000 ms. Anything but a plain whole number of seconds
/// in range is ignored (a garbage header must not sign anyone out).
pub fn parse_seconds_left(value: &str) -> Option<u64> {
    let value = value.trim_ascii();
    if value.is_empty() || value.len() > 9 || !crate::split::all(value, |b| b.is_ascii_digit()) {
        return None;
    }
    // At most nine digits, checked above: no overflow, no parser needed.
    let mut seconds: u64 = 0;
    for digit in value.bytes() {
        seconds = seconds * 10 + u64::from(digit - b'0');
    }
    (seconds <= MAX_SECONDS).then_some(seconds * 1000)
}

/// A JSON body's `secondsLeft`: rounded up to whole seconds; negative,
/// not a number, or over a year is ignored.
pub fn from_number(seconds: f64) -> Option<u64> {
    if !(seconds.is_finite() && seconds >= 0.0 && seconds <= MAX_SECONDS as f64) {
        return None;
    }
    // Rounded up (no f64::ceil without std).
    let whole = seconds as u64;
    Some(if (whole as f64) < seconds { whole + 1 } else { whole } * 1000)
}

#[cfg(test)]
mod tests {
    use super::parse_seconds_left;

    #[test]
    fn reads_whole_seconds_only() {
        assert_eq!(parse_seconds_left(" 1795 "), Some(1_795_000));
        assert_eq!(parse_seconds_left("0"), Some(0));
        assert_eq!(super::from_number(1.2), Some(2_000));
        assert_eq!(super::from_number(-1.0), None);
        assert_eq!(super::from_number(f64::NAN), None);
        for bad in ["", "soon-ish", "-5", "1.5", "1e3", "99999999999", "NaN"] {
            assert_eq!(parse_seconds_left(bad), None, "{bad}");
        }
    }
}
