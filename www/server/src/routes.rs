//! Every route of the demo: pages, the session endpoints, and the test
//! hooks.

use crate::hooks::Fault;
use crate::pages;
use crate::session::{self, User};
use crate::AppState;
use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::sync::atomic::Ordering;
use tower_sessions::Session;

/// The response header that tells the page how long its session has left.
pub const REMAINING_HEADER: &str = "session-expires-in";
/// The one that tells it how long until the session's hard end.
pub const ABSOLUTE_HEADER: &str = "session-absolute-expires-in";

fn with_left(mut response: Response, user: &User) -> Response {
    if let Ok(v) = HeaderValue::from_str(&user.seconds_left.to_string()) {
        response.headers_mut().insert(REMAINING_HEADER, v);
    }
    if let Some(Ok(v)) = user.seconds_to_end().map(|s| HeaderValue::from_str(&s.to_string())) {
        response.headers_mut().insert(ABSOLUTE_HEADER, v);
    }
    // The same figures where PerformanceObserver can read them without
    // touching fetch, and where a page reads its own answer's: Server-Timing
    // metrics, their descriptions in seconds.
    let mut timing = format!("{REMAINING_HEADER};desc={}", user.seconds_left);
    if let Some(s) = user.seconds_to_end() {
        timing.push_str(&format!(", {ABSOLUTE_HEADER};desc={s}"));
    }
    if let Ok(v) = HeaderValue::from_str(&timing) {
        response.headers_mut().insert("server-timing", v);
    }
    response
}

fn unauthorized() -> Response {
    (StatusCode::UNAUTHORIZED, [(header::CONTENT_TYPE, "application/json")], r#"{"error":"session ended"}"#).into_response()
}

fn server_error(e: impl std::fmt::Display) -> Response {
    eprintln!("session store error: {e}");
    (StatusCode::INTERNAL_SERVER_ERROR, "session store error").into_response()
}

/// `/`: to the form if signed in, else to sign in.
pub async fn home(session: Session) -> Response {
    match session::peek(&session).await {
        Some(_) => Redirect::to("/app").into_response(),
        None => Redirect::to("/login").into_response(),
    }
}

#[derive(Deserialize)]
pub struct LoginQuery {
    expired: Option<String>,
    #[serde(rename = "signed-out")]
    signed_out: Option<String>,
    #[serde(rename = "return")]
    return_to: Option<String>,
}

/// `GET /login`.
pub async fn login_page(Query(q): Query<LoginQuery>) -> Html<String> {
    let notice = if q.expired.is_some() {
        Some("You were signed out because you were inactive for too long. Sign in again to continue.")
    } else if q.signed_out.is_some() {
        Some("You have signed out.")
    } else {
        None
    };
    let return_to = q.return_to.as_deref().filter(|r| is_local_path(r));
    Html(pages::login(notice, return_to))
}

/// `GET /sso/login`: the stand-in identity provider.
pub async fn identity_provider() -> Html<String> {
    Html(pages::identity_provider())
}

#[derive(Deserialize)]
pub struct LoginForm {
    name: String,
    #[serde(rename = "return")]
    return_to: Option<String>,
}

/// `POST /login`: any non-empty name signs in.
pub async fn login(State(state): State<AppState>, session: Session, Form(form): Form<LoginForm>) -> Response {
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return (StatusCode::BAD_REQUEST, Html(pages::login(Some("Enter a name of 1 to 100 characters."), None))).into_response();
    }
    if let Err(e) = session::sign_in(&session, name, state.args.session_seconds, state.args.absolute_seconds).await {
        return server_error(e);
    }
    let to = form.return_to.filter(|r| is_local_path(r)).unwrap_or_else(|| "/app".into());
    Redirect::to(&to).into_response()
}

/// Only paths on this site, never `//host` or `/\host`.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\")
}

/// `POST /logout`.
pub async fn logout(session: Session) -> Response {
    let sso = session::peek(&session).await.is_some_and(|u| u.is_sso());
    if let Err(e) = session::sign_out(&session).await {
        return server_error(e);
    }
    Redirect::to(if sso { "/sso/login?signed-out=true" } else { "/login?signed-out=true" }).into_response()
}

/// `GET /app`: the long form.
pub async fn app(State(state): State<AppState>, session: Session) -> Response {
    match session::touch(&session, state.args.session_seconds).await {
        Some(user) => with_left(Html(pages::app(&user, &state.args)).into_response(), &user),
        None => Redirect::to("/login?return=/app").into_response(),
    }
}

/// `GET /notes`: the same site with the library from one script tag.
pub async fn notes(State(state): State<AppState>, session: Session) -> Response {
    match session::touch(&session, state.args.session_seconds).await {
        Some(user) => with_left(Html(pages::app_script_tag(&user, &state.args)).into_response(), &user),
        None => Redirect::to("/login?return=/notes").into_response(),
    }
}

/// `POST /session/keep-alive`: restarts the session clock. Like any
/// state-changing request it must carry the page's CSRF token.
pub async fn keep_alive(State(state): State<AppState>, session: Session, headers: HeaderMap) -> Response {
    let mut fault = Fault::None;
    if let Some(hooks) = &state.hooks {
        hooks.keep_alive.fetch_add(1, Ordering::SeqCst);
        hooks.note_csrf_token(headers.get("x-csrf-token").and_then(|v| v.to_str().ok()));
        fault = hooks.fault();
    }
    match fault {
        Fault::Error500 => return (StatusCode::INTERNAL_SERVER_ERROR, "injected failure").into_response(),
        Fault::Error502 => return (StatusCode::BAD_GATEWAY, "injected bad gateway").into_response(),
        Fault::Hang => tokio::time::sleep(std::time::Duration::from_secs(30)).await,
        Fault::LoginRedirect => return Redirect::to("/login").into_response(),
        Fault::ProviderRedirect => return provider_sign_in(&headers),
        Fault::Unauthorized => return unauthorized(),
        Fault::Forbidden => return (StatusCode::FORBIDDEN, "CSRF verification failed").into_response(),
        Fault::None | Fault::GarbageHeader => {}
    }
    let token = headers.get("x-csrf-token").and_then(|v| v.to_str().ok());
    match session::peek(&session).await {
        Some(user) if Some(user.csrf_token.as_str()) != token => {
            return (StatusCode::FORBIDDEN, "missing or wrong X-CSRF-Token").into_response()
        }
        _ => {}
    }
    match session::touch(&session, state.args.session_seconds).await {
        Some(user) => {
            let mut response = with_left(StatusCode::NO_CONTENT.into_response(), &user);
            if fault == Fault::GarbageHeader {
                response.headers_mut().insert(REMAINING_HEADER, HeaderValue::from_static("soon-ish"));
            }
            response
        }
        None => unauthorized(),
    }
}

/// `GET /session/status`: seconds left, without extending the session.
pub async fn status(State(state): State<AppState>, session: Session) -> Response {
    let ticket = state.hooks.as_ref().map(|h| h.ticket());
    if let Some(hooks) = &state.hooks {
        let n = hooks.status.fetch_add(1, Ordering::SeqCst);
        if hooks.status_flaky.load(Ordering::SeqCst) {
            return if n % 2 == 0 {
                (StatusCode::INTERNAL_SERVER_ERROR, "down").into_response()
            } else {
                ([(header::CONTENT_TYPE, "application/json")], r#"{"secondsLeft":"soon"}"#).into_response()
            };
        }
    }
    let answer = match session::peek(&session).await {
        Some(user) => {
            let body = format!(r#"{{"secondsLeft":{}}}"#, user.seconds_left);
            with_left(([(header::CONTENT_TYPE, "application/json")], body).into_response(), &user)
        }
        None => unauthorized(),
    };
    if let (Some(hooks), Some(ticket)) = (&state.hooks, ticket) {
        let hold = hooks.status_hold_ms.load(Ordering::SeqCst);
        if hold > 0 {
            hooks.hold(ticket, hold).await;
        }
    }
    answer
}

/// `POST /__test/release`: every answer held now leaves at once.
pub async fn release(State(state): State<AppState>) -> Response {
    match &state.hooks {
        Some(h) => {
            h.release();
            StatusCode::NO_CONTENT.into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A redirect to the sign-in of an identity provider on another origin
/// that allows no CORS (`localhost` for `127.0.0.1`), as an SSO proxy's.
fn provider_sign_in(headers: &HeaderMap) -> Response {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("127.0.0.1");
    Redirect::to(&format!("http://{}/sso/login", host.replace("127.0.0.1", "localhost"))).into_response()
}

/// The query of `/api/data`.
#[derive(Deserialize)]
pub struct DataQuery {
    /// With the test hooks: milliseconds the answer is held once it is
    /// worked out, as a long poll's is (or until the tests release it).
    hold_ms: Option<u64>,
    /// With the test hooks: a dead session is sent to the identity
    /// provider's sign-in, as an SSO proxy in front of an app sends it.
    sso: Option<bool>,
}

/// `GET /api/data`: an ordinary JSON request, which counts as activity.
pub async fn data(State(state): State<AppState>, Query(query): Query<DataQuery>, headers: HeaderMap, session: Session) -> Response {
    let ticket = state.hooks.as_ref().map(|h| h.ticket());
    if let Some(hooks) = &state.hooks {
        hooks.data.fetch_add(1, Ordering::SeqCst);
    }
    let answer = data_answer(&state, &session).await;
    if state.hooks.is_some() && query.sso == Some(true) && answer.status() == StatusCode::UNAUTHORIZED {
        return provider_sign_in(&headers);
    }
    if let (Some(hooks), Some(ticket), Some(ms)) = (&state.hooks, ticket, query.hold_ms) {
        hooks.hold(ticket, ms).await;
    }
    answer
}

async fn data_answer(state: &AppState, session: &Session) -> Response {
    match session::touch(session, state.args.session_seconds).await {
        Some(user) => {
            let body = format!(r#"{{"message":"Fresh data for {}","secondsLeft":{}}}"#, json_escape(&user.name), user.seconds_left);
            with_left(([(header::CONTENT_TYPE, "application/json")], body).into_response(), &user)
        }
        None => unauthorized(),
    }
}

fn json_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            c if (c as u32) < 0x20 => format!("\\u{:04x}", c as u32).chars().collect(),
            c => vec![c],
        })
        .collect()
}

/// `GET /session/csrf`: the token, for single-page apps that were not
/// rendered by the server. Reads without extending the session.
pub async fn csrf(session: Session) -> Response {
    match session::peek(&session).await {
        Some(user) => ([(header::CONTENT_TYPE, "application/json")], format!(r#"{{"token":"{}"}}"#, json_escape(&user.csrf_token))).into_response(),
        None => unauthorized(),
    }
}

/// `GET /api/ping`: a poll that must not keep the session alive (it
/// reads without extending, as the status endpoint does).
pub async fn ping(session: Session) -> Response {
    match session::peek(&session).await {
        Some(_) => ([(header::CONTENT_TYPE, "application/json")], r#"{"notifications":0}"#).into_response(),
        None => unauthorized(),
    }
}

/// `GET /__test/csp-page`: the script tag under a policy that refuses
/// WebAssembly (no 'wasm-unsafe-eval'), for the library's error about it.
pub async fn csp_page() -> Response {
    let policy = "default-src 'self'; script-src 'self'; style-src 'self'";
    let body = r#"<!doctype html><html lang="en"><title>csp</title><script src="/__test/record-errors.js"></script>
<script type="module" src="/assets/session-timeout/session-timeout.js" data-session-seconds="60"></script>
<script type="module" src="/__test/init-check.js"></script>"#;
    ([(header::CONTENT_SECURITY_POLICY, policy), (header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// `GET /__test/trusted-types`: the script tag under the demo's policy
/// with Trusted Types required and no policy allowed, so no string may
/// reach an injection sink; with a marked form and a notice to fill.
pub async fn trusted_types_page() -> Response {
    let policy = format!("{}; require-trusted-types-for 'script'; trusted-types 'none'", crate::CSP);
    let body = r#"<!doctype html><html lang="en"><title>trusted types</title><script src="/__test/record-errors.js"></script>
<main><p data-session-timeout-notice></p><form data-session-timeout-preserve><input name="note" value="typed"></form></main>
<script type="module" src="/assets/session-timeout/session-timeout.min.js" data-session-seconds="25" data-warn-seconds="22"></script>"#;
    ([(header::CONTENT_SECURITY_POLICY, policy), (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned())], body).into_response()
}

/// The query of `/__test/script-tag`.
#[derive(Deserialize)]
pub struct ScriptTagQuery {
    /// The script tag's attributes, as HTML source.
    attrs: String,
}

/// `GET /__test/script-tag?attrs=…`: a page whose only script is the
/// library's tag with exactly these attributes (the tests' own markup,
/// hostile on purpose), after the recorder of its console errors.
pub async fn script_tag_page(Query(q): Query<ScriptTagQuery>) -> Html<String> {
    script_tag_with("script tag", "", &q.attrs)
}

/// `GET /__test/editors?attrs=…[&late]`: the script-tag page with a form
/// kept as a draft that holds rich text: a real Quill editor (from npm,
/// made on `#story`), a bare `contenteditable`, and two fields of one name.
pub async fn editors_page(Query(q): Query<ScriptTagQuery>) -> Html<String> {
    let page = r#"<link rel="stylesheet" href="/__test/vendor/quill/dist/quill.snow.css">
<form data-session-timeout-preserve id="letter">
<div id="story"></div>
<div id="plain" contenteditable></div>
<input name="phone[]" class="phone-1"> <input name="phone[]" class="phone-2">
</form>
<script src="/__test/vendor/quill/dist/quill.js"></script>
<script src="/__test/editors.js"></script>
"#;
    script_tag_with("editors", page, &q.attrs)
}

/// The query of `/__test/components`.
#[derive(Deserialize)]
pub struct ComponentsQuery {
    /// The script tag's attributes, as HTML source.
    attrs: String,
    /// Present: the components are defined only after the library starts.
    late: Option<String>,
}

/// `GET /__test/components?attrs=…[&late]`: the script-tag page with a form
/// kept as a draft whose fields are a design system's custom elements
/// (Shoelace, from npm), its password field among them; with `late`,
/// Shoelace loads once the library has started (its elements undefined
/// until then).
pub async fn components_page(Query(q): Query<ComponentsQuery>) -> Html<String> {
    let load = if q.late.is_some() {
        r#"<script type="module" src="/__test/components-late.js"></script>"#
    } else {
        r#"<script type="module" src="/__test/vendor/@shoelace-style/shoelace/cdn/shoelace.js"></script>"#
    };
    let page = r#"<link rel="stylesheet" href="/__test/vendor/@shoelace-style/shoelace/cdn/themes/light.css">
<form data-session-timeout-preserve id="profile">
<sl-input name="title" label="Title"></sl-input>
<sl-input name="secret" type="password" label="Password"></sl-input>
<sl-textarea name="body" label="Body"></sl-textarea>
<sl-select name="size" label="Size"><sl-option value="s">Small</sl-option><sl-option value="l">Large</sl-option></sl-select>
<sl-checkbox name="agree">Agree</sl-checkbox>
</form>
"#;
    script_tag_with("components", &format!("{page}{load}\n"), &q.attrs)
}

/// `GET /__test/components-late.js`: loads Shoelace once the library has
/// started (a file: the policy allows no inline script).
pub async fn components_late_js() -> Response {
    let js = r#"const late = () => (window.sessionTimeout ? import("/__test/vendor/@shoelace-style/shoelace/cdn/shoelace.js") : setTimeout(late, 20));
late();"#;
    ([(header::CONTENT_TYPE, "text/javascript")], js).into_response()
}

/// A test page: the recorder of console errors, then `page` (the tests'
/// own markup), then the library's script tag with `attrs`.
fn script_tag_with(title: &str, page: &str, attrs: &str) -> Html<String> {
    Html(format!(
        r#"<!doctype html><html lang="en"><meta charset="utf-8"><title>{title}</title><script src="/__test/record-errors.js"></script>
{page}<script type="module" src="/assets/session-timeout/session-timeout.js" {attrs}></script>"#
    ))
}

/// `GET /__test/editors.js`: makes the Quill editor (a file: the
/// policy allows no inline script); with `late` in the page's query, only
/// once the library has started (an editor whose script loads later).
pub async fn editors_js() -> Response {
    let js = r##"const make = () => { window.quill = new Quill("#story", { theme: "snow" }); };
const late = () => (window.sessionTimeout ? make() : setTimeout(late, 20));
if (new URLSearchParams(location.search).has("late")) late(); else make();"##;
    ([(header::CONTENT_TYPE, "text/javascript")], js).into_response()
}

/// `GET /__test/record-errors.js`: keeps the library's error events in
/// `window.__errors`, policy violations in `window.__violations` and
/// console errors in `window.__console`, from before
/// any other script runs (a file: the policy above allows no inline script).
pub async fn record_errors() -> Response {
    let js = r#"window.__errors = []; document.addEventListener("session-timeout:error", (e) => window.__errors.push(e.detail.message));
window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective}: ${e.sample}`));
window.__console = []; const error = console.error; console.error = (...a) => { window.__console.push(a.map((x) => x && x.message ? x.message : String(x)).join(" ")); return error.apply(console, a); };"#;
    ([(header::CONTENT_TYPE, "text/javascript")], js).into_response()
}

/// `GET /__test/init-check.js`: the npm way under the same policy, from
/// the page itself (a WebDriver's own scripts may not be held to it):
/// `init()`'s rejection in `window.__rejected`.
pub async fn init_check() -> Response {
    let js = r#"import init from "/assets/session-timeout/session-timeout.js";
window.__rejected = await init().then(() => null, (e) => ({ name: e.name, message: e.message }));"#;
    ([(header::CONTENT_TYPE, "text/javascript")], js).into_response()
}

/// `GET /__test/wasm-watch.js`: a worker that answers once the server has
/// been asked for a `.wasm` more times than the count it is sent (a page
/// was answered and loads the library). Its requests are no page's: no
/// library instance counts them.
pub async fn wasm_watch() -> Response {
    let js = r#"onmessage = async ({ data: asked }) => {
  while ((await (await fetch("/__test/counts")).json()).wasm <= asked) await new Promise((r) => setTimeout(r, 50));
  postMessage(0);
};"#;
    ([(header::CONTENT_TYPE, "text/javascript")], js).into_response()
}

/// A service worker for the tests that takes over the page at once,
/// allowed the whole site as scope, with `on_fetch` as its fetch handler.
fn service_worker(on_fetch: &str) -> Response {
    let js = format!(
        "addEventListener(\"install\", () => skipWaiting());\naddEventListener(\"activate\", (e) => e.waitUntil(clients.claim()));\naddEventListener(\"fetch\", {on_fetch});\n"
    );
    ([(header::CONTENT_TYPE, "text/javascript"), (header::HeaderName::from_static("service-worker-allowed"), "/")], js).into_response()
}

/// `GET /__test/cache-first-sw.js`: a service worker that answers each
/// page from its own cache once it holds one (an offline-first site's),
/// so the server never sees that visit.
pub async fn cache_first_sw() -> Response {
    service_worker(
        r#"(e) => {
  if (e.request.mode !== "navigate") return;
  e.respondWith(caches.open("pages").then(async (cache) => {
    const kept = await cache.match(e.request);
    if (kept) return kept;
    const answer = await fetch(e.request);
    await cache.put(e.request, answer.clone());
    return answer;
  }));
}"#,
    )
}

/// `GET /__test/network-first-sw.js`: a service worker that answers the
/// status endpoint from the network, keeping each answer, and with the
/// answer it kept while the network is down (a common runtime cache).
pub async fn network_first_sw() -> Response {
    service_worker(
        r#"(e) => {
  if (new URL(e.request.url).pathname !== "/session/status") return;
  e.respondWith(caches.open("api").then((cache) => fetch(e.request).then(
    (answer) => cache.put(e.request, answer.clone()).then(() => answer),
    () => cache.match(e.request),
  )));
}"#,
    )
}

/// `GET /__test/counts`.
pub async fn counts(State(state): State<AppState>) -> Response {
    match &state.hooks {
        Some(h) => ([(header::CONTENT_TYPE, "application/json")], h.counts_json()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `POST /__test/status-fault` with `flaky`, `slow` (answers held 1.5 s),
/// `slow:MS` or `none`.
pub async fn set_status_fault(State(state): State<AppState>, body: String) -> Response {
    let fault = body.trim();
    let hold = match fault.split_once(':') {
        Some(("slow", ms)) => ms.parse::<u64>().ok(),
        _ if fault == "slow" => Some(1500),
        _ if matches!(fault, "flaky" | "none") => Some(0),
        _ => None,
    };
    match (&state.hooks, hold) {
        (Some(h), Some(hold)) => {
            h.status_flaky.store(fault == "flaky", Ordering::SeqCst);
            h.status_hold_ms.store(hold, Ordering::SeqCst);
            StatusCode::NO_CONTENT.into_response()
        }
        (Some(_), None) => (StatusCode::BAD_REQUEST, format!("unknown status fault {fault:?}: use flaky, slow, slow:MS (whole milliseconds) or none")).into_response(),
        (None, _) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `POST /__test/wasm-delay` with milliseconds as the body.
pub async fn set_wasm_delay(State(state): State<AppState>, body: String) -> Response {
    match (&state.hooks, body.trim().parse::<u64>()) {
        (Some(h), Ok(ms)) => {
            h.wasm_delay_ms.store(ms, Ordering::SeqCst);
            StatusCode::NO_CONTENT.into_response()
        }
        (Some(_), Err(_)) => (StatusCode::BAD_REQUEST, format!("wasm delay {body:?}: it must be whole milliseconds")).into_response(),
        (None, _) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Holds back every `.wasm` by the delay set above (a slow network).
pub async fn delay_wasm(State(state): State<AppState>, request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    if let Some(h) = &state.hooks {
        if request.uri().path().ends_with(".wasm") {
            h.wasm.fetch_add(1, Ordering::SeqCst);
            let ms = h.wasm_delay_ms.load(Ordering::SeqCst);
            if ms > 0 {
                tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            }
        }
    }
    next.run(request).await
}

/// `POST /__test/fault` with the fault's name as the body.
pub async fn set_fault(State(state): State<AppState>, body: String) -> Response {
    match (&state.hooks, Fault::parse(&body)) {
        (Some(h), Some(f)) => {
            h.set_fault(f);
            StatusCode::NO_CONTENT.into_response()
        }
        (Some(_), None) => (StatusCode::BAD_REQUEST, format!("unknown fault {body:?}")).into_response(),
        (None, _) => StatusCode::NOT_FOUND.into_response(),
    }
}
