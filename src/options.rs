//! The options as plain data: the platform hands them over as flat
//! records (`path`, kind, text), so reading and checking them is plain
//! Rust on strings, one getter per kind of value, tested natively. A
//! script tag's `data-` attributes become the same records.

use crate::prelude::*;
use crate::config_error::ConfigError;

/// What a value was, as JavaScript's `typeof` (and `Array.isArray`) saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string; the text is the string.
    Str,
    /// A number; the text is `String(n)`.
    Num,
    /// `true` or `false`, as text.
    Bool,
    /// A function (kept by the page; only its name travels).
    Func,
    /// An array; its items follow as `path.0`, `path.1`, …
    Array,
    /// A plain object; its keys follow as `path.key`.
    Object,
    /// `null` or `undefined`: the same as not given.
    Absent,
    /// Reading it threw (a getter).
    Threw,
    /// A `data-` attribute's text, read as the option's kind wants.
    Attr,
    /// Anything else (a symbol, a bigint).
    Other,
}

impl Kind {
    /// The platform's one-letter code (see `flatten` in platform.js).
    pub fn of_code(code: &str) -> Kind {
        match code {
            "s" => Kind::Str,
            "n" => Kind::Num,
            "b" => Kind::Bool,
            "f" => Kind::Func,
            "a" => Kind::Array,
            "o" => Kind::Object,
            "u" => Kind::Absent,
            "!" => Kind::Threw,
            "t" => Kind::Attr,
            _ => Kind::Other,
        }
    }
}

/// One value: where it is (`text.stayButton`; "" for the options object
/// itself), what it was, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Dotted path from the options object.
    pub path: String,
    /// What it was.
    pub kind: Kind,
    /// Its text (see [`Kind`]).
    pub text: String,
}

impl Record {
    /// How the value looks in an error message: strings quoted, objects named.
    pub fn describe(&self) -> String {
        match self.kind {
            Kind::Attr => ["\"", &self.text, "\""].concat(),
            Kind::Str => {
                let shown: String = self.text.chars().take(80).collect();
                let more = if self.text.chars().count() > 80 { "…" } else { "" };
                ["the string \"", &shown, more, "\""].concat()
            }
            Kind::Num | Kind::Bool => self.text.clone(),
            Kind::Func => "a function".into(),
            Kind::Array => "an array".into(),
            Kind::Absent => self.text.clone(),
            _ => "an object".into(),
        }
    }
}

/// Reads a number as JavaScript's `Number()` does (the browser's own
/// parser: no float parsing code of our own in the .wasm).
pub type NumberParser = fn(&str) -> f64;

/// The options object, as records.
pub struct Options {
    records: Vec<Record>,
    number: NumberParser,
}

/// The result of reading one option.
pub type Read<T> = Result<Option<T>, Box<ConfigError>>;

impl Options {
    /// From the platform's flat list `[path, kind, text, path, kind, text, …]`.
    pub fn from_flat(flat: Vec<String>, number: NumberParser) -> Options {
        let mut records = Vec::with_capacity(flat.len() / 3);
        let mut it = flat.into_iter();
        while let (Some(path), Some(kind), Some(text)) = (it.next(), it.next(), it.next()) {
            records.push(Record { path, kind: Kind::of_code(&kind), text });
        }
        Options { records, number }
    }

    /// From records made in Rust (the script tag's attributes).
    pub fn from_records(records: Vec<Record>, number: NumberParser) -> Options {
        Options { records, number }
    }

    /// The records, for moving them under another path.
    pub fn into_records(self) -> Vec<Record> {
        self.records
    }

    /// The options object itself (`undefined` when there was nothing).
    pub fn root(&self) -> Record {
        self.record("").cloned().unwrap_or(Record { path: String::new(), kind: Kind::Absent, text: "undefined".into() })
    }

    /// Checks that the whole thing is a plain object.
    pub fn check_object(&self) -> Result<(), Box<ConfigError>> {
        match self.root() {
            r if r.kind == Kind::Object => Ok(()),
            r => Err(Box::new(ConfigError::NotAnObject { given: r.describe() })),
        }
    }

    fn record(&self, path: &str) -> Option<&Record> {
        self.records.iter().find(|r| r.path == path)
    }

    /// The value at `path`; `None` when missing, `undefined` or `null`.
    pub fn get(&self, path: &str) -> Read<&Record> {
        match self.record(path) {
            None => Ok(None),
            Some(r) if r.kind == Kind::Absent => Ok(None),
            Some(r) if r.kind == Kind::Threw => {
                Err(Box::new(ConfigError::Invalid { option: path.to_owned(), given: None, rule: "reading it threw".into() }))
            }
            Some(r) => Ok(Some(r)),
        }
    }

    /// The keys directly under `path` ("" for the top level), in order.
    pub fn keys(&self, path: &str) -> Vec<&str> {
        self.records.iter().filter_map(|r| child_key(&r.path, path)).filter(|k| !k.is_empty()).collect()
    }

    /// A number (or an attribute's text read as one).
    pub fn number(&self, path: &str) -> Read<f64> {
        let Some(r) = self.get(path)? else { return Ok(None) };
        let n = match r.kind {
            Kind::Num => (self.number)(&r.text),
            Kind::Attr if !r.text.trim().is_empty() => (self.number)(&r.text),
            _ => f64::NAN,
        };
        if n.is_nan() && r.kind != Kind::Num {
            return Err(invalid(r, "it must be a number"));
        }
        Ok(Some(n))
    }

    /// A finite number of seconds within `min_ms..=max_ms`, as milliseconds.
    pub fn seconds(&self, path: &str, min_ms: u64, max_ms: u64) -> Read<u64> {
        let Some(r) = self.get(path)? else { return Ok(None) };
        let rule = ["it must be a number of seconds from ", &show_ms(min_ms), " to ", &show_ms(max_ms)].concat();
        let n = self.number(path).map_err(|_| invalid(r, &rule))?.unwrap_or(f64::NAN) * 1000.0;
        if !n.is_finite() || n < min_ms as f64 || n > max_ms as f64 {
            return Err(invalid(r, &rule));
        }
        // Rounded to whole ms (n is never negative here; no f64::round in no_std).
        Ok(Some((n + 0.5) as u64))
    }

    /// A string, trimmed; empty counts as a mistake.
    pub fn string(&self, path: &str) -> Read<String> {
        let Some(r) = self.get(path)? else { return Ok(None) };
        match r.kind {
            Kind::Str | Kind::Attr if !r.text.trim().is_empty() => Ok(Some(r.text.trim().to_owned())),
            _ => Err(invalid(r, "it must be a non-empty string")),
        }
    }

    /// A string exactly as given (texts keep their spaces).
    pub fn text(&self, path: &str) -> Read<String> {
        let Some(r) = self.get(path)? else { return Ok(None) };
        match r.kind {
            Kind::Str | Kind::Attr => Ok(Some(r.text.clone())),
            _ => Err(invalid(r, "it must be a string")),
        }
    }

    /// `true` or `false` (an attribute: present, "true" or "false").
    pub fn boolean(&self, path: &str) -> Read<bool> {
        let Some(r) = self.get(path)? else { return Ok(None) };
        match (r.kind, r.text.trim()) {
            (Kind::Bool | Kind::Attr, "true") | (Kind::Attr, "") => Ok(Some(true)),
            (Kind::Bool | Kind::Attr, "false") => Ok(Some(false)),
            _ => Err(invalid(r, "it must be true or false")),
        }
    }

    /// The items of an array (an attribute: its comma-separated parts).
    pub fn list(&self, path: &str, rule: &str) -> Read<Vec<Record>> {
        let Some(r) = self.get(path)? else { return Ok(None) };
        match r.kind {
            Kind::Array => {
                let prefix = [path, "."].concat();
                Ok(Some(self.records.iter().filter(|i| i.path.strip_prefix(&prefix).is_some_and(|k| !k.contains('.'))).cloned().collect()))
            }
            Kind::Attr => Ok(Some(
                r.text
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Record { path: path.to_owned(), kind: Kind::Attr, text: s.to_owned() })
                    .collect(),
            )),
            _ => Err(invalid(r, rule)),
        }
    }
}

/// Milliseconds as seconds the way JavaScript writes them ("1800", "0.001").
fn show_ms(ms: u64) -> String {
    let whole = itoa::Buffer::new().format(ms / 1000).to_owned();
    match ms % 1000 {
        0 => whole,
        frac => {
            let digits = itoa::Buffer::new().format(1000 + frac).to_owned();
            [whole.as_str(), ".", digits[1..].trim_end_matches('0')].concat()
        }
    }
}

/// `record`'s value broke `rule`.
pub fn invalid(record: &Record, rule: &str) -> Box<ConfigError> {
    Box::new(ConfigError::Invalid { option: record.path.clone(), given: Some(record.describe()), rule: rule.to_owned() })
}

/// `key` when `path` is `parent.key` (or `key` at the top, parent "").
fn child_key<'a>(path: &'a str, parent: &str) -> Option<&'a str> {
    let rest = if parent.is_empty() { path } else { path.strip_prefix(parent)?.strip_prefix('.')? };
    (!rest.contains('.')).then_some(rest)
}

/// The known name closest to `unknown`, if any is close enough to be a typo.
pub fn suggest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    let lower = unknown.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> f64 {
        s.trim().parse().unwrap_or(f64::NAN)
    }

    fn opts(flat: &[&str]) -> Options {
        Options::from_flat(flat.iter().map(|s| s.to_string()).collect(), parse)
    }

    #[test]
    fn suggests_the_option_meant() {
        let known = ["sessionSeconds", "warnSeconds", "redirectUrl"];
        assert_eq!(suggest("sessionSecond", &known), Some("sessionSeconds"));
        assert_eq!(suggest("warnseconds", &known), Some("warnSeconds"));
        assert_eq!(suggest("redirectURL", &known), Some("redirectUrl"));
        assert_eq!(suggest("colour", &known), None);
    }

    #[test]
    fn rules_show_seconds_as_javascript_writes_them() {
        assert_eq!([show_ms(1), show_ms(0), show_ms(120_000), show_ms(1_500), show_ms(31_622_400_000)], ["0.001", "0", "120", "1.5", "31622400"]);
    }

    #[test]
    fn reads_each_kind() {
        let o = opts(&[
            "", "o", "", "sessionSeconds", "n", "1800", "crossTab", "b", "false", "channel", "s", " app ", "text", "o", "",
            "text.stayButton", "s", " Keep ", "trackRequests", "o", "", "trackRequests.include", "a", "2",
            "trackRequests.include.0", "s", "/api/", "trackRequests.include.1", "s", "/x/", "signOutUrl", "u", "null",
        ]);
        assert!(o.check_object().is_ok());
        assert_eq!(o.seconds("sessionSeconds", 1, 10_000_000), Ok(Some(1_800_000)));
        assert_eq!(o.boolean("crossTab"), Ok(Some(false)));
        assert_eq!(o.string("channel"), Ok(Some("app".into())));
        assert_eq!(o.text("text.stayButton"), Ok(Some(" Keep ".into())));
        assert_eq!(o.string("signOutUrl"), Ok(None), "null is not given");
        assert_eq!(o.keys(""), ["sessionSeconds", "crossTab", "channel", "text", "trackRequests", "signOutUrl"]);
        assert_eq!(o.keys("text"), ["stayButton"]);
        let items = o.list("trackRequests.include", "an array").unwrap().unwrap();
        assert_eq!(items.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(), ["/api/", "/x/"]);
    }

    #[test]
    fn wrong_kinds_name_the_value_and_the_rule() {
        let o = opts(&["", "o", "", "sessionSeconds", "s", "1800", "warnSeconds", "n", "NaN", "dialog", "n", "1", "x", "!", ""]);
        let message = |e: Box<ConfigError>| e.message(crate::config_error::Naming::Options);
        assert_eq!(
            message(o.seconds("sessionSeconds", 1, 60_000).unwrap_err()),
            "Invalid option sessionSeconds: got the string \"1800\"; it must be a number of seconds from 0.001 to 60"
        );
        assert!(message(o.seconds("warnSeconds", 0, 60_000).unwrap_err()).contains("got NaN"));
        assert_eq!(message(o.boolean("dialog").unwrap_err()), "Invalid option dialog: got 1; it must be true or false");
        assert_eq!(message(o.string("x").unwrap_err()), "Invalid option x: reading it threw");
        let not_object = opts(&["", "a", "0"]).check_object().unwrap_err();
        assert!(message(not_object).contains("got an array"));
    }

    #[test]
    fn attributes_are_read_as_the_option_wants() {
        let attr = |path: &str, text: &str| Record { path: path.into(), kind: Kind::Attr, text: text.into() };
        let o = Options::from_records(
            vec![attr("", ""), attr("warnSeconds", "90"), attr("dialog", ""), attr("crossTab", "false"), attr("list", "401, 440,"), attr("sessionSeconds", "two")],
            parse,
        );
        assert_eq!(o.seconds("warnSeconds", 0, 100_000), Ok(Some(90_000)));
        assert_eq!(o.boolean("dialog"), Ok(Some(true)), "a bare attribute is true");
        assert_eq!(o.boolean("crossTab"), Ok(Some(false)));
        assert_eq!(o.list("list", "").unwrap().unwrap().len(), 2);
        let e = o.seconds("sessionSeconds", 1, 1_000).unwrap_err();
        assert!(e.message(crate::config_error::Naming::Attributes).starts_with("Invalid attribute data-session-seconds: got \"two\""));
    }
}
