//! Demo server for session-timeout: real cookie sessions (tower-sessions),
//! a sign-in page, a protected long form, keep-alive and status endpoints,
//! and the built npm package served as a user's site would serve it.

mod args;
mod hooks;
mod pages;
mod routes;
mod session;

use args::Args;
use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use hooks::Hooks;
use std::sync::Arc;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::{MemoryStore, SessionManagerLayer};

/// What every handler can see.
#[derive(Clone)]
pub struct AppState {
    /// The flags.
    pub args: Arc<Args>,
    /// Present with --test-hooks.
    pub hooks: Option<Arc<Hooks>>,
}

/// Strict: no inline script or style anywhere, wasm allowed.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

fn router(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(MemoryStore::default())
        .with_name("demo_session")
        .with_secure(false) // plain http on 127.0.0.1
        .with_same_site(tower_sessions::cookie::SameSite::Lax);
    let mut app = Router::new()
        .route("/", get(routes::home))
        .route("/login", get(routes::login_page).post(routes::login))
        .route("/logout", get(routes::logout).post(routes::logout))
        .route("/sso/login", get(routes::identity_provider))
        .route("/app", get(routes::app))
        .route("/notes", get(routes::notes))
        .route("/session/keep-alive", post(routes::keep_alive))
        .route("/session/status", get(routes::status))
        .route("/session/csrf", get(routes::csrf))
        .route("/api/data", get(routes::data))
        .route("/api/ping", get(routes::ping))
        .route("/favicon.ico", get(|| async { axum::http::StatusCode::NO_CONTENT }));
    if state.hooks.is_some() {
        // Real copies of jQuery, axios, htmx, Quill and Shoelace from npm, for the tests.
        app = app
            .route("/__test/counts", get(routes::counts))
            .route("/__test/fault", post(routes::set_fault))
            .route("/__test/status-fault", post(routes::set_status_fault))
            .route("/__test/release", post(routes::release))
            .route("/__test/wasm-delay", post(routes::set_wasm_delay))
            .route("/__test/csp-page", get(routes::csp_page))
            .route("/__test/trusted-types", get(routes::trusted_types_page))
            .route("/__test/script-tag", get(routes::script_tag_page))
            .route("/__test/editors", get(routes::editors_page))
            .route("/__test/editors.js", get(routes::editors_js))
            .route("/__test/components", get(routes::components_page))
            .route("/__test/components-late.js", get(routes::components_late_js))
            .route("/__test/record-errors.js", get(routes::record_errors))
            .route("/__test/init-check.js", get(routes::init_check))
            .route("/__test/wasm-watch.js", get(routes::wasm_watch))
            .route("/__test/cache-first-sw.js", get(routes::cache_first_sw))
            .route("/__test/network-first-sw.js", get(routes::network_first_sw))
            .nest_service("/__test/vendor", ServeDir::new(&state.args.vendor_dir))
            .nest_service("/vite", ServeDir::new(&state.args.vite_dir));
    }
    app.nest_service("/assets/session-timeout", ServeDir::new(&state.args.pkg_dir))
        .nest_service("/static", ServeDir::new(&state.args.static_dir))
        .layer(axum::middleware::from_fn_with_state(state.clone(), routes::delay_wasm))
        .layer(sessions)
        // Unless a route sets its own (the test page of a stricter policy).
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .with_state(state)
}

#[tokio::main]
async fn main() {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if !std::path::Path::new(&args.pkg_dir).join("session-timeout.js").exists() {
        eprintln!("warning: {}/session-timeout.js not found; build the package first (make pkg)", args.pkg_dir);
    }
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await {
        Ok(l) => l,
        Err(e) if args.port != 0 => {
            eprintln!("port {} is taken ({e}); picking a free one", args.port);
            match tokio::net::TcpListener::bind(("127.0.0.1", 0)).await {
                Ok(l) => l,
                Err(e) => return eprintln!("cannot listen on 127.0.0.1: {e}"),
            }
        }
        Err(e) => return eprintln!("cannot listen on 127.0.0.1: {e}"),
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    let hooks = args.test_hooks.then(|| Arc::new(Hooks::default()));
    let hard_end = if args.absolute_seconds > 0 { format!(", hard end {} s after sign-in", args.absolute_seconds) } else { String::new() };
    println!(
        "session-timeout demo: http://127.0.0.1:{port}/  (session {} s, warning {} s, redirect {} s{hard_end}; sign in with any name)",
        args.session_seconds, args.warn_seconds, args.redirect_seconds
    );
    let state = AppState { args: Arc::new(args), hooks };
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await {
        eprintln!("server error: {e}");
    }
}
