//! Text cut at an ASCII character: the fields the platform hands over, the
//! parts of URLs, cookies and templates. std's `split(char)` and friends
//! bring its char searcher, `memchr` and a panic path with integer
//! formatting into the .wasm; these scan bytes, and none of them can
//! panic. One copy for every separator (the separator is an argument).

/// The parts of `text` around each `sep`, as `text.split(sep)` gives them.
pub fn split(text: &str, sep: u8) -> Split<'_> {
    Split { rest: Some(text), sep }
}

/// See [`split`].
pub struct Split<'a> {
    rest: Option<&'a str>,
    sep: u8,
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        let cut = split_once(rest, self.sep);
        self.rest = cut.map(|(_, after)| after);
        Some(cut.map_or(rest, |(before, _)| before))
    }
}

/// `text.split_once(sep)`.
pub fn split_once(text: &str, sep: u8) -> Option<(&str, &str)> {
    let at = find(text, sep)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// The text before the first `sep` (all of it when there is none).
pub fn before(text: &str, sep: u8) -> &str {
    split_once(text, sep).map_or(text, |(head, _)| head)
}

/// Where `sep` first is in `text`.
pub fn find(text: &str, sep: u8) -> Option<usize> {
    position(text, |b| b == sep)
}

/// Where the first byte that passes `test` is, as `text.bytes().position`.
/// A loop over indices: the iterator that `position`, `any` and `all` take
/// by reference was kept in memory, about 0.1 KB of the .wasm each.
pub fn position(text: &str, mut test: impl FnMut(u8) -> bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if test(b) {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// Whether every byte of `text` passes `test`, as `text.bytes().all`.
pub fn all(text: &str, test: impl Fn(u8) -> bool) -> bool {
    position(text, |b| !test(b)).is_none()
}

/// `text.trim_end_matches(sep)`.
pub fn trim_end(mut text: &str, sep: u8) -> &str {
    while text.as_bytes().last() == Some(&sep) {
        text = text.get(..text.len() - 1).unwrap_or_default();
    }
    text
}

/// `text.trim_matches(sep)`.
pub fn trim(mut text: &str, sep: u8) -> &str {
    while text.as_bytes().first() == Some(&sep) {
        text = text.get(1..).unwrap_or_default();
    }
    trim_end(text, sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_as_std_does() {
        for text in ["", "a", ";", "a;b", ";a;;b;", "é;ü;€", "a;b;c"] {
            assert_eq!(split(text, b';').collect::<Vec<_>>(), text.split(';').collect::<Vec<_>>(), "{text:?}");
            assert_eq!(split_once(text, b';'), text.split_once(';'), "{text:?}");
            assert_eq!(find(text, b';'), text.find(';'), "{text:?}");
            assert_eq!(before(text, b';'), text.split(';').next().unwrap_or(text), "{text:?}");
            assert_eq!(position(text, |b| b >= 0x80), text.bytes().position(|b| b >= 0x80), "{text:?}");
            assert_eq!(all(text, |b| b != b'a'), text.bytes().all(|b| b != b'a'), "{text:?}");
        }
    }

    #[test]
    fn trims_as_std_does() {
        for text in ["", "/", "//a//", "a/b/", "/é/", "\"x\""] {
            assert_eq!(trim_end(text, b'/'), text.trim_end_matches('/'), "{text:?}");
            assert_eq!(trim(text, b'/'), text.trim_matches('/'), "{text:?}");
            assert_eq!(trim(text, b'"'), text.trim_matches('"'), "{text:?}");
        }
    }
}
