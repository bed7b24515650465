//! The options of the JS contract (shared/DESIGN.md), read and checked
//! once. A bad value throws a `SessionTimeoutConfigError` naming the
//! option, the value given and the rule it broke.

use crate::prelude::*;
use crate::js::Function;
use crate::core::ClockSettings;
use crate::csrf::{self, Csrf, Source};
use crate::sign_in;
use crate::config_error::ConfigError;
use crate::options::{Kind, Options, Record};
use wasm_bindgen::{JsCast, JsValue};

/// Every option name the library knows, each followed by a space (one
/// string, not a table of pointers: read it with `options::names`).
pub const OPTION_NAMES: &str = concat!(
    "sessionSeconds ",
    "warnSeconds ",
    "redirectSeconds ",
    "keepAliveUrl ",
    "keepAliveMethod ",
    "redirectUrl ",
    "signOutUrl ",
    "trackRequests ",
    "remainingHeader ",
    "statusUrl ",
    "crossTab ",
    "dialog ",
    "text ",
    "csrfHeader ",
    "returnParam ",
    "keepAliveTimeoutSeconds ",
    "locale ",
    "unauthorizedStatuses ",
    "keepAliveOnActivity ",
    "channel ",
    "draftMaxAgeSeconds ",
    "allowedOrigins ",
    "allowShortWarning ",
    "csrf ",
    "signInUrl ",
    "titleAlert ",
    "keepAlive ",
    "status ",
    "absoluteExpiresAt ",
    "absoluteHeader ",
);

pub use crate::text::TEXT_KEYS;

const YEAR_MS: u64 = 366 * 24 * 3_600_000;
const METHODS: &[&str] = &["POST", "GET", "PUT", "PATCH"];

/// Where to send the user when the session ends.
#[derive(Clone, Debug)]
pub enum RedirectTarget {
    /// Reload the current page; the server sends a signed-out user on.
    CurrentPage,
    /// A fixed URL.
    Url(String),
    /// `(reason) => url`, asked at redirect time (SSO users, say).
    Function(Function),
}

/// How requests are seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrackMode {
    /// Wrap fetch and XHR: exact status and headers, at once.
    Patch,
    /// PerformanceObserver resource entries: touches no global.
    Observe,
}

/// Which requests count as activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrackRequests {
    /// None.
    Off,
    /// Same-origin requests whose URL starts with an `include` prefix
    /// (all when empty) and with no `exclude` prefix.
    Prefixes {
        /// How they are seen.
        mode: TrackMode,
        /// URL prefixes that count; empty means all.
        include: Vec<String>,
        /// URL prefixes that never count; these win.
        exclude: Vec<String>,
    },
}

/// The checked options.
#[derive(Clone, Debug)]
pub struct Config {
    /// The three durations of the clock.
    pub clock: ClockSettings,
    /// The keep-alive endpoint, if any.
    pub keep_alive_url: Option<String>,
    /// Its method, upper-case.
    pub keep_alive_method: String,
    /// Where the page goes when the session ends.
    pub redirect_url: RedirectTarget,
    /// Where "Sign out" goes, if offered.
    pub sign_out_url: Option<String>,
    /// Which requests count as activity.
    pub track_requests: TrackRequests,
    /// A response header that carries whole seconds left.
    pub remaining_header: Option<String>,
    /// A GET endpoint that reports seconds left without extending.
    pub status_url: Option<String>,
    /// `keepAlive()`: extends the session instead of a request (token sessions).
    pub keep_alive_fn: Option<Function>,
    /// `status()`: seconds left instead of a request to `statusUrl`.
    pub status_fn: Option<Function>,
    /// The session's hard end (epoch ms), which nothing extends.
    pub absolute_expires_at: Option<u64>,
    /// A response header with whole seconds until the hard end.
    pub absolute_header: Option<String>,
    /// Share the clock with other tabs.
    pub cross_tab: bool,
    /// Which tabs share it (default: every tab of this origin).
    pub channel: Option<String>,
    /// Render the dialogs (false: events only).
    pub dialog: bool,
    /// Show the countdown in the tab's title while a dialog is open.
    pub title_alert: bool,
    /// Overrides of visible and announced strings, by `text` key.
    pub text: crate::text::Overrides,
    /// Which CSRF token the keep-alive carries, in which header.
    pub csrf: Csrf,
    /// The sign-in page (absolute, no query): a request redirected there
    /// means the session is gone.
    pub sign_in_url: Option<String>,
    /// Query parameter that carries the current path to the sign-in page.
    pub return_param: Option<String>,
    /// How long a keep-alive may take before it counts as failed.
    pub keep_alive_timeout_ms: u32,
    /// BCP 47 language for durations; empty means the page's `lang`.
    pub locale: String,
    /// Response statuses that mean the session is gone.
    pub unauthorized_statuses: Vec<u16>,
    /// How long a saved draft may wait for the user to come back.
    pub draft_max_age_ms: u64,
    /// Other origins the page may be sent to (an SSO identity provider).
    pub allowed_origins: Vec<String>,
}

impl Config {
    /// The library's own calls (absolute), which are judged where they
    /// are made, not as the page's requests.
    pub fn own_urls(&self) -> [Option<&str>; 2] {
        [self.keep_alive_url.as_deref(), self.status_url.as_deref()]
    }

    /// Reads and checks a JS options object.
    pub fn from_js(value: &JsValue) -> Result<Config, Box<ConfigError>> {
        let options = Options::from_flat(&crate::platform::flatten(value), crate::platform::number);
        Config::from_options(&options, value)
    }

    /// Checks `options`; `source` is the object they came from, where the
    /// function options are (undefined for a script tag). Every option is
    /// read; the first problem found is the error.
    pub fn from_options(o: &Options, source: &JsValue) -> Result<Config, Box<ConfigError>> {
        if !o.is_object() {
            return o.stop();
        }
        let allowed_origins = allowed_origins(o);
        let url = |name: &str| checked_url(o, name, Some(&allowed_origins));
        // The library's own requests: this origin only (see `checked_url`).
        let request_url = |name: &str| checked_url(o, name, None);
        o.check_keys("", "option", OPTION_NAMES);
        let session_ms = o.seconds("sessionSeconds", 1, YEAR_MS);
        if session_ms.is_none() {
            o.fail(Box::new(ConfigError::Missing { option: "sessionSeconds", hint: "set it to the server's session timeout in seconds (for example 1800)" }));
        }
        let session_ms = session_ms.unwrap_or(YEAR_MS);
        let warn_ms = o.seconds("warnSeconds", 0, YEAR_MS).unwrap_or(120_000.min(session_ms / 2));
        let redirect_ms = o.seconds("redirectSeconds", 0, YEAR_MS).unwrap_or(10_000);
        let mut clock = match ClockSettings::new(session_ms, warn_ms, redirect_ms) {
            Ok(clock) => clock,
            Err(e) => {
                match o.get("warnSeconds") {
                    Some(given) => o.bad(given, &cat(&[e.describe().as_str(), "; lower warnSeconds or raise sessionSeconds"])),
                    None => o.fail(Box::new(ConfigError::Invalid { option: "warnSeconds".into(), given: None, rule: e.describe() })),
                }
                return o.stop();
            }
        };
        short_warning_check(o, warn_ms);
        let status_url = request_url("statusUrl");
        let keep_alive_fn = function(o, source, "keepAlive", "keepAliveUrl", "a function returning a Promise of true, false or { secondsLeft }");
        let status_fn = function(o, source, "status", "statusUrl", "a function returning a Promise of the seconds left (or null)");
        if status_url.is_some() || status_fn.is_some() {
            clock = clock.with_status_checks();
        }
        if let Some(throttle_ms) = activity_throttle(o) {
            clock = clock.with_keep_alive_on_activity(throttle_ms);
        }
        let keep_alive_method = match o.string("keepAliveMethod").map(|m| m.to_ascii_uppercase()) {
            Some(m) if METHODS.contains(&m.as_str()) => m,
            Some(_) => {
                bad_at(o, "keepAliveMethod", "it must be POST, GET, PUT or PATCH");
                String::new()
            }
            None => "POST".to_owned(),
        };
        let redirect_url = redirect_target(o, source, &allowed_origins);
        let sign_in_url = match url("signInUrl") {
            Some(u) => {
                let page = sign_in::from_redirect_url(&u);
                if page.is_none() {
                    bad_at(o, "signInUrl", "it must name the sign-in page, such as \"/accounts/login/\"; the site root would match every page");
                }
                page
            }
            None => match &redirect_url {
                RedirectTarget::Url(u) => sign_in::from_redirect_url(u),
                _ => None,
            },
        };
        let config = Config {
            clock,
            keep_alive_url: request_url("keepAliveUrl"),
            keep_alive_method,
            redirect_url,
            sign_in_url,
            sign_out_url: url("signOutUrl"),
            track_requests: track_requests(o),
            remaining_header: header_name(o, "remainingHeader", "Session-Expires-In"),
            status_url,
            keep_alive_fn,
            status_fn,
            absolute_expires_at: absolute_expires_at(o),
            absolute_header: header_name(o, "absoluteHeader", "Session-Absolute-Expires-In"),
            cross_tab: o.boolean("crossTab").unwrap_or(true),
            channel: o.string("channel"),
            dialog: o.boolean("dialog").unwrap_or(true),
            title_alert: o.boolean("titleAlert").unwrap_or(true),
            text: text(o),
            csrf: csrf(o),
            return_param: o.string("returnParam"),
            keep_alive_timeout_ms: o.seconds("keepAliveTimeoutSeconds", 1_000, 120_000).unwrap_or(10_000) as u32,
            locale: locale(o),
            unauthorized_statuses: unauthorized_statuses(o),
            draft_max_age_ms: o.seconds("draftMaxAgeSeconds", 60_000, 7 * 24 * 3_600_000).unwrap_or(3_600_000),
            allowed_origins,
        };
        o.finish().map(|()| config)
    }
}

/// The value at `path` broke `rule` (the caller has read it: it is there).
fn bad_at(o: &Options, path: &str, rule: &str) {
    if let Some(given) = o.get(path) {
        o.bad(given, rule);
    }
}

/// A function option, used instead of the URL option `instead_of`.
fn function(o: &Options, source: &JsValue, name: &str, instead_of: &str, what: &str) -> Option<Function> {
    let given = o.get(name)?;
    let f = function_at(source, name).filter(|_| given.kind == Kind::Func);
    if f.is_none() {
        o.bad(given, &cat(&["it must be ", what]));
    } else if o.get(instead_of).is_some() {
        o.bad(given, &cat(&["use either ", name, " or ", instead_of, ", not both"]));
    }
    f
}

/// The function the page gave as option `name`.
fn function_at(source: &JsValue, name: &str) -> Option<Function> {
    crate::js::get(source, &JsValue::from_str(name)).ok()?.dyn_into().ok()
}

fn redirect_target(o: &Options, source: &JsValue, allowed: &[String]) -> RedirectTarget {
    let Some(given) = o.get("redirectUrl") else { return RedirectTarget::CurrentPage };
    let target = match given.kind {
        Kind::Func => function_at(source, "redirectUrl").map(RedirectTarget::Function),
        Kind::Str | Kind::Attr => Some(RedirectTarget::Url(checked_url(o, "redirectUrl", Some(allowed)).unwrap_or_default())),
        _ => None,
    };
    target.unwrap_or_else(|| {
        o.bad(given, "it must be a URL string or a function (reason) => URL");
        RedirectTarget::CurrentPage
    })
}

/// A URL option, read as the page's own links are (against its `<base
/// href>`, else its URL) and held to same-origin http(s), or to the
/// `allowed` origins where the page may be sent; kept as the absolute URL.
/// The library's own requests (`allowed` none) never leave this origin:
/// they carry the page's cookies only there (`credentials: "same-origin"`),
/// so elsewhere a signed-in user would look signed out, and be signed out.
fn checked_url(o: &Options, name: &str, allowed: Option<&[String]>) -> Option<String> {
    let raw = o.string(name)?;
    crate::urls::check(&raw, &crate::platform::base(), &crate::platform::origin(), allowed.unwrap_or_default())
        .map_err(|refused| {
            let rule = match (refused, allowed) {
                (crate::urls::Refused::Origin(other), None) => cat(&[
                    "it leads to ",
                    &other,
                    ", another origin; the library's requests stay on this origin, where the session cookie is sent (or give keepAlive or status a function)",
                ]),
                (refused, _) => refused.rule(),
            };
            bad_at(o, name, &rule)
        })
        .ok()
}

fn allowed_origins(o: &Options) -> Vec<String> {
    let rule = "it must be an array of origins such as [\"https://login.example.com\"]";
    let mut out = Vec::new();
    o.each("allowedOrigins", rule, &mut |item| match item.kind {
        Kind::Str | Kind::Attr if crate::urls::is_origin(&item.text) => out.push(crate::split::trim_end(&item.text, b'/').to_owned()),
        _ => o.bad(item, rule),
    });
    out
}

fn track_requests(o: &Options) -> TrackRequests {
    let all = || TrackRequests::Prefixes { mode: TrackMode::Patch, include: Vec::new(), exclude: Vec::new() };
    let Some(given) = o.get("trackRequests") else { return all() };
    if given.kind != Kind::Object {
        return match given.kind {
            Kind::Bool | Kind::Attr if given.text.trim_ascii() == "false" => TrackRequests::Off,
            Kind::Bool | Kind::Attr if matches!(given.text.trim_ascii(), "true" | "") => all(),
            _ => {
                o.bad(given, "it must be true, false or { mode: \"patch\" | \"observe\", include: [prefixes], exclude: [prefixes] }");
                all()
            }
        };
    }
    o.check_keys("trackRequests", "trackRequests key", "mode include exclude");
    let list = |path: &str| -> Vec<String> {
        let mut out = Vec::new();
        o.each(path, "it must be an array of URL prefixes", &mut |item| match item.kind {
            Kind::Str | Kind::Attr if !item.text.is_empty() => out.push(item.text.clone()),
            _ => o.bad(&Record { path: path.to_owned(), kind: item.kind, text: item.text.clone() }, "each entry must be a non-empty URL prefix string"),
        });
        out
    };
    let mode = match o.get("trackRequests.mode").map(|r| (r, r.kind, r.text.trim_ascii())) {
        None | Some((_, Kind::Str | Kind::Attr, "patch")) => TrackMode::Patch,
        Some((_, Kind::Str | Kind::Attr, "observe")) => TrackMode::Observe,
        Some((r, _, _)) => {
            o.bad(r, "it must be \"patch\" (wrap fetch and XHR) or \"observe\" (PerformanceObserver, no patch)");
            TrackMode::Patch
        }
    };
    TrackRequests::Prefixes { mode, include: list("trackRequests.include"), exclude: list("trackRequests.exclude") }
}

fn text(o: &Options) -> crate::text::Overrides {
    let mut out = Vec::new();
    let Some(given) = o.get("text") else { return out.into() };
    if given.kind != Kind::Object {
        o.bad(given, "it must be an object of strings, such as { stayButton: \"Keep me signed in\" }");
        return out.into();
    }
    o.check_keys("text", "text key", TEXT_KEYS);
    for key in o.keys("text") {
        let path = cat(&["text.", key]);
        let Some(s) = o.text(&path) else { continue };
        let allowed = crate::text::placeholders(key);
        if let Some(name) = crate::text::unknown_placeholder(&s, allowed) {
            let only = if allowed.len() > 1 { "; the only ones are {time} and {title}" } else { "; the only one is {time}" };
            bad_at(o, &path, &cat(&["{", &name, "} is not a placeholder", only]));
        }
        // By place in the list of keys (an unknown key was reported above).
        if let Some(i) = crate::options::names(TEXT_KEYS).position(|k| k == key) {
            out.push((i, s));
        }
    }
    out.into()
}

/// `csrf`: "auto" (the default), false, or `{ header, cookie | meta | token }`;
/// the older `csrfHeader` names the header for `<meta name="csrf-token">`.
fn csrf(o: &Options) -> Csrf {
    let meta_header = header_name(o, "csrfHeader", "X-CSRF-Token");
    let auto = Csrf::Auto { meta_header: meta_header.clone().unwrap_or_else(|| "X-CSRF-Token".into()) };
    let Some(given) = o.get("csrf") else { return auto };
    let word = if matches!(given.kind, Kind::Str | Kind::Attr | Kind::Bool) { given.text.trim_ascii() } else { "" };
    let problem = match (given.kind, word) {
        (Kind::Str | Kind::Attr, "auto") => return auto,
        _ if meta_header.is_some() => "use either csrf or csrfHeader, not both; csrf: { header, meta: \"csrf-token\" } does what csrfHeader did",
        (Kind::Bool | Kind::Attr, "false") => return Csrf::Off,
        (Kind::Object, _) => {
            o.check_keys("csrf", "csrf key", "header cookie meta token");
            let header = header_name(o, "csrf.header", "X-CSRFToken");
            // The last source given, and whether there was more than one.
            let (mut source, mut several) = (None, false);
            for (key, make) in [("cookie", Source::Cookie as fn(String) -> Source), ("meta", Source::Meta), ("token", Source::Token)] {
                if let Some(v) = o.string(&cat(&["csrf.", key])) {
                    several |= source.is_some();
                    source = Some(make(v));
                }
            }
            match (header, source, several) {
                (Some(header), Some(source), false) => return Csrf::Explicit { header, source },
                (None, _, _) => "it needs a header, such as { header: \"X-CSRFToken\", cookie: \"csrftoken\" }",
                (_, None, _) => "it needs one of cookie, meta or token: where the token is",
                _ => "give only one of cookie, meta or token",
            }
        }
        _ => "it must be \"auto\", false, or { header: \"X-CSRFToken\", cookie: \"csrftoken\" } (with one of cookie, meta or token)",
    };
    o.bad(given, problem);
    Csrf::Off
}

/// `absoluteExpiresAt`: epoch ms, or an ISO 8601 date and time (read by
/// the browser's `Date.parse`).
fn absolute_expires_at(o: &Options) -> Option<u64> {
    let given = o.get("absoluteExpiresAt")?;
    let digits = !given.text.is_empty() && crate::split::all(&given.text, |b| b.is_ascii_digit());
    let ms = match given.kind {
        Kind::Num => o.number_of(given),
        Kind::Str | Kind::Attr if digits => o.number_of(given),
        Kind::Str | Kind::Attr => crate::platform::parse_date(given.text.trim_ascii()),
        _ => f64::NAN,
    };
    // Date's own range; whole milliseconds.
    if !(ms > 0.0 && ms <= 8.64e15 && ms == (ms as u64) as f64) {
        o.bad(given, "it must be the session's hard end as epoch milliseconds or an ISO 8601 date and time, such as \"2026-12-01T18:00:00Z\"");
        return None;
    }
    Some(ms as u64)
}

/// A response header's name (`example` shows one).
fn header_name(o: &Options, path: &str, example: &str) -> Option<String> {
    let name = o.string(path)?;
    if !csrf::is_header_name(&name) {
        bad_at(o, path, &cat(&["it must be an HTTP header name such as \"", example, "\""]));
    }
    Some(name)
}

fn locale(o: &Options) -> String {
    let tag = o.string("locale").unwrap_or_default();
    if !tag.is_empty() && !crate::duration::is_valid_locale(&tag) {
        bad_at(o, "locale", "it must be a BCP 47 language tag such as \"en-GB\" or \"cy\"");
    }
    tag
}

fn unauthorized_statuses(o: &Options) -> Vec<u16> {
    let rule = "it must be an array of HTTP statuses from 400 to 599, such as [401, 440]";
    let mut out = Vec::new();
    let given = o.each("unauthorizedStatuses", rule, &mut |item| match o.number_of(item) {
        n if (400.0..=599.0).contains(&n) && n == f64::from(n as u16) => out.push(n as u16),
        _ => o.bad(item, rule),
    });
    if given { out } else { vec![401, 440] }
}

fn activity_throttle(o: &Options) -> Option<u64> {
    let given = o.get("keepAliveOnActivity")?;
    const RANGE: (u64, u64) = (5_000, 86_400_000);
    match (given.kind, given.text.trim_ascii()) {
        (Kind::Object, _) => {
            o.check_keys("keepAliveOnActivity", "keepAliveOnActivity key", "throttleSeconds");
            Some(o.seconds("keepAliveOnActivity.throttleSeconds", RANGE.0, RANGE.1).unwrap_or(60_000))
        }
        (Kind::Bool | Kind::Attr, "true") | (Kind::Attr, "") => Some(60_000),
        (Kind::Bool | Kind::Attr, "false") => None,
        // A script tag's data-keep-alive-on-activity="15" is the throttle.
        (Kind::Attr, _) => o.seconds("keepAliveOnActivity", RANGE.0, RANGE.1),
        _ => {
            o.bad(given, "it must be true, false or { throttleSeconds: N } with N from 5 to 86400");
            None
        }
    }
}

/// WCAG 2.2 SC 2.2.1 (Timing Adjustable): people must get at least 20
/// seconds to ask for more time. Shorter needs an explicit opt-out.
const MIN_WARN_MS: u64 = 20_000;

fn short_warning_check(o: &Options, warn_ms: u64) {
    if warn_ms >= MIN_WARN_MS || o.boolean("allowShortWarning").unwrap_or(false) {
        return;
    }
    let why = "WCAG 2.2.1 (Timing Adjustable) gives people at least 20 seconds to ask for more time; \
               use 20 or more, or set allowShortWarning: true if the page meets 2.2.1 another way";
    match o.get("warnSeconds") {
        Some(given) => o.bad(given, why),
        None => o.fail(Box::new(ConfigError::Invalid {
            option: "sessionSeconds".into(),
            given: None,
            rule: cat(&["the default warning (half of so short a session) is under 20 seconds; ", why]),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::csrf;
    use crate::config_error::Naming;
    use crate::csrf::{Csrf, Source};
    use crate::options::Options;

    fn options(flat: &[&str]) -> Options {
        Options::from_flat(&flat.join("\0"), |s| s.trim().parse().unwrap_or(f64::NAN))
    }

    fn problem(o: &Options) -> String {
        o.finish().err().map(|e| e.message(Naming::Options)).unwrap_or_default()
    }

    #[test]
    fn csrf_names_one_header_and_one_source() {
        let o = options(&["", "o", "", "csrf", "o", "", "csrf.header", "s", "X-CSRFToken", "csrf.cookie", "s", "csrftoken"]);
        assert_eq!(csrf(&o), Csrf::Explicit { header: "X-CSRFToken".into(), source: Source::Cookie("csrftoken".into()) });
        assert_eq!(problem(&o), "");

        let o = options(&["", "o", "", "csrf", "o", "", "csrf.header", "s", "X-CSRFToken", "csrf.cookie", "s", "a", "csrf.meta", "s", "b"]);
        assert_eq!(csrf(&o), Csrf::Off);
        assert!(problem(&o).ends_with("give only one of cookie, meta or token"), "{}", problem(&o));

        let o = options(&["", "o", "", "csrf", "o", "", "csrf.header", "s", "X-CSRFToken"]);
        csrf(&o);
        assert!(problem(&o).ends_with("it needs one of cookie, meta or token: where the token is"));

        let o = options(&["", "o", "", "csrf", "o", "", "csrf.token", "s", "t0k"]);
        csrf(&o);
        assert!(problem(&o).contains("it needs a header"));

        let o = options(&["", "o", "", "csrf", "s", "auto"]);
        assert_eq!(csrf(&o), Csrf::Auto { meta_header: "X-CSRF-Token".into() });
    }
}
