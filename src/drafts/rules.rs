//! Which fields may be kept in the browser's session storage. Secrets and
//! one-time values never are.

/// Whether a field with these attributes may be saved. `tag` is the tag
/// name (lower case); `kind` is the `type` of an `<input>` or of a custom
/// element that stands for one (a design system's `<sl-input>`), and
/// "contenteditable" for an editing host (a rich-text editor's), whose
/// text is kept.
pub fn preservable(tag: &str, kind: &str, autocomplete: &str, ignored: bool) -> bool {
    if ignored {
        return false;
    }
    // Compared ignoring ASCII case, token by token, without lowered copies.
    let is = |text: &str, words: &[&str]| words.iter().any(|w| text.eq_ignore_ascii_case(w));
    let secret = |token: &str| {
        is(token, &["off", "one-time-code", "new-password", "current-password"]) || token.as_bytes().get(..3).is_some_and(|p| p.eq_ignore_ascii_case(b"cc-"))
    };
    if autocomplete.split_ascii_whitespace().any(secret) {
        return false;
    }
    match tag {
        "textarea" | "select" => true,
        _ if tag == "input" || tag.bytes().any(|b| b == b'-') => !is(kind, &["password", "hidden", "file", "submit", "button", "reset", "image"]),
        _ => kind == "contenteditable",
    }
}

#[cfg(test)]
mod tests {
    use super::preservable;

    #[test]
    fn ordinary_fields_are_kept() {
        for (tag, kind) in [("input", "text"), ("input", "email"), ("input", ""), ("input", "checkbox"), ("input", "radio"), ("textarea", ""), ("select", "")] {
            assert!(preservable(tag, kind, "", false), "{tag} {kind}");
        }
    }

    #[test]
    fn secrets_and_one_time_values_never_are() {
        for kind in ["password", "PASSWORD", "hidden", "file", "submit", "button", "reset", "image"] {
            assert!(!preservable("input", kind, "", false), "{kind}");
        }
        for ac in ["off", " OFF ", "one-time-code", "cc-number", "billing cc-csc", "shipping CC-NAME", "cc-exp", "new-password", "section-x Current-Password"] {
            assert!(!preservable("input", "text", ac, false), "{ac}");
        }
        assert!(!preservable("textarea", "", "", true), "data-session-timeout-ignore");
        assert!(!preservable("button", "", "", false));
        assert!(!preservable("div", "contenteditable", "off", false), "autocomplete=off on an editor");
        assert!(!preservable("div", "contenteditable", "", true), "an ignored editor");
    }

    #[test]
    fn a_design_systems_fields_are_kept_as_inputs_are() {
        assert!(preservable("sl-input", "", "", false));
        assert!(preservable("md-outlined-text-field", "email", "", false));
        assert!(preservable("sl-checkbox", "", "", false));
        assert!(!preservable("sl-input", "password", "", false));
        assert!(!preservable("sl-input", "text", "cc-number", false));
    }

    #[test]
    fn a_rich_text_editors_text_is_kept() {
        for tag in ["div", "p", "article"] {
            assert!(preservable(tag, "contenteditable", "", false), "{tag}");
        }
        assert!(!preservable("div", "", "", false), "a plain element");
    }
}
