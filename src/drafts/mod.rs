//! Nothing typed is lost: forms (or fields) marked
//! `data-session-timeout-preserve` are saved to `sessionStorage` when the
//! session ends on its own, and put back when the user returns to the same
//! page signed in again. A deliberate sign-out deletes them. Which fields,
//! under which key and for how long is decided here; the platform reads
//! and writes the fields.

use crate::prelude::*;
mod rules;

use crate::core::EpochMs;
use crate::platform;

const PREFIX: &str = "session-timeout:draft:";
/// The marker; its value, when given, names the person signed in.
macro_rules! preserve {
    () => {
        "data-session-timeout-preserve"
    };
}
const ATTRIBUTE: &str = preserve!();
const IGNORE: &str = "[data-session-timeout-ignore]";
pub const MARK: &str = concat!("[", preserve!(), "]");
/// What is kept: form fields, and editing hosts (rich-text editors'),
/// found by attribute, not `isContentEditable`, which WebKit says is
/// false under the modal dialog open as the session ends. (A marked root,
/// or a field a page adds into one later, such as an editor made once its
/// script has loaded, may be what a copy waits for.)
pub const FIELDS: &str = "input, textarea, select, [contenteditable]:not([contenteditable=false i])";

/// One place where drafts of this page are kept.
pub struct Drafts {
    fields: platform::Fields,
    max_age_ms: u64,
    /// A saved copy may still wait for its form (one a single-page app
    /// renders later): restore again when marked roots are added.
    pub pending: bool,
    /// Whether this page has looked for its saved copies yet.
    pub looked: bool,
    /// The page (route) this page saved copies of, until they are
    /// withdrawn or forgotten ("" when none).
    saved_on: String,
}

/// One field as the platform read it.
struct Field<'a> {
    key: String,
    /// Whether it no longer holds what the page was served with: someone
    /// typed before the library started, and a copy must not undo that.
    changed: bool,
    /// Its state as JSON text.
    state: &'a str,
}

impl Drafts {
    /// Drafts of the page (origin + path, read at each use: a single-page
    /// app's route changes it without a reload). Storage is first
    /// touched when a marked form is there (or at a chosen sign-out, as
    /// the page leaves): the first use of `sessionStorage` costs a page
    /// about 2 ms (Chromium 156, median).
    pub fn new(max_age_ms: u64) -> Drafts {
        Drafts { fields: platform::Fields::new(ATTRIBUTE, IGNORE, FIELDS), max_age_ms, pending: false, looked: false, saved_on: String::new() }
    }

    /// Whether a record of this page, younger than the maximum age, still
    /// waits for its form: one a framework renders after start.
    pub fn waiting(&self, now: EpochMs) -> bool {
        let newest = self.fields.newest(&page_prefix());
        newest >= 0.0 && now.saturating_sub(crate::timer::epoch_ms(newest)) <= self.max_age_ms
    }

    /// Saves every marked form and field; returns how many fields were
    /// kept (none where `sessionStorage` is unavailable: some privacy modes).
    pub fn save(&mut self, now: EpochMs) -> usize {
        let read = self.fields.read();
        let mut kept = 0;
        for (i, root) in roots(&read) {
            let mut parts = crate::split::split(root, 1);
            let (identity, owner) = identity_and_owner(parts.next());
            // The record as the platform reads and stores it:
            // `savedAt␀owner␀key␀state␀key␀state…`, each state JSON.
            let mut saved = String::new();
            let mut count = 0;
            for part in parts {
                let Some(field) = field(part) else { continue };
                saved.extend(["\0", &field.key, "\0", field.state]);
                count += 1;
            }
            if count > 0 && self.fields.store(&self.key(identity, i), &cat(&[&crate::core::decimal(now), "\0", owner, &saved])) {
                kept += count;
            }
        }
        if kept > 0 {
            self.saved_on = page_prefix();
        }
        kept
    }

    /// Puts saved fields back and returns how many came back; `None` when
    /// the page has no marked root (storage was not opened). What found
    /// no field is saved again, as it was, for a field the page adds later
    /// (an editor made once its script loads); the rest of the copy goes.
    /// Copies older than the maximum age are deleted unread.
    pub fn restore(&self, now: EpochMs) -> Option<usize> {
        let read = self.fields.read();
        if read.is_empty() {
            return None;
        }
        let mut restored = 0;
        for (i, root) in roots(&read) {
            let mut parts = crate::split::split(root, 1);
            let (identity, owner) = identity_and_owner(parts.next());
            // `savedAt␀owner␀key␀state␀key␀state…`, the platform's reading
            // of the record saved there, now gone from storage (empty if
            // there is none).
            let key = self.key(identity, i);
            let saved = self.fields.load(&key);
            let Some((saved_at, rest)) = crate::split::split_once(&saved, 0) else { continue };
            let Some((saved_by, entries)) = crate::split::split_once(rest, 0) else { continue };
            // Not a time (NaN, negative) reads as 0: too old. Another
            // person's typing (a computer people share) is deleted unread.
            if now.saturating_sub(crate::timer::epoch_ms(platform::number(saved_at))) > self.max_age_ms || saved_by != owner {
                continue;
            }
            // Fields of one name (`phone[]`, editors in one element with
            // an id) were saved in page order: each copy goes to the first
            // field of its name not yet given one.
            let mut taken: Vec<u32> = Vec::new();
            let mut left = String::new();
            let mut items = crate::split::split(entries, 0);
            while let (Some(name), Some(state)) = (items.next(), items.next()) {
                let mut found = None;
                for (f, part) in (0u32..).zip(crate::split::split(root, 1).skip(1)) {
                    match field(part) {
                        Some(field) if field.key == name && !taken.iter().any(|&t| t == f) => {
                            found = Some((f, field.changed));
                            break;
                        }
                        _ => {}
                    }
                }
                match found {
                    // Typed into since the page was served: that stays.
                    Some((f, changed)) => {
                        taken.push(f);
                        restored += usize::from(!changed && self.fields.write(i as u32, f, state));
                    }
                    None => left.extend(["\0", name, "\0", state]),
                }
            }
            if !left.is_empty() {
                self.fields.store(&key, &cat(&[saved_at, "\0", owner, &left]));
            }
        }
        Some(restored)
    }

    /// Deletes every draft of this origin (a deliberate sign-out).
    pub fn forget_all(&mut self) {
        let origin_prefix = cat(&[PREFIX, &platform::origin()]);
        self.fields.forget(&origin_prefix);
        self.saved_on.clear();
    }

    /// Whether this page has saved copies since the session ended: those
    /// wait for the next sign-in, not for this page's forms.
    pub fn saved(&self) -> bool {
        !self.saved_on.is_empty()
    }

    /// The session lives again (nothing to do if this page saved none).
    /// On the route it saved on, the form still holds what the copy
    /// does: the copy goes. After a route change the copy is all there is
    /// of that typing: it waits for its form, and copies of the route now
    /// shown are not touched.
    pub fn withdraw(&mut self) {
        let saved_on = core::mem::take(&mut self.saved_on);
        if saved_on.is_empty() {
            return;
        }
        if saved_on == page_prefix() {
            self.fields.forget(&saved_on);
        } else {
            self.pending = true;
        }
    }

    /// Says, politely, what came back (a status note before the first
    /// marked form), until the instance is destroyed.
    pub fn notice(&self, text: &str) {
        self.fields.notice(text);
    }

    /// Takes the note away (the instance is destroyed).
    pub fn remove_notice(&self) {
        platform::undo(&self.fields);
    }

    fn key(&self, identity: &str, index: usize) -> String {
        let index = crate::core::decimal(index as u64);
        cat(&[&page_prefix(), if identity.is_empty() { &index } else { identity }])
    }
}

/// The start of every key of this page's records.
fn page_prefix() -> String {
    cat(&[PREFIX, &platform::page_key(), "#"])
}

/// The marked roots in page order, each with its index: its identity,
/// then each field after U+0001, in the platform's order (read as they
/// are used: no list of roots and fields is built).
fn roots(read: &str) -> impl Iterator<Item = (usize, &str)> {
    crate::split::split(read, 2).skip(1).enumerate()
}

/// A root's identity (its id or name) and the marker's value, which
/// names the person whose typing it holds ("" when not given).
fn identity_and_owner(head: Option<&str>) -> (&str, &str) {
    let head = head.unwrap_or_default();
    crate::split::split_once(head, 0).unwrap_or((head, ""))
}

/// One field's record, if it may be kept and can be found again.
fn field(record: &str) -> Option<Field<'_>> {
    let mut items = crate::split::split(record, 0);
    let mut next = || items.next().unwrap_or_default();
    let (tag, kind, autocomplete, ignored) = (next(), next(), next(), next() == "1");
    if !rules::preservable(tag, kind, autocomplete, ignored) {
        return None;
    }
    let (name, id, value, checkable, changed) = (next(), next(), next(), next() == "1", next() == "1");
    let key = field_key(name, id, value, checkable)?;
    Some(Field { key, changed, state: next() })
}

/// A field is known by its name (and value, for radios and checkboxes),
/// else its id; without either it cannot be found again.
fn field_key(name: &str, id: &str, value: &str, checkable: bool) -> Option<String> {
    let name = if name.is_empty() { id } else { name };
    if name.is_empty() {
        return None;
    }
    Some(if checkable { cat(&[name, "=", value]) } else { name.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::field_key;

    #[test]
    fn fields_are_known_by_name_then_id() {
        assert_eq!(field_key("email", "e", "x", false).as_deref(), Some("email"));
        assert_eq!(field_key("", "notes", "", false).as_deref(), Some("notes"));
        assert_eq!(field_key("size", "", "large", true).as_deref(), Some("size=large"), "radios and checkboxes by value");
        assert_eq!(field_key("", "", "x", false), None);
    }
}
