//! The options of the JS contract (shared/DESIGN.md), read and checked
//! once. A bad value throws a `SessionTimeoutConfigError` naming the
//! option, the value given and the rule it broke.

use crate::prelude::*;
use crate::core::ClockSettings;
use crate::csrf::{self, Csrf, Source};
use crate::sign_in;
use crate::config_error::ConfigError;
use crate::options::{invalid, suggest, Kind, Options};
use wasm_bindgen::{JsCast, JsValue};

/// Every option name the library knows.
pub const OPTION_NAMES: &[&str] = &[
    "sessionSeconds",
    "warnSeconds",
    "redirectSeconds",
    "keepAliveUrl",
    "keepAliveMethod",
    "redirectUrl",
    "signOutUrl",
    "trackRequests",
    "remainingHeader",
    "statusUrl",
    "crossTab",
    "dialog",
    "text",
    "csrfHeader",
    "returnParam",
    "keepAliveTimeoutSeconds",
    "locale",
    "unauthorizedStatuses",
    "keepAliveOnActivity",
    "channel",
    "draftMaxAgeSeconds",
    "allowedOrigins",
    "allowShortWarning",
    "csrf",
    "signInUrl",
    "titleAlert",
    "keepAlive",
    "status",
];

/// Every `text` key; `{time}` in a value is replaced by the countdown.
pub const TEXT_KEYS: &[&str] = &[
    "warningTitle",
    "warningMessage",
    "stayButton",
    "signOutButton",
    "expiredTitle",
    "expiredMessage",
    "signInButton",
    "keepAliveFailed",
    "keepAliveRefused",
    "draftRestored",
    "titleAlert",
    "notice",
];

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
    Function(js_sys::Function),
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
    pub keep_alive_fn: Option<js_sys::Function>,
    /// `status()`: seconds left instead of a request to `statusUrl`.
    pub status_fn: Option<js_sys::Function>,
    /// Share the clock with other tabs.
    pub cross_tab: bool,
    /// Which tabs share it (default: every tab of this origin).
    pub channel: Option<String>,
    /// Render the dialogs (false: events only).
    pub dialog: bool,
    /// Show the countdown in the tab's title while a dialog is open.
    pub title_alert: bool,
    /// Overrides of visible and announced strings, by `text` key.
    pub text: Vec<(String, String)>,
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
    /// Reads and checks a JS options object.
    pub fn from_js(value: &JsValue) -> Result<Config, Box<ConfigError>> {
        let options = Options::from_flat(crate::platform::flatten(value), crate::platform::number);
        Config::from_options(&options, value)
    }

    /// Checks `options`; `source` is the object they came from, where the
    /// function options are (undefined for a script tag).
    pub fn from_options(options: &Options, source: &JsValue) -> Result<Config, Box<ConfigError>> {
        options.check_object()?;
        let allowed_origins = allowed_origins(options)?;
        let url = |name: &str| checked_url(options, name, &allowed_origins);
        check_keys(options, "", "option", OPTION_NAMES)?;
        let session_ms = options.seconds("sessionSeconds", 1, YEAR_MS)?.ok_or(ConfigError::Missing {
            option: "sessionSeconds",
            hint: "set it to the server's session timeout in seconds (for example 1800)",
        })?;
        let warn_ms = options.seconds("warnSeconds", 0, YEAR_MS)?.unwrap_or(120_000.min(session_ms / 2));
        let redirect_ms = options.seconds("redirectSeconds", 0, YEAR_MS)?.unwrap_or(10_000);
        let mut clock = ClockSettings::new(session_ms, warn_ms, redirect_ms).map_err(|e| match options.get("warnSeconds") {
            Ok(Some(given)) => invalid(given, &[e.describe().as_str(), "; lower warnSeconds or raise sessionSeconds"].concat()),
            _ => Box::new(ConfigError::Invalid { option: "warnSeconds".into(), given: None, rule: e.describe() }),
        })?;
        short_warning_check(options, warn_ms)?;
        let status_url = url("statusUrl")?;
        let keep_alive_fn = function(options, source, "keepAlive", "keepAliveUrl", "a function returning a Promise of true, false or { secondsLeft }")?;
        let status_fn = function(options, source, "status", "statusUrl", "a function returning a Promise of the seconds left (or null)")?;
        if status_url.is_some() || status_fn.is_some() {
            clock = clock.with_status_checks();
        }
        if let Some(throttle_ms) = activity_throttle(options)? {
            clock = clock.with_keep_alive_on_activity(throttle_ms);
        }

        let keep_alive_method = match options.string("keepAliveMethod")? {
            None => "POST".to_owned(),
            Some(m) if METHODS.contains(&m.to_ascii_uppercase().as_str()) => m.to_ascii_uppercase(),
            Some(_) => return Err(invalid_at(options, "keepAliveMethod", "it must be POST, GET, PUT or PATCH")),
        };

        let redirect_url = redirect_target(options, source, &allowed_origins)?;
        let sign_in_url = match url("signInUrl")? {
            Some(u) => Some(sign_in::from_redirect_url(&u).ok_or_else(|| {
                invalid_at(options, "signInUrl", "it must name the sign-in page, such as \"/accounts/login/\"; the site root would match every page")
            })?),
            None => match &redirect_url {
                RedirectTarget::Url(u) => sign_in::from_redirect_url(u),
                _ => None,
            },
        };

        Ok(Config {
            clock,
            keep_alive_url: url("keepAliveUrl")?,
            keep_alive_method,
            redirect_url,
            sign_in_url,
            sign_out_url: url("signOutUrl")?,
            track_requests: track_requests(options)?,
            remaining_header: options.string("remainingHeader")?,
            status_url,
            keep_alive_fn,
            status_fn,
            cross_tab: options.boolean("crossTab")?.unwrap_or(true),
            channel: options.string("channel")?,
            dialog: options.boolean("dialog")?.unwrap_or(true),
            title_alert: options.boolean("titleAlert")?.unwrap_or(true),
            text: text(options)?,
            csrf: csrf(options)?,
            return_param: options.string("returnParam")?,
            keep_alive_timeout_ms: options.seconds("keepAliveTimeoutSeconds", 1_000, 120_000)?.unwrap_or(10_000) as u32,
            locale: locale(options)?,
            unauthorized_statuses: unauthorized_statuses(options)?,
            draft_max_age_ms: options.seconds("draftMaxAgeSeconds", 60_000, 7 * 24 * 3_600_000)?.unwrap_or(3_600_000),
            allowed_origins,
        })
    }
}

/// The value at `path` broke `rule` (it is there: the caller read it).
fn invalid_at(options: &Options, path: &str, rule: &str) -> Box<ConfigError> {
    match options.get(path) {
        Ok(Some(given)) => invalid(given, rule),
        _ => Box::new(ConfigError::Invalid { option: path.to_owned(), given: None, rule: rule.to_owned() }),
    }
}

/// Every key under `parent` must be one of `known`.
fn check_keys(options: &Options, parent: &str, what: &'static str, known: &[&str]) -> Result<(), Box<ConfigError>> {
    match options.keys(parent).into_iter().find(|k| !known.contains(k)) {
        Some(key) => Err(unknown(what, key, known)),
        None => Ok(()),
    }
}

/// A function option, used instead of the URL option `instead_of`.
fn function(options: &Options, source: &JsValue, name: &str, instead_of: &str, what: &str) -> Result<Option<js_sys::Function>, Box<ConfigError>> {
    let Some(given) = options.get(name)? else { return Ok(None) };
    let Some(f) = function_at(source, name).filter(|_| given.kind == Kind::Func) else {
        return Err(invalid(given, &["it must be ", what].concat()));
    };
    if options.get(instead_of)?.is_some() {
        return Err(invalid(given, &["use either ", name, " or ", instead_of, ", not both"].concat()));
    }
    Ok(Some(f))
}

/// The function the page gave as option `name`.
fn function_at(source: &JsValue, name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(source, &JsValue::from_str(name)).ok()?.dyn_into().ok()
}

fn unknown(what: &'static str, name: &str, known: &[&str]) -> Box<ConfigError> {
    let hint = match suggest(name, known) {
        Some(s) => ["did you mean ", s, "?"].concat(),
        None => ["known names are ", &known.join(", ")].concat(),
    };
    Box::new(ConfigError::Unknown { what, name: name.to_owned(), hint })
}

fn redirect_target(options: &Options, source: &JsValue, allowed: &[String]) -> Result<RedirectTarget, Box<ConfigError>> {
    let Some(given) = options.get("redirectUrl")? else { return Ok(RedirectTarget::CurrentPage) };
    match given.kind {
        Kind::Func => function_at(source, "redirectUrl")
            .map(RedirectTarget::Function)
            .ok_or_else(|| invalid(given, "it must be a URL string or a function (reason) => URL")),
        Kind::Str | Kind::Attr => Ok(RedirectTarget::Url(checked_url(options, "redirectUrl", allowed)?.unwrap_or_default())),
        _ => Err(invalid(given, "it must be a URL string or a function (reason) => URL")),
    }
}

/// A URL option, parsed against the page and held to same-origin http(s)
/// (or `allowedOrigins`); kept as the absolute URL.
fn checked_url(options: &Options, name: &str, allowed: &[String]) -> Result<Option<String>, Box<ConfigError>> {
    let Some(raw) = options.string(name)? else { return Ok(None) };
    crate::urls::check(&raw, &crate::platform::href(), &crate::platform::origin(), allowed)
        .map(Some)
        .map_err(|refused| invalid_at(options, name, &refused.rule()))
}

fn allowed_origins(options: &Options) -> Result<Vec<String>, Box<ConfigError>> {
    let rule = "it must be an array of origins such as [\"https://login.example.com\"]";
    let Some(items) = options.list("allowedOrigins", rule)? else { return Ok(Vec::new()) };
    items
        .iter()
        .map(|item| match item.kind {
            Kind::Str | Kind::Attr if crate::urls::is_origin(&item.text) => Ok(item.text.trim_end_matches('/').to_owned()),
            _ => Err(invalid(item, rule)),
        })
        .collect()
}

fn track_requests(options: &Options) -> Result<TrackRequests, Box<ConfigError>> {
    let all = TrackRequests::Prefixes { mode: TrackMode::Patch, include: Vec::new(), exclude: Vec::new() };
    let Some(given) = options.get("trackRequests")? else { return Ok(all) };
    if given.kind != Kind::Object {
        let rule = "it must be true, false or { mode: \"patch\" | \"observe\", include: [prefixes], exclude: [prefixes] }";
        return Ok(if options.boolean("trackRequests").map_err(|_| invalid(given, rule))?.unwrap_or(true) { all } else { TrackRequests::Off });
    }
    const KEYS: &[&str] = &["mode", "include", "exclude"];
    check_keys(options, "trackRequests", "trackRequests key", KEYS)?;
    let list = |path: &str| -> Result<Vec<String>, Box<ConfigError>> {
        let items = options.list(path, "it must be an array of URL prefixes")?.unwrap_or_default();
        items
            .iter()
            .map(|item| match item.kind {
                Kind::Str | Kind::Attr if !item.text.is_empty() => Ok(item.text.clone()),
                _ => Err(Box::new(ConfigError::Invalid { option: path.to_owned(), given: Some(item.describe()), rule: "each entry must be a non-empty URL prefix string".into() })),
            })
            .collect()
    };
    let mode = match options.get("trackRequests.mode")? {
        None => TrackMode::Patch,
        Some(r) => match (r.kind, r.text.trim()) {
            (Kind::Str | Kind::Attr, "patch") => TrackMode::Patch,
            (Kind::Str | Kind::Attr, "observe") => TrackMode::Observe,
            _ => return Err(invalid(r, "it must be \"patch\" (wrap fetch and XHR) or \"observe\" (PerformanceObserver, no patch)")),
        },
    };
    Ok(TrackRequests::Prefixes { mode, include: list("trackRequests.include")?, exclude: list("trackRequests.exclude")? })
}

fn text(options: &Options) -> Result<Vec<(String, String)>, Box<ConfigError>> {
    let Some(given) = options.get("text")? else { return Ok(Vec::new()) };
    if given.kind != Kind::Object {
        return Err(invalid(given, "it must be an object of strings, such as { stayButton: \"Keep me signed in\" }"));
    }
    check_keys(options, "text", "text key", TEXT_KEYS)?;
    let mut out = Vec::new();
    for key in options.keys("text") {
        let path = ["text.", key].concat();
        let Some(s) = options.text(&path)? else { continue };
        let allowed = crate::text::placeholders(key);
        if let Some(name) = crate::text::unknown_placeholder(&s, allowed) {
            let only = if allowed.len() > 1 { "; the only ones are {time} and {title}" } else { "; the only one is {time}" };
            return Err(invalid_at(options, &path, &["{", &name, "} is not a placeholder", only].concat()));
        }
        out.push((key.to_owned(), s));
    }
    Ok(out)
}

/// `csrf`: "auto" (the default), false, or `{ header, cookie | meta | token }`;
/// the older `csrfHeader` names the header for `<meta name="csrf-token">`.
fn csrf(options: &Options) -> Result<Csrf, Box<ConfigError>> {
    let meta_header = options.string("csrfHeader")?;
    if meta_header.as_deref().is_some_and(|h| !csrf::is_header_name(h)) {
        return Err(invalid_at(options, "csrfHeader", "it must be an HTTP header name such as \"X-CSRF-Token\""));
    }
    let auto = |h: Option<String>| Csrf::Auto { meta_header: h.unwrap_or_else(|| "X-CSRF-Token".into()) };
    let Some(given) = options.get("csrf")? else { return Ok(auto(meta_header)) };
    let rule = "it must be \"auto\", false, or { header: \"X-CSRFToken\", cookie: \"csrftoken\" } (with one of cookie, meta or token)";
    let word = matches!(given.kind, Kind::Str | Kind::Attr).then(|| given.text.trim());
    if word == Some("auto") {
        return Ok(auto(meta_header));
    }
    if meta_header.is_some() {
        return Err(invalid(given, "use either csrf or csrfHeader, not both; csrf: { header, meta: \"csrf-token\" } does what csrfHeader did"));
    }
    if (given.kind == Kind::Bool || given.kind == Kind::Attr) && given.text.trim() == "false" {
        return Ok(Csrf::Off);
    }
    if given.kind != Kind::Object {
        return Err(invalid(given, rule));
    }
    const KEYS: &[&str] = &["header", "cookie", "meta", "token"];
    check_keys(options, "csrf", "csrf key", KEYS)?;
    let header = options.string("csrf.header")?;
    let header = header.ok_or_else(|| invalid(given, "it needs a header, such as { header: \"X-CSRFToken\", cookie: \"csrftoken\" }"))?;
    if !csrf::is_header_name(&header) {
        return Err(invalid_at(options, "csrf.header", "it must be an HTTP header name such as \"X-CSRFToken\""));
    }
    let mut sources = Vec::new();
    for (key, make) in [("cookie", Source::Cookie as fn(String) -> Source), ("meta", Source::Meta), ("token", Source::Token)] {
        if let Some(v) = options.string(&["csrf.", key].concat())? {
            sources.push(make(v));
        }
    }
    match (sources.pop(), sources.is_empty()) {
        (Some(source), true) => Ok(Csrf::Explicit { header, source }),
        (None, _) => Err(invalid(given, "it needs one of cookie, meta or token: where the token is")),
        (Some(_), false) => Err(invalid(given, "give only one of cookie, meta or token")),
    }
}

fn locale(options: &Options) -> Result<String, Box<ConfigError>> {
    let Some(tag) = options.string("locale")? else { return Ok(String::new()) };
    match crate::duration::is_valid_locale(&tag) {
        true => Ok(tag),
        false => Err(invalid_at(options, "locale", "it must be a BCP 47 language tag such as \"en-GB\" or \"cy\"")),
    }
}

fn unauthorized_statuses(options: &Options) -> Result<Vec<u16>, Box<ConfigError>> {
    let rule = "it must be an array of HTTP statuses from 400 to 599, such as [401, 440]";
    let Some(items) = options.list("unauthorizedStatuses", rule)? else { return Ok(vec![401, 440]) };
    items
        .iter()
        .map(|item| {
            let n = match item.kind {
                Kind::Num | Kind::Attr => crate::platform::number(&item.text),
                _ => f64::NAN,
            };
            match n {
                n if (400.0..=599.0).contains(&n) && n == f64::from(n as u16) => Ok(n as u16),
                _ => Err(invalid(item, rule)),
            }
        })
        .collect()
}

fn activity_throttle(options: &Options) -> Result<Option<u64>, Box<ConfigError>> {
    let Some(given) = options.get("keepAliveOnActivity")? else { return Ok(None) };
    match given.kind {
        Kind::Object => {
            check_keys(options, "keepAliveOnActivity", "keepAliveOnActivity key", &["throttleSeconds"])?;
            Ok(Some(options.seconds("keepAliveOnActivity.throttleSeconds", 5_000, 86_400_000)?.unwrap_or(60_000)))
        }
        // A script tag's data-keep-alive-on-activity="15" is the throttle.
        Kind::Attr if !matches!(given.text.trim(), "" | "true" | "false") => options.seconds("keepAliveOnActivity", 5_000, 86_400_000),
        _ => {
            let on = options.boolean("keepAliveOnActivity").map_err(|_| invalid(given, "it must be true, false or { throttleSeconds: N } with N from 5 to 86400"))?;
            Ok(on.unwrap_or(false).then_some(60_000))
        }
    }
}

/// WCAG 2.2 SC 2.2.1 (Timing Adjustable): people must get at least 20
/// seconds to ask for more time. Shorter needs an explicit opt-out.
const MIN_WARN_MS: u64 = 20_000;

fn short_warning_check(options: &Options, warn_ms: u64) -> Result<(), Box<ConfigError>> {
    if warn_ms >= MIN_WARN_MS || options.boolean("allowShortWarning")?.unwrap_or(false) {
        return Ok(());
    }
    let why = "WCAG 2.2.1 (Timing Adjustable) gives people at least 20 seconds to ask for more time; \
               use 20 or more, or set allowShortWarning: true if the page meets 2.2.1 another way";
    match options.get("warnSeconds")? {
        Some(given) => Err(invalid(given, why)),
        None => Err(Box::new(ConfigError::Invalid {
            option: "sessionSeconds".into(),
            given: None,
            rule: ["the default warning (half of so short a session) is under 20 seconds; ", why].concat(),
        })),
    }
}
