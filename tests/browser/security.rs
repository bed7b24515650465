//! Hostile input, as tables with counts: bad configuration, dangerous
//! URLs, markup in every text option. Each table prints how many cases it
//! ran; none may panic or leave a half-started instance behind.

use js_sys::{Array, Function, Object, Reflect};
use crate::support::page::{construct_error, instrument, live_listeners, live_timers, options, restore, start_timeout, Clock, Recorder};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

fn base(extra: &[(&str, JsValue)]) -> JsValue {
    let mut pairs = vec![("sessionSeconds", JsValue::from(600))];
    pairs.extend(extra.iter().cloned());
    options(&pairs)
}

fn arr(items: &[JsValue]) -> JsValue {
    items.iter().collect::<Array>().into()
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o.into()
}

fn num(n: f64) -> JsValue {
    JsValue::from_f64(n)
}

/// (what the case is, the options, words the message must contain).
fn config_cases() -> Vec<(&'static str, JsValue, Vec<&'static str>)> {
    let f = Function::new_no_args("return 1");
    vec![
        ("no options at all", JsValue::UNDEFINED, vec!["options object"]),
        ("null", JsValue::NULL, vec!["options object"]),
        ("a number", num(1800.0), vec!["options object", "1800"]),
        ("an array", arr(&[]), vec!["options object", "an array"]),
        ("a function", f.clone().into(), vec!["options object", "a function"]),
        ("missing sessionSeconds", options(&[("warnSeconds", 10.into())]), vec!["Missing option sessionSeconds"]),
        ("sessionSeconds as text", options(&[("sessionSeconds", "1800".into())]), vec!["sessionSeconds", "\"1800\"", "number of seconds"]),
        ("negative session", options(&[("sessionSeconds", num(-5.0))]), vec!["sessionSeconds", "-5"]),
        ("zero session", options(&[("sessionSeconds", num(0.0))]), vec!["sessionSeconds", "0"]),
        ("NaN session", options(&[("sessionSeconds", num(f64::NAN))]), vec!["sessionSeconds", "NaN"]),
        ("infinite session", options(&[("sessionSeconds", num(f64::INFINITY))]), vec!["sessionSeconds", "Infinity"]),
        ("huge session", options(&[("sessionSeconds", num(1e12))]), vec!["sessionSeconds", "1000000000000"]),
        ("session as boolean", options(&[("sessionSeconds", true.into())]), vec!["sessionSeconds", "true"]),
        ("negative warning", base(&[("warnSeconds", num(-1.0))]), vec!["warnSeconds", "-1"]),
        ("warning under 20 s", base(&[("warnSeconds", num(10.0))]), vec!["warnSeconds", "WCAG 2.2.1", "allowShortWarning"]),
        ("default warning under 20 s", options(&[("sessionSeconds", num(30.0))]), vec!["sessionSeconds", "WCAG 2.2.1"]),
        ("warning as long as the session", base(&[("warnSeconds", num(600.0))]), vec!["warnSeconds", "shorter than the session"]),
        ("warning longer than the session", base(&[("warnSeconds", num(900.0))]), vec!["warnSeconds", "900"]),
        ("NaN redirect delay", base(&[("redirectSeconds", num(f64::NAN))]), vec!["redirectSeconds", "NaN"]),
        ("keep-alive time-out too short", base(&[("keepAliveTimeoutSeconds", num(0.1))]), vec!["keepAliveTimeoutSeconds", "0.1"]),
        ("misspelt option", base(&[("warnSecs", num(60.0))]), vec!["Unknown option warnSecs", "did you mean warnSeconds?"]),
        ("wrong case", base(&[("keepaliveurl", "/k".into())]), vec!["Unknown option keepaliveurl", "did you mean keepAliveUrl?"]),
        ("made-up option", base(&[("colour", "red".into())]), vec!["Unknown option colour", "known names are"]),
        ("empty keep-alive URL", base(&[("keepAliveUrl", "  ".into())]), vec!["keepAliveUrl", "non-empty string"]),
        ("keep-alive URL as number", base(&[("keepAliveUrl", num(5.0))]), vec!["keepAliveUrl", "5"]),
        ("DELETE keep-alive", base(&[("keepAliveMethod", "DELETE".into())]), vec!["keepAliveMethod", "POST, GET, PUT or PATCH"]),
        ("csrf true", base(&[("csrf", true.into())]), vec!["Invalid option csrf", "\"auto\", false"]),
        ("csrf unknown word", base(&[("csrf", "django".into())]), vec!["Invalid option csrf", "the string \"django\""]),
        ("csrf without header", base(&[("csrf", obj(&[("cookie", "csrftoken".into())]))]), vec!["csrf", "needs a header"]),
        ("csrf without source", base(&[("csrf", obj(&[("header", "X-CSRFToken".into())]))]), vec!["csrf", "one of cookie, meta or token"]),
        ("csrf two sources", base(&[("csrf", obj(&[("header", "X-A".into()), ("cookie", "a".into()), ("meta", "b".into())]))]), vec!["only one of cookie, meta or token"]),
        ("csrf bad header", base(&[("csrf", obj(&[("header", "X CSRF".into()), ("cookie", "a".into())]))]), vec!["csrf.header", "HTTP header name"]),
        ("csrf misspelt key", base(&[("csrf", obj(&[("header", "X-A".into()), ("cookies", "a".into())]))]), vec!["Unknown csrf key cookies", "did you mean cookie?"]),
        ("csrf and csrfHeader", base(&[("csrf", false.into()), ("csrfHeader", "X-A".into())]), vec!["either csrf or csrfHeader"]),
        ("csrfHeader with a space", base(&[("csrfHeader", "X CSRF".into())]), vec!["csrfHeader", "HTTP header name"]),
        ("signInUrl the site root", base(&[("signInUrl", "/".into())]), vec!["signInUrl", "root would match every page"]),
        ("signInUrl elsewhere", base(&[("signInUrl", "https://evil.example/login".into())]), vec!["signInUrl", "another origin"]),
        (
            "keep-alive on an allowed origin",
            base(&[("keepAliveUrl", "https://idp.example/keep-alive".into()), ("allowedOrigins", arr(&["https://idp.example".into()]))]),
            vec!["keepAliveUrl", "another origin", "where the session cookie is sent", "keepAlive or status a function"],
        ),
        ("redirectUrl as number", base(&[("redirectUrl", num(3.0))]), vec!["redirectUrl", "function"]),
        ("crossTab as text", base(&[("crossTab", "yes".into())]), vec!["crossTab", "true or false"]),
        ("dialog as number", base(&[("dialog", num(1.0))]), vec!["dialog", "true or false"]),
        ("trackRequests as text", base(&[("trackRequests", "all".into())]), vec!["trackRequests", "\"all\""]),
        ("trackRequests unknown key", base(&[("trackRequests", options(&[("inclde", arr(&[]))]))]), vec!["did you mean include?"]),
        ("trackRequests bad mode", base(&[("trackRequests", options(&[("mode", "sniff".into())]))]), vec!["trackRequests.mode", "observe"]),
        ("include not an array", base(&[("trackRequests", options(&[("include", "/api".into())]))]), vec!["trackRequests.include", "array"]),
        ("include with a number", base(&[("trackRequests", options(&[("include", arr(&[num(1.0)]))]))]), vec!["trackRequests.include", "prefix"]),
        ("text not an object", base(&[("text", "hello".into())]), vec!["text", "object of strings"]),
        ("unknown text key", base(&[("text", options(&[("stayButon", "x".into())]))]), vec!["did you mean stayButton?"]),
        ("text value a number", base(&[("text", options(&[("stayButton", num(1.0))]))]), vec!["text.stayButton", "string"]),
        ("misspelt placeholder", base(&[("text", options(&[("warningMessage", "in {tim}".into())]))]), vec!["{tim}", "{time}"]),
        ("unauthorized status 200", base(&[("unauthorizedStatuses", arr(&[num(200.0)]))]), vec!["unauthorizedStatuses", "400 to 599"]),
        ("unauthorized not an array", base(&[("unauthorizedStatuses", num(401.0))]), vec!["unauthorizedStatuses", "array"]),
        ("activity throttle too small", base(&[("keepAliveOnActivity", options(&[("throttleSeconds", num(1.0))]))]), vec!["throttleSeconds", "5"]),
        ("activity unknown key", base(&[("keepAliveOnActivity", options(&[("every", num(60.0))]))]), vec!["Unknown keepAliveOnActivity key every"]),
        ("bad locale", base(&[("locale", "english please".into())]), vec!["locale", "BCP 47"]),
        ("hard end not a date", base(&[("absoluteExpiresAt", "tomorrow".into())]), vec!["absoluteExpiresAt", "\"tomorrow\"", "ISO 8601"]),
        ("hard end negative", base(&[("absoluteExpiresAt", num(-1.0))]), vec!["absoluteExpiresAt", "-1", "epoch milliseconds"]),
        ("hard end header with a space", base(&[("absoluteHeader", "Session Ends".into())]), vec!["absoluteHeader", "HTTP header name"]),
        ("time-left header with a colon", base(&[("remainingHeader", "Session-Expires-In:".into())]), vec!["remainingHeader", "HTTP header name"]),
        ("allowedOrigins with a path", base(&[("allowedOrigins", arr(&["https://idp.example/login".into()]))]), vec!["allowedOrigins", "origins"]),
        ("draft age too long", base(&[("draftMaxAgeSeconds", num(1e9))]), vec!["draftMaxAgeSeconds"]),
    ]
}

#[wasm_bindgen_test]
fn bad_configuration_table() {
    let cases = config_cases();
    let before = web_sys::window().unwrap().document().unwrap().query_selector_all("dialog").unwrap().length();
    let live = instrument();
    let mut passed = 0;
    for (what, opts, words) in &cases {
        let (name, message) = construct_error(opts.clone());
        assert_eq!(name, "SessionTimeoutConfigError", "{what}: {message}");
        for w in words {
            assert!(message.contains(w), "{what}: {message:?} should mention {w:?}");
        }
        passed += 1;
    }
    let (timers, listeners) = (live_timers(&live), live_listeners(&live));
    restore(&live);
    assert_eq!((timers, listeners.as_str()), (0, ""), "nothing half-started");
    let after = web_sys::window().unwrap().document().unwrap().query_selector_all("dialog").unwrap().length();
    assert_eq!(before, after, "no dialog left behind");
    assert!(cases.len() >= 30);
    web_sys::console::log_1(&format!("bad configuration: {passed} passed, 0 failed").into());
}

/// (the URL, whether it is accepted) for every URL option.
fn url_cases() -> Vec<(String, bool)> {
    let here = web_sys::window().unwrap().location().origin().unwrap();
    vec![
        ("/session/keep-alive".into(), true),
        ("keep-alive".into(), true),
        ("?x=1".into(), true),
        (format!("{here}/login"), true),
        ("https://idp.example/start".into(), true), // listed in allowedOrigins below (pages only, see the test)
        ("javascript:alert(1)".into(), false),
        ("JaVaScRiPt:alert(1)".into(), false),
        (" javascript:alert(1)".into(), false),
        ("java\tscript:alert(1)".into(), false),
        ("data:text/html,<script>alert(1)</script>".into(), false),
        ("//evil.example/login".into(), false),
        ("/\\evil.example/login".into(), false),
        ("\\\\evil.example\\login".into(), false),
        ("https://evil.example/login".into(), false),
        ("https://idp.example.evil.example/".into(), false),
        ("http://idp.example/start".into(), false), // another origin: the scheme counts
        ("blob:https://evil.example/x".into(), false),
        ("file:///etc/passwd".into(), false),
        ("ftp://example.org/".into(), false),
    ]
}

#[wasm_bindgen_test]
fn url_table_for_every_url_option() {
    let mut count = 0;
    for option in ["redirectUrl", "signOutUrl", "keepAliveUrl", "statusUrl"] {
        for (url, ok) in url_cases() {
            // allowedOrigins lists where the page may be sent; the library's
            // own requests stay on this origin, where the session cookie goes.
            let request = matches!(option, "keepAliveUrl" | "statusUrl");
            let elsewhere = url.starts_with("https://idp.example/");
            let ok = ok && !(request && elsewhere);
            let opts = base(&[(option, url.clone().into()), ("allowedOrigins", arr(&["https://idp.example".into()])), ("dialog", false.into())]);
            match start_timeout(opts) {
                Ok(t) => {
                    t.destroy();
                    assert!(ok, "{option} = {url:?} should be refused");
                }
                Err(e) => {
                    let message: String = e.dyn_into::<js_sys::Error>().unwrap().message().into();
                    assert!(!ok, "{option} = {url:?} should be accepted: {message}");
                    assert!(message.contains(option), "{message}");
                    if request && elsewhere {
                        assert!(message.contains("where the session cookie is sent"), "{message}");
                    }
                }
            }
            count += 1;
        }
    }
    web_sys::console::log_1(&format!("urls: {count} passed, 0 failed").into());
}

#[wasm_bindgen_test]
async fn a_redirect_url_function_returning_a_dangerous_url_is_refused_at_redirect_time() {
    let clock = Clock::start();
    for bad in ["javascript:alert(1)", "//evil.example/", "https://evil.example/"] {
        let f = Function::new_with_args("reason", &format!("return {bad:?};"));
        let opts = options(&[("sessionSeconds", num(0.3)), ("warnSeconds", num(0.1)), ("redirectSeconds", num(0.0)), ("allowShortWarning", true.into()), ("redirectUrl", f.into()), ("dialog", false.into())]);
        let t = start_timeout(opts).unwrap();
        let rec = Recorder::attach(&t);
        clock.advance(300);
        let url = rec.detail("redirect", "url").as_string().unwrap_or_default();
        let here = web_sys::window().unwrap().location().href().unwrap();
        assert_eq!(url, here, "{bad}: the page reloads instead");
        t.destroy();
    }
}

const PAYLOADS: &[&str] = &[
    "<img src=x onerror=\"window.__xss=1\">",
    "\"><script>window.__xss=1</script>",
    "<a href=\"javascript:window.__xss=1\">click</a>",
    "<svg onload=\"window.__xss=1\"></svg>",
    "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
    "</p><p onmouseover=\"window.__xss=1\">",
    "&lt;b&gt;escaped&lt;/b&gt; &amp;",
    "\u{202E}gnp.exe\u{202C} RTL override",
    "<details open ontoggle=\"window.__xss=1\">x</details>",
    "<style>*{display:none}</style>",
    "' onfocus='window.__xss=1' autofocus='",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
];

const TEXT_KEYS: &[&str] = &[
    "warningTitle", "warningMessage", "stayButton", "signOutButton", "expiredTitle", "expiredMessage", "signInButton", "keepAliveFailed",
    "draftRestored",
];

#[wasm_bindgen_test]
async fn markup_in_every_text_option_stays_text() {
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    let mut checks = 0;
    let clock = Clock::start();
    for payload in PAYLOADS {
        let text = Object::new();
        for key in TEXT_KEYS {
            let value = if key.ends_with("Message") { format!("{payload} {{time}}") } else { payload.to_string() };
            Reflect::set(&text, &(*key).into(), &value.into()).unwrap();
        }
        let t = start_timeout(options(&[
            ("sessionSeconds", num(1.0)),
            ("warnSeconds", num(0.8)),
            ("redirectSeconds", num(5.0)),
            ("allowShortWarning", true.into()),
            ("keepAliveUrl", "/no-such-endpoint".into()),
            ("signOutUrl", "/bye".into()),
            ("text", text.into()),
        ]))
        .unwrap();
        let _rec = Recorder::attach(&t);
        clock.advance(200); // warning
        JsFuture::from(t.extend()).await.unwrap(); // fails: keepAliveFailed shows
        let dialog = document.query_selector("dialog.session-timeout").unwrap().unwrap();
        let shown = dialog.text_content().unwrap_or_default();
        assert!(shown.contains(payload), "warning text shown as typed");
        clock.advance(800); // expired
        assert_eq!(t.state(), "expired");
        let shown_expired = dialog.text_content().unwrap_or_default();
        assert!(shown_expired.contains(payload));
        let parsed = dialog.query_selector("img, script, a, svg, iframe, style, math, [onerror], [onload], [onmouseover], [onfocus], details").unwrap();
        assert!(parsed.is_none(), "{payload}: no element was parsed from text");
        checks += TEXT_KEYS.len() - 1;
        t.destroy();
    }
    assert!(Reflect::get(&window, &"__xss".into()).unwrap().is_undefined(), "no script ran");
    web_sys::console::log_1(&format!("xss: {checks} passed, 0 failed ({} payloads × every dialog text option)", PAYLOADS.len()).into());
}

#[wasm_bindgen_test]
async fn markup_in_the_draft_restored_note_stays_text() {
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    let storage = window.session_storage().unwrap().unwrap();
    let form = document.create_element("form").unwrap();
    form.set_id("xss-form");
    form.set_attribute("data-session-timeout-preserve", "").unwrap();
    let field = document.create_element("input").unwrap();
    field.set_attribute("name", "note").unwrap();
    form.append_child(&field).unwrap();
    document.body().unwrap().append_child(&form).unwrap();
    let page = format!("{}{}", window.location().origin().unwrap(), window.location().pathname().unwrap());
    let mut checked = 0;
    for payload in PAYLOADS {
        // The field as served again (one holding typing keeps it).
        field.unchecked_ref::<web_sys::HtmlInputElement>().set_value("");
        let record = format!(r#"{{"savedAt":{},"fields":[{{"key":"note","value":"kept"}}]}}"#, js_sys::Date::now());
        storage.set_item(&format!("session-timeout:draft:{page}#xss-form"), &record).unwrap();
        let t = start_timeout(base(&[("dialog", false.into()), ("text", options(&[("draftRestored", (*payload).into())]))])).unwrap();
        let note = document.query_selector(".session-timeout__restored").unwrap().expect("the note");
        assert_eq!(note.text_content().unwrap_or_default(), *payload);
        assert_eq!(note.child_element_count(), 0, "{payload}: no element parsed");
        t.destroy();
        checked += 1;
    }
    form.remove();
    assert!(Reflect::get(&window, &"__xss".into()).unwrap().is_undefined());
    web_sys::console::log_1(&format!("xss (draftRestored): {checked} passed, 0 failed").into());
}
