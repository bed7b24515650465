//! The demo's HTML pages. Every value that came from a person is escaped.

use crate::args::Args;
use crate::session::User;

/// Escapes text for HTML element content and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn page(title: &str, body: &str) -> String {
    page_with_head(title, "<link rel=\"stylesheet\" href=\"/assets/session-timeout/session-timeout.css\">\n", body)
}

fn page_with_head(title: &str, head: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/static/demo.css">
{head}</head>
<body>
{body}
</body>
</html>
"#,
        title = escape(title)
    )
}

/// The sign-in form; `notice` explains why the user is here.
pub fn login(notice: Option<&str>, return_to: Option<&str>) -> String {
    let notice = notice.map(|n| format!(r#"<p class="notice" role="status">{}</p>"#, escape(n))).unwrap_or_default();
    let return_to = return_to
        .map(|r| format!(r#"<input type="hidden" name="return" value="{}">"#, escape(r)))
        .unwrap_or_default();
    page(
        "Sign in — session-timeout demo",
        &format!(
            r#"<main class="narrow">
<h1>Sign in</h1>
{notice}
<form method="post" action="/login">
{return_to}
<label for="name">Name</label>
<input id="name" name="name" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<p class="hint">Any name works. A name ending in <code>@sso</code> acts as a single-sign-on user and is sent to the identity provider when signed out.</p>
<button type="submit">Sign in</button>
</form>
</main>"#
        ),
    )
}

/// The identity provider's page, where SSO users land when signed out.
pub fn identity_provider() -> String {
    page(
        "Identity provider — session-timeout demo",
        r#"<main class="narrow">
<h1>Example identity provider</h1>
<p class="notice" role="status">Your session with the application ended. Sign in again with your organisation account.</p>
<form method="post" action="/login">
<label for="name">Organisation account</label>
<input id="name" name="name" value="someone@sso" autocomplete="username" required>
<button type="submit">Continue</button>
</form>
</main>"#,
    )
}

/// The protected page: a long form, the live session state, and the
/// library loaded as an ES module with options from data attributes.
pub fn app(user: &User, args: &Args) -> String {
    let redirect = if user.is_sso() { "/sso/login?expired=true" } else { "/login?expired=true" };
    let head = format!(
        "<meta name=\"csrf-token\" content=\"{}\">\n<link rel=\"stylesheet\" href=\"/assets/session-timeout/session-timeout.css\">\n",
        escape(&user.csrf_token)
    );
    page_with_head(
        "Application form — session-timeout demo",
        &head,
        &format!(
            r#"<header class="bar">
<span>Signed in as <strong id="user">{name}</strong></span>
<form method="post" action="/logout"><button type="submit" class="link">Sign out</button></form>
</header>
<main id="app" data-session-seconds="{session}" data-warn-seconds="{warn}" data-redirect-seconds="{redirect_s}" data-keep-alive-timeout-seconds="{ka_timeout}" data-allow-short-warning="{short}"
  data-keep-alive-url="/session/keep-alive" data-status-url="/session/status" data-sign-out-url="/logout"
  data-redirect-url="{redirect}" data-remaining-header="Session-Expires-In" data-seconds-left="{left}"{hard_end}>
<h1>Application for a widget licence</h1>
<p class="notice" id="session-notice" data-session-timeout-notice></p>
<section class="status" aria-label="Session">
<p>Session: <strong id="session-state">loading</strong> · <span id="session-left"></span></p>
<p class="hint">The server ends an idle session after {session} seconds. The warning shows {warn} seconds before that.</p>
<button type="button" id="fetch-data">Load data (a fetch that counts as activity)</button>
<output id="fetch-result"></output>
</section>
<form id="long-form" data-session-timeout-preserve="{name}">
<fieldset><legend>About you</legend>
<label for="full-name">Full name</label><input id="full-name" name="fullName" autocomplete="name">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email">
<label for="phone">Phone</label><input id="phone" name="phone" type="tel" autocomplete="tel">
</fieldset>
<fieldset><legend>Address</legend>
<label for="street">Street</label><input id="street" name="street" autocomplete="street-address">
<label for="town">Town</label><input id="town" name="town" autocomplete="address-level2">
<label for="postcode">Postcode</label><input id="postcode" name="postcode" autocomplete="postal-code">
<label for="country">Country</label>
<select id="country" name="country"><option>United Kingdom</option><option>Ireland</option><option>Netherlands</option><option>Germany</option></select>
</fieldset>
<fieldset><legend>Your application</legend>
<label for="reason">Why do you need a licence?</label><textarea id="reason" name="reason" rows="8"></textarea>
<label><input type="checkbox" name="agree" id="agree"> I confirm the above is true</label>
<label for="confirm-password">Confirm your password</label><input id="confirm-password" name="confirmPassword" type="password" autocomplete="current-password">
</fieldset>
<button type="button">Submit application</button>
</form>
</main>
<script type="module" src="/static/app.js"></script>"#,
            name = escape(&user.name),
            session = args.session_seconds,
            warn = args.warn_seconds,
            redirect_s = args.redirect_seconds,
            left = user.seconds_left,
            ka_timeout = args.keep_alive_timeout_seconds,
            short = args.warn_seconds < 20,
            hard_end = hard_end(user, args.clock_ahead_seconds),
        ),
    )
}

/// The same site loaded the other way: one script tag with data
/// attributes, no other JavaScript, and no stylesheet link (the library
/// adds its own from beside the script).
pub fn app_script_tag(user: &User, args: &Args) -> String {
    let redirect = if user.is_sso() { "/sso/login?expired=true" } else { "/login?expired=true" };
    let head = format!("<meta name=\"csrf-token\" content=\"{}\">\n", escape(&user.csrf_token));
    page_with_head(
        "Notes — session-timeout demo (script tag)",
        &head,
        &format!(
            r#"<header class="bar">
<span>Signed in as <strong>{name}</strong></span>
<form method="post" action="/logout"><button type="submit" class="link">Sign out</button></form>
</header>
<main>
<h1>Notes</h1>
<p class="notice" data-session-timeout-notice></p>
<p class="hint">This page loads session-timeout with one script tag and nothing else.</p>
<form id="notes-form" data-session-timeout-preserve="{name}">
<label for="note-title">Title</label><input id="note-title" name="title">
<label for="note-body">Note</label><textarea id="note-body" name="body" rows="10"></textarea>
</form>
</main>
<script type="module" src="/assets/session-timeout/session-timeout.min.js"
  data-session-seconds="{session}" data-warn-seconds="{warn}" data-redirect-seconds="{redirect_s}"
  data-keep-alive-url="/session/keep-alive" data-status-url="/session/status" data-sign-out-url="/logout"
  data-redirect-url="{redirect}" data-return-param="return" data-remaining-header="Session-Expires-In"
  data-track-exclude="/api/ping" data-keep-alive-timeout-seconds="{ka_timeout}" data-allow-short-warning="{short}"
  data-keep-alive-on-activity="15"{hard_end}></script>"#,
            name = escape(&user.name),
            session = args.session_seconds,
            warn = args.warn_seconds,
            redirect_s = args.redirect_seconds,
            ka_timeout = args.keep_alive_timeout_seconds,
            short = args.warn_seconds < 20,
            hard_end = hard_end(user, args.clock_ahead_seconds),
        ),
    )
}

/// The session's hard end for the library (`--absolute-seconds`): when
/// it is (`ahead` seconds late: `--clock-ahead-seconds`), and the header
/// every answer repeats it in.
fn hard_end(user: &User, ahead: u64) -> String {
    match user.ends_at.map(|end| end + ahead as i64 * 1000) {
        Some(end) => format!(" data-absolute-expires-at=\"{end}\" data-absolute-header=\"Session-Absolute-Expires-In\""),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape(r#"<img src=x onerror="a">&'"#), "&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;");
    }
}
