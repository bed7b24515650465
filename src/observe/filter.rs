//! Which observed requests are the session's business.

use crate::prelude::*;
use crate::config::TrackRequests;

/// Whether a response from `href` (already absolute) counts: same origin,
/// not one of our own calls, inside `include` (when given) and outside
/// `exclude`. A prefix that starts with `/` matches the path and query;
/// any other prefix matches the whole URL.
pub fn counts(href: &str, origin: &str, rules: &TrackRequests, own: &[Option<&str>]) -> bool {
    let TrackRequests::Prefixes { include, exclude, .. } = rules else { return false };
    let Some(path) = crate::urls::on_origin(href, origin) else { return false };
    if own.iter().flatten().any(|o| strip_fragment(href) == strip_fragment(o)) {
        return false;
    }
    let matches = |prefix: &String| if prefix.starts_with("/") { path.starts_with(prefix.as_str()) } else { href.starts_with(prefix.as_str()) };
    if exclude.iter().any(matches) {
        return false;
    }
    include.is_empty() || include.iter().any(matches)
}

/// The URL without its `#fragment`.
pub fn strip_fragment(url: &str) -> &str {
    crate::split::before(url, b'#')
}

#[cfg(test)]
mod tests {
    use super::counts;
    use crate::config::{TrackMode, TrackRequests};

    const O: &str = "https://app.example";

    fn rules(include: &[&str], exclude: &[&str]) -> TrackRequests {
        TrackRequests::Prefixes {
            mode: TrackMode::Patch,
            include: include.iter().map(|s| s.to_string()).collect(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn same_origin_only() {
        let all = rules(&[], &[]);
        assert!(counts("https://app.example/api/x", O, &all, &[]));
        assert!(!counts("https://cdn.example/x.js", O, &all, &[]));
        assert!(!counts("https://app.example.evil/x", O, &all, &[]));
        assert!(counts("https://app.example", O, &all, &[]));
    }

    #[test]
    fn exclude_wins_over_include() {
        let r = rules(&["/api/"], &["/api/health"]);
        assert!(counts("https://app.example/api/orders?page=2", O, &r, &[]));
        assert!(!counts("https://app.example/api/health", O, &r, &[]));
        assert!(!counts("https://app.example/static/app.js", O, &r, &[]));
    }

    #[test]
    fn full_url_prefixes_and_own_calls() {
        let r = rules(&["https://app.example/xas/"], &[]);
        assert!(counts("https://app.example/xas/", O, &r, &[]));
        let own = [None, Some("https://app.example/session/status")];
        assert!(!counts("https://app.example/session/status#x", O, &rules(&[], &[]), &own));
    }

    #[test]
    fn off_counts_nothing() {
        assert!(!counts("https://app.example/api/x", O, &TrackRequests::Off, &[]));
    }
}
