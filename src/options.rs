//! The options as plain data: the platform hands them over as flat
//! records (`path`, kind, text), so reading and checking them is plain
//! Rust on strings, one getter per kind of value, tested natively. A
//! script tag's `data-` attributes become the same records.

use crate::prelude::*;
use crate::config_error::ConfigError;
use crate::core::seconds_text;
use core::cell::Cell;

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
            Kind::Attr => cat(&["\"", &self.text, "\""]),
            Kind::Str => {
                // The first 80 characters, cut at a character's edge.
                // Where the 81st starts: the bytes that start a character
                // counted (no UTF-8 decoder for `char_indices` in the .wasm).
                let mut starts = 0;
                let cut = crate::split::position(&self.text, |b| {
                    starts += usize::from(b & 0xC0 != 0x80);
                    starts > 80
                });
                let cut = cut.unwrap_or(self.text.len());
                let (shown, cut_off) = self.text.split_at_checked(cut).unwrap_or((&self.text, ""));
                let more = if cut_off.is_empty() { "" } else { "…" };
                cat(&["the string \"", shown, more, "\""])
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

/// The options object, as records. Reading never stops at a bad value:
/// the first problem is kept (`finish` returns it) and the getter gives
/// `None`, so the code that reads every option has one way out, not one
/// per option (each costs bytes in the .wasm).
pub struct Options {
    records: Vec<Record>,
    number: NumberParser,
    /// The first problem found (a `Cell`, taken and put back: no borrow
    /// flag and no panic path).
    problem: Cell<Option<Box<ConfigError>>>,
}

impl Options {
    /// From the platform's flat text `path␀kind␀text␀path␀kind␀text…`
    /// (one string crosses the boundary, not one per field).
    pub fn from_flat(flat: &str, number: NumberParser) -> Options {
        let mut records = Vec::new();
        read_flat(flat, "", &mut records);
        Options::from_records(records, number)
    }

    /// From records made in Rust (the script tag's attributes).
    pub fn from_records(records: Vec<Record>, number: NumberParser) -> Options {
        Options { records, number, problem: Cell::new(None) }
    }

    /// How the options object itself looks in a message (`undefined`
    /// when there was nothing).
    pub fn describe_root(&self) -> String {
        self.record("").map_or_else(|| "undefined".into(), Record::describe)
    }

    /// Whether the whole thing is a plain object (if not, that is the problem).
    pub fn is_object(&self) -> bool {
        let object = self.record("").is_some_and(|root| root.kind == Kind::Object);
        if !object {
            self.fail(Box::new(ConfigError::NotAnObject { given: self.describe_root() }));
        }
        object
    }

    /// Keeps `problem` unless an earlier one was found.
    pub fn fail(&self, problem: Box<ConfigError>) {
        let kept = self.problem.take();
        self.problem.set(kept.or(Some(problem)));
    }

    /// `record`'s value broke `rule`.
    pub fn bad(&self, record: &Record, rule: &str) {
        self.fail(invalid(record, rule));
    }

    /// Ends the reading at the problem just kept (or an earlier one).
    pub fn stop<T>(&self) -> Result<T, Box<ConfigError>> {
        self.finish()?;
        Err(Box::new(ConfigError::Invalid { option: String::new(), given: None, rule: "the options could not be read".into() }))
    }

    /// The first problem found, if any.
    pub fn finish(&self) -> Result<(), Box<ConfigError>> {
        self.problem.take().map_or(Ok(()), Err)
    }

    fn record(&self, path: &str) -> Option<&Record> {
        self.records.iter().find(|r| r.path == path)
    }

    /// The value at `path`; `None` when missing, `undefined` or `null`.
    pub fn get(&self, path: &str) -> Option<&Record> {
        let r = self.record(path)?;
        if r.kind == Kind::Threw {
            self.fail(Box::new(ConfigError::Invalid { option: path.to_owned(), given: None, rule: "reading it threw".into() }));
        }
        (r.kind != Kind::Absent && r.kind != Kind::Threw).then_some(r)
    }

    /// The keys directly under `path` ("" for the top level), in order.
    pub fn keys<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        // Read as they are used, not gathered into a list: less .wasm.
        self.records.iter().filter_map(move |r| child_key(&r.path, path).filter(|key| !key.is_empty()))
    }

    /// Every key under `parent` must be one of `known`, a list of
    /// [`names`] (`what` names them).
    pub fn check_keys(&self, parent: &str, what: &'static str, known: &str) {
        if let Some(key) = self.keys(parent).find(|k| !names(known).any(|n| n == *k)) {
            self.fail(Box::new(ConfigError::Unknown { what, name: key.to_owned(), hint: hint(key, known, "names") }));
        }
    }

    /// A record's number (an attribute's text read as one); NaN if it is none.
    pub fn number_of(&self, r: &Record) -> f64 {
        match r.kind {
            Kind::Num => (self.number)(&r.text),
            Kind::Attr if !r.text.trim_ascii().is_empty() => (self.number)(&r.text),
            _ => f64::NAN,
        }
    }

    /// A finite number of seconds within `min_ms..=max_ms`, as milliseconds.
    pub fn seconds(&self, path: &str, min_ms: u64, max_ms: u64) -> Option<u64> {
        let r = self.get(path)?;
        let n = self.number_of(r) * 1000.0;
        if !n.is_finite() || n < min_ms as f64 || n > max_ms as f64 {
            self.bad(r, &cat(&["it must be a number of seconds from ", &seconds_text(min_ms), " to ", &seconds_text(max_ms)]));
            return None;
        }
        // Rounded to whole ms (n is never negative here; no f64::round in no_std).
        Some((n + 0.5) as u64)
    }

    /// A string, trimmed; empty counts as a mistake.
    pub fn string(&self, path: &str) -> Option<String> {
        let r = self.get(path)?;
        let trimmed = r.text.trim_ascii();
        if !matches!(r.kind, Kind::Str | Kind::Attr) || trimmed.is_empty() {
            self.bad(r, "it must be a non-empty string");
            return None;
        }
        Some(trimmed.to_owned())
    }

    /// A string exactly as given (texts keep their spaces).
    pub fn text(&self, path: &str) -> Option<String> {
        let r = self.get(path)?;
        if !matches!(r.kind, Kind::Str | Kind::Attr) {
            self.bad(r, "it must be a string");
            return None;
        }
        Some(r.text.clone())
    }

    /// `true` or `false` (an attribute: present, "true" or "false").
    pub fn boolean(&self, path: &str) -> Option<bool> {
        let r = self.get(path)?;
        match (r.kind, r.text.trim_ascii()) {
            (Kind::Bool | Kind::Attr, "true") | (Kind::Attr, "") => Some(true),
            (Kind::Bool | Kind::Attr, "false") => Some(false),
            _ => {
                self.bad(r, "it must be true or false");
                None
            }
        }
    }

    /// Hands `item` each item of an array (an attribute: each of its
    /// comma-separated parts), read as they are used; false when the
    /// value is not given, or is no list (`rule` says what it must be).
    pub fn each(&self, path: &str, rule: &str, item: &mut dyn FnMut(&Record)) -> bool {
        let Some(r) = self.get(path) else { return false };
        match r.kind {
            Kind::Array => {
                let prefix = cat(&[path, "."]);
                for record in &self.records {
                    if record.path.strip_prefix(prefix.as_str()).is_some_and(|k| crate::split::find(k, b'.').is_none()) {
                        item(record);
                    }
                }
            }
            Kind::Attr => {
                for part in crate::split::split(&r.text, b',').map(str::trim_ascii).filter(|s| !s.is_empty()) {
                    item(&Record { path: path.to_owned(), kind: Kind::Attr, text: part.to_owned() });
                }
            }
            _ => {
                self.bad(r, rule);
                return false;
            }
        }
        true
    }
}

/// Adds the records of the platform's flat text `path␀kind␀text␀…` to
/// `records`, each path under `parent` (none: "").
pub fn read_flat(flat: &str, parent: &str, records: &mut Vec<Record>) {
    let mut it = crate::split::split(flat, 0);
    while let (Some(path), Some(kind), Some(text)) = (it.next(), it.next(), it.next()) {
        let dot = if parent.is_empty() || path.is_empty() { "" } else { "." };
        records.push(Record { path: cat(&[parent, dot, path]), kind: Kind::of_code(kind), text: text.to_owned() });
    }
}

/// `record`'s value broke `rule`.
pub fn invalid(record: &Record, rule: &str) -> Box<ConfigError> {
    let (option, rule) = (record.path.clone(), rule.to_owned());
    Box::new(match record.kind {
        Kind::Attr => ConfigError::Attribute { option, text: record.text.clone(), rule },
        _ => ConfigError::Invalid { option, given: Some(record.describe()), rule },
    })
}

/// `key` when `path` is `parent.key` (or `key` at the top, parent "").
fn child_key<'a>(path: &'a str, parent: &str) -> Option<&'a str> {
    let rest = if parent.is_empty() { path } else { path.strip_prefix(parent)?.strip_prefix(".")? };
    crate::split::find(rest, b'.').is_none().then_some(rest)
}

/// The names of a list written as one string, each name followed by a
/// space (`"mode include exclude "`; the last space may be left out).
/// Lists of names are kept so, not as arrays of `&str`: an array is a
/// table of pointers and lengths in the .wasm that compresses badly.
pub fn names(list: &str) -> impl Iterator<Item = &str> {
    crate::split::split(list, b' ').filter(|name| !name.is_empty())
}

/// What to say of an unknown name: the one meant, or every known `kinds`
/// (`known` a list of [`names`]).
pub fn hint(unknown: &str, known: &str, kinds: &str) -> String {
    match suggest(unknown, known) {
        Some(s) => cat(&["did you mean ", s, "?"]),
        None => {
            let mut out = cat(&["known ", kinds, " are "]);
            for (i, name) in names(known).enumerate() {
                out.extend([if i == 0 { "" } else { ", " }, name]);
            }
            out
        }
    }
}

/// The known name closest to `unknown`, if any is close enough to be a typo.
pub fn suggest<'a>(unknown: &str, known: &'a str) -> Option<&'a str> {
    // The first of the closest, as `min_by_key` would keep.
    let mut best: Option<(usize, &str)> = None;
    for k in names(known) {
        let d = edit_distance(unknown.as_bytes(), k.as_bytes());
        if d <= (k.len() / 3).max(2) && best.map_or(true, |(b, _)| d < b) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

/// Edits between `a` and `b`, ignoring ASCII case, byte by byte: the
/// known names are ASCII, so a typo of one is a few bytes from it.
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    // row[j]: edits between what of `a` is read so far and b[..j].
    let mut row = Vec::new();
    for j in 0..=b.len() {
        row.push(j);
    }
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (cb, above) in b.iter().zip(row.iter_mut().skip(1)) {
            let here = (diagonal + usize::from(!ca.eq_ignore_ascii_case(cb))).min(left + 1).min(*above + 1);
            diagonal = *above;
            *above = here;
            left = here;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config_error::Naming;

    fn parse(s: &str) -> f64 {
        s.trim().parse().unwrap_or(f64::NAN)
    }

    fn opts(flat: &[&str]) -> Options {
        Options::from_flat(&flat.join("\0"), parse)
    }

    fn problem(o: &Options, naming: Naming) -> String {
        o.finish().err().map(|e| e.message(naming)).unwrap_or_default()
    }

    #[test]
    fn no_options_object_is_named_as_given() {
        let nothing = Options::from_flat("", parse);
        assert!(!nothing.is_object());
        assert_eq!(problem(&nothing, Naming::Options), "SessionTimeout needs an options object such as { sessionSeconds: 1800 }; got undefined");
        assert_eq!(opts(&["", "u", "null"]).describe_root(), "null");
        assert_eq!(opts(&["", "n", "1800"]).describe_root(), "1800");
    }

    #[test]
    fn long_strings_are_shown_to_80_characters() {
        let shown = |text: &str| Record { path: String::new(), kind: Kind::Str, text: text.into() }.describe();
        let long = "é".repeat(79) + "€ü" + "tail";
        assert_eq!(shown(&long), format!("the string \"{}€…\"", "é".repeat(79)));
        let exact = "a".repeat(80);
        assert_eq!(shown(&exact), format!("the string \"{exact}\""), "80 is shown whole");
        assert_eq!(shown(""), "the string \"\"");
    }

    #[test]
    fn suggests_the_option_meant() {
        let known = "sessionSeconds warnSeconds redirectUrl ";
        assert_eq!(suggest("sessionSecond", known), Some("sessionSeconds"));
        assert_eq!(suggest("warnseconds", known), Some("warnSeconds"));
        assert_eq!(suggest("redirectURL", known), Some("redirectUrl"));
        assert_eq!(suggest("colour", known), None);
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_and_changes() {
        for (a, b, d) in [("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("ABC", "abc", 0), ("flaw", "lawn", 2), ("same", "same", 0)] {
            assert_eq!(edit_distance(a.as_bytes(), b.as_bytes()), d, "{a} → {b}");
        }
    }

    #[test]
    fn rules_show_seconds_as_javascript_writes_them() {
        let shown = [1, 0, 120_000, 1_500, 31_622_400_000].map(seconds_text);
        assert_eq!(shown, ["0.001", "0", "120", "1.5", "31622400"]);
    }

    #[test]
    fn reads_each_kind() {
        let o = opts(&[
            "", "o", "", "sessionSeconds", "n", "1800", "crossTab", "b", "false", "channel", "s", " app ", "text", "o", "",
            "text.stayButton", "s", " Keep ", "trackRequests", "o", "", "trackRequests.include", "a", "2",
            "trackRequests.include.0", "s", "/api/", "trackRequests.include.1", "s", "/x/", "signOutUrl", "u", "null",
        ]);
        assert!(o.is_object());
        assert_eq!(o.seconds("sessionSeconds", 1, 10_000_000), Some(1_800_000));
        assert_eq!(o.boolean("crossTab"), Some(false));
        assert_eq!(o.string("channel").as_deref(), Some("app"));
        assert_eq!(o.text("text.stayButton").as_deref(), Some(" Keep "));
        assert_eq!(o.string("signOutUrl"), None, "null is not given");
        assert_eq!(o.keys("").collect::<Vec<_>>(), ["sessionSeconds", "crossTab", "channel", "text", "trackRequests", "signOutUrl"]);
        assert_eq!(o.keys("text").collect::<Vec<_>>(), ["stayButton"]);
        let mut items = Vec::new();
        assert!(o.each("trackRequests.include", "an array", &mut |r| items.push(r.text.clone())));
        assert_eq!(items, ["/api/", "/x/"]);
        o.check_keys("", "option", "sessionSeconds crossTab channel text trackRequests signOutUrl");
        assert!(o.finish().is_ok(), "nothing wrong");
    }

    #[test]
    fn the_first_problem_names_the_value_and_the_rule() {
        let o = opts(&["", "o", "", "sessionSeconds", "s", "1800", "warnSeconds", "n", "NaN", "dialog", "n", "1", "x", "!", ""]);
        assert_eq!(o.seconds("sessionSeconds", 1, 60_000), None);
        assert_eq!(o.seconds("warnSeconds", 0, 60_000), None, "later problems are not reported over the first");
        assert_eq!(problem(&o, Naming::Options), "Invalid option sessionSeconds: got the string \"1800\"; it must be a number of seconds from 0.001 to 60");
        o.seconds("warnSeconds", 0, 60_000);
        assert!(problem(&o, Naming::Options).contains("got NaN"));
        o.boolean("dialog");
        assert_eq!(problem(&o, Naming::Options), "Invalid option dialog: got 1; it must be true or false");
        o.string("x");
        assert_eq!(problem(&o, Naming::Options), "Invalid option x: reading it threw");
        o.check_keys("", "option", "sessionSeconds warnSeconds dialog locale");
        assert_eq!(problem(&o, Naming::Options), "Unknown option x: known names are sessionSeconds, warnSeconds, dialog, locale");
        let not_object = opts(&["", "a", "0"]);
        assert!(!not_object.is_object());
        assert!(problem(&not_object, Naming::Options).contains("got an array"));
    }

    #[test]
    fn attributes_are_read_as_the_option_wants() {
        let attr = |path: &str, text: &str| Record { path: path.into(), kind: Kind::Attr, text: text.into() };
        let o = Options::from_records(
            vec![attr("", ""), attr("warnSeconds", "90"), attr("dialog", ""), attr("crossTab", "false"), attr("list", "401, 440,"), attr("sessionSeconds", "two")],
            parse,
        );
        assert_eq!(o.seconds("warnSeconds", 0, 100_000), Some(90_000));
        assert_eq!(o.boolean("dialog"), Some(true), "a bare attribute is true");
        assert_eq!(o.boolean("crossTab"), Some(false));
        let mut parts = 0;
        assert!(o.each("list", "", &mut |_| parts += 1));
        assert_eq!(parts, 2);
        assert!(o.finish().is_ok());
        assert_eq!(o.seconds("sessionSeconds", 1, 1_000), None);
        assert_eq!(problem(&o, Naming::Attributes), "Invalid attribute data-session-seconds=\"two\": it must be a number of seconds from 0.001 to 1");
    }
}
