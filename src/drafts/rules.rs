//! Which fields may be kept in the browser's session storage. Secrets and
//! one-time values never are.

/// Whether a field with these attributes may be saved. `kind` is the tag
/// name (lower case) and, for `<input>`, its `type`.
pub fn preservable(tag: &str, kind: &str, autocomplete: &str, ignored: bool) -> bool {
    if ignored {
        return false;
    }
    let autocomplete = autocomplete.trim().to_ascii_lowercase();
    if autocomplete == "off"
        || autocomplete == "one-time-code"
        || autocomplete.split_ascii_whitespace().any(|t| t.starts_with("cc-") || t == "new-password" || t == "current-password")
    {
        return false;
    }
    match tag {
        "textarea" | "select" => true,
        "input" => !matches!(
            kind.to_ascii_lowercase().as_str(),
            "password" | "hidden" | "file" | "submit" | "button" | "reset" | "image"
        ),
        _ => false,
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
        for ac in ["off", "OFF", "one-time-code", "cc-number", "billing cc-csc", "cc-exp", "new-password", "current-password"] {
            assert!(!preservable("input", "text", ac, false), "{ac}");
        }
        assert!(!preservable("textarea", "", "", true), "data-session-timeout-ignore");
        assert!(!preservable("button", "", "", false));
    }
}
