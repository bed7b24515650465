//! The warning and expired dialogs in a real page: modal, labelled,
//! focus kept inside and given back, Escape means stay, text stays text.

use js_sys::Reflect;
use crate::support::page::{options, quick, start_timeout, until, Clock, Recorder};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlElement, KeyboardEvent, KeyboardEventInit};

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

fn dialog() -> web_sys::HtmlDialogElement {
    document().query_selector("dialog.session-timeout").unwrap().expect("a dialog").dyn_into().unwrap()
}

fn part(name: &str) -> Element {
    dialog().query_selector(&format!(".session-timeout__{name}")).unwrap().expect(name)
}

fn text_of(name: &str) -> String {
    part(name).text_content().unwrap_or_default()
}

fn active_class() -> String {
    document().active_element().map(|e| e.class_name()).unwrap_or_default()
}

fn press(key: &str, shift: bool) -> bool {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    let target = document().active_element().unwrap_or_else(|| dialog().into());
    target.dispatch_event(&event).unwrap()
}

fn with(opts: JsValue, pairs: &[(&str, JsValue)]) -> JsValue {
    for (k, v) in pairs {
        Reflect::set(&opts, &(*k).into(), v).unwrap();
    }
    opts
}

#[wasm_bindgen_test]
async fn the_warning_is_a_labelled_modal_with_a_live_countdown() {
    let clock = Clock::start();
    let timeout = start_timeout(quick(2.5, 2.0, 5.0)).unwrap();
    assert!(document().query_selector("dialog.session-timeout").unwrap().is_none(), "not built while active");
    clock.advance(500);
    let d = dialog();
    assert!(d.open());
    assert!(d.matches(":modal").unwrap(), "opened with showModal()");
    let title = part("title");
    assert_eq!(d.get_attribute("aria-labelledby"), title.get_attribute("id"));
    assert_eq!(title.text_content().as_deref(), Some("You're about to be signed out"));
    assert_eq!(text_of("message"), "For your security, we will sign you out in 2 seconds.");
    assert_eq!(part("message").get_attribute("aria-hidden").as_deref(), Some("true"), "screen readers hear the live region");
    assert_eq!(part("sr").get_attribute("aria-live").as_deref(), Some("polite"));
    assert!(active_class().contains("button--primary"), "focus moved to Stay signed in");
    clock.advance(999);
    assert_eq!(text_of("message"), "For your security, we will sign you out in 2 seconds.", "no tick early");
    clock.advance(1);
    assert_eq!(text_of("message"), "For your security, we will sign you out in 1 second.", "singular from Intl");
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn the_live_region_changes_far_less_often_than_the_countdown() {
    let clock = Clock::start();
    let timeout = start_timeout(quick(4.5, 4.0, 5.0)).unwrap();
    clock.advance(500);
    let first = text_of("sr");
    assert_eq!(first, "For your security, we will sign you out in 20 seconds.");
    let mut visible = vec![text_of("message")];
    for _ in 0..3 {
        clock.advance(1_000);
        visible.push(text_of("message"));
        assert_eq!(text_of("sr"), first, "unchanged within a 20-second step");
    }
    visible.dedup();
    assert_eq!(visible.len(), 4, "the visible text changed every second: {visible:?}");
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn tab_stays_inside_and_focus_returns_on_close() {
    let input: HtmlElement = document().create_element("input").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&input).unwrap();
    input.focus().unwrap();
    let clock = Clock::start();
    let timeout = start_timeout(with(quick(1.5, 1.2, 5.0), &[("signOutUrl", "/logout".into())])).unwrap();
    clock.advance(300);
    assert!(active_class().contains("button--primary"));
    press("Tab", true);
    assert!(active_class().contains("button--secondary"), "Shift+Tab from the first wraps to the last");
    press("Tab", false);
    assert!(active_class().contains("button--primary"), "Tab from the last wraps to the first");
    // WebKitGTK sends Shift+Tab as key "Unidentified", code "Tab".
    let init = KeyboardEventInit::new();
    init.set_key("Unidentified");
    init.set_code("Tab");
    init.set_shift_key(true);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().active_element().unwrap().dispatch_event(&event).unwrap();
    assert!(active_class().contains("button--secondary"), "WebKitGTK's Shift+Tab wraps too");
    press("Tab", false);
    timeout.activity();
    assert!(!dialog().open());
    assert_eq!(document().active_element(), Some(input.clone().into()), "focus is back where it was");
    timeout.destroy();
    input.remove();
}

#[wasm_bindgen_test]
async fn escape_means_stay_signed_in_and_a_failed_keep_alive_says_so() {
    let clock = Clock::start();
    let timeout = start_timeout(with(quick(3.0, 2.8, 5.0), &[("keepAliveUrl", "/no-such-keep-alive".into())])).unwrap();
    let rec = Recorder::attach(&timeout);
    clock.advance(200);
    let not_cancelled = press("Escape", false);
    assert!(!not_cancelled, "Escape's default (closing) is prevented");
    assert!(dialog().open(), "Escape never just closes the warning");
    assert!(until(5_000, || rec.milestones().len() == 2).await, "the 404 comes back");
    assert_eq!(rec.milestones(), ["warning", "keepaliveerror"]);
    // The server answered (404): a refusal, not "check your connection".
    assert_eq!(text_of("error"), "We could not extend your session. Try again, or save your work and sign in again.");
    assert_eq!(part("error").get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(timeout.state(), "warning", "nobody is signed out early");
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn extend_resolves_false_when_the_server_cannot_be_reached() {
    let timeout = start_timeout(with(options(&[("sessionSeconds", 60.into())]), &[("keepAliveUrl", "/missing".into())])).unwrap();
    let extended = JsFuture::from(timeout.extend()).await.unwrap();
    assert_eq!(extended, JsValue::FALSE);
    timeout.destroy();
    let after = JsFuture::from(timeout.extend()).await.unwrap();
    assert_eq!(after, JsValue::FALSE, "nothing to extend once destroyed");
}

#[wasm_bindgen_test]
async fn the_tab_title_counts_down_and_comes_back_exactly() {
    let doc = document();
    let before = doc.title();
    doc.set_title("Orders – Shop");
    let clock = Clock::start();
    let timeout = start_timeout(quick(2.5, 2.0, 5.0)).unwrap();
    clock.advance(500);
    let shown = doc.title();
    assert!(shown.starts_with("(0:0") && shown.ends_with(") Orders – Shop"), "{shown}");
    timeout.activity(); // the session lives on: the warning closes
    assert_eq!(doc.title(), "Orders – Shop", "put back exactly");
    timeout.destroy();

    // A title the page sets while the warning is open is the page's title now.
    let timeout = start_timeout(quick(2.5, 2.0, 5.0)).unwrap();
    clock.advance(500);
    doc.set_title("Inbox (1)");
    clock.advance(1_000); // one tick
    let shown = doc.title();
    assert!(shown.ends_with(") Inbox (1)"), "{shown}");
    timeout.destroy();
    assert_eq!(doc.title(), "Inbox (1)", "destroy puts the page's newest title back");

    // titleAlert: false leaves the title alone.
    let timeout = start_timeout(with(quick(2.5, 2.0, 5.0), &[("titleAlert", false.into())])).unwrap();
    clock.advance(500);
    assert_eq!(timeout.state(), "warning");
    assert_eq!(doc.title(), "Inbox (1)");
    timeout.destroy();
    doc.set_title(&before);
}

#[wasm_bindgen_test]
fn the_limit_is_stated_up_front_in_the_pages_language_and_given_back() {
    let doc = document();
    let note = doc.create_element("p").unwrap();
    note.set_attribute("data-session-timeout-notice", "").unwrap();
    note.set_text_content(Some("(the page's own words)"));
    doc.body().unwrap().append_child(&note).unwrap();
    let timeout = start_timeout(options(&[("sessionSeconds", 1800.into()), ("locale", "de".into()), ("crossTab", false.into())])).unwrap();
    assert_eq!(note.text_content().unwrap_or_default(), "Zu Ihrer Sicherheit melden wir Sie nach 30 Minuten ohne Aktivität ab.");
    timeout.destroy();
    assert_eq!(note.text_content().unwrap_or_default(), "(the page's own words)", "destroy gives the element its text back");
    note.remove();
}

#[wasm_bindgen_test]
async fn a_marked_element_a_body_swap_brings_is_filled_too_until_destroy() {
    let doc = document();
    let body = doc.body().unwrap();
    let marked = || {
        let p = doc.create_element("p").unwrap();
        p.set_attribute("data-session-timeout-notice", "").unwrap();
        body.append_child(&p).unwrap();
        p
    };
    let first = marked();
    let timeout = start_timeout(options(&[("sessionSeconds", 1800.into()), ("locale", "en".into()), ("crossTab", false.into())])).unwrap();
    let said = "For your security, we will sign you out after 30 minutes of inactivity.";
    // What Turbo or hx-boost does: new content among <body>'s children.
    let later = marked();
    assert!(until(1_000, || later.text_content().unwrap_or_default() == said).await, "the new element states the limit");
    timeout.destroy();
    assert_eq!(later.text_content().unwrap_or_default(), "", "its own (empty) text is back");
    let after = marked();
    let _ = until(200, || false).await;
    assert_eq!(after.text_content().unwrap_or_default(), "", "nothing is watched after destroy()");
    for p in [first, later, after] {
        p.remove();
    }
}

/// A single-page app renders its notice after the library starts, deep
/// inside its own root, and there was none at start.
#[wasm_bindgen_test]
async fn a_notice_a_single_page_app_renders_later_is_filled_until_destroy() {
    let doc = document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let timeout = start_timeout(options(&[("sessionSeconds", 1800.into()), ("locale", "en".into()), ("crossTab", false.into())])).unwrap();
    let said = "For your security, we will sign you out after 30 minutes of inactivity.";
    let view = doc.create_element("section").unwrap();
    let note = doc.create_element("p").unwrap();
    note.set_attribute("data-session-timeout-notice", "").unwrap();
    note.set_text_content(Some("(loading)"));
    view.append_child(&note).unwrap();
    root.append_child(&view).unwrap();
    assert!(until(1_000, || note.text_content().unwrap_or_default() == said).await, "the element rendered later states the limit");
    timeout.destroy();
    assert_eq!(note.text_content().unwrap_or_default(), "(loading)", "its own text is back");
    root.remove();
}

#[wasm_bindgen_test]
async fn keep_alive_and_status_functions_replace_the_requests() {
    let base = || options(&[("sessionSeconds", 60.into()), ("crossTab", false.into())]);
    // A token refresh that says how long the new token lives.
    let refresh = js_sys::Function::new_no_args("window.__refreshes = (window.__refreshes || 0) + 1; return Promise.resolve({ secondsLeft: 600 });");
    let timeout = start_timeout(with(base(), &[("keepAlive", refresh.into())])).unwrap();
    assert_eq!(JsFuture::from(timeout.extend()).await.unwrap(), JsValue::TRUE);
    assert!((598.0..=600.0).contains(&timeout.remaining_seconds()), "{}", timeout.remaining_seconds());
    assert_eq!(Reflect::get(&web_sys::window().unwrap(), &"__refreshes".into()).unwrap(), JsValue::from(1));
    timeout.destroy();

    // One that fails: a failed keep-alive, never a sign-out.
    let failing = js_sys::Function::new_no_args("return Promise.reject(new Error('token endpoint down'))");
    let timeout = start_timeout(with(base(), &[("keepAlive", failing.into())])).unwrap();
    assert_eq!(JsFuture::from(timeout.extend()).await.unwrap(), JsValue::FALSE);
    assert_eq!(timeout.state(), "active");
    timeout.destroy();

    // status(): asked shortly before the warning (3 s before it here); its seconds left win.
    let clock = Clock::start();
    let status = js_sys::Function::new_no_args("window.__asked = (window.__asked || 0) + 1; return Promise.resolve(600)");
    let timeout = start_timeout(with(quick(8.0, 2.0, 5.0), &[("status", status.into()), ("crossTab", false.into())])).unwrap();
    let asked = || Reflect::get(&web_sys::window().unwrap(), &"__asked".into()).unwrap().as_f64().unwrap_or(0.0);
    clock.advance(2_900);
    assert_eq!(asked(), 0.0, "not asked before its moment");
    clock.advance(100);
    assert_eq!(asked(), 1.0, "asked 3 s before the warning");
    assert!(until(2_000, || timeout.remaining_seconds() > 500.0).await, "the status function's word: {}", timeout.remaining_seconds());
    timeout.destroy();

    // Both a function and its URL: a named error.
    let (_, message) = crate::support::page::construct_error(with(base(), &[("keepAlive", js_sys::Function::new_no_args("").into()), ("keepAliveUrl", "/ka".into())]));
    assert!(message.contains("use either keepAlive or keepAliveUrl"), "{message}");
}

#[wasm_bindgen_test]
async fn the_pages_keep_alive_may_read_and_destroy_the_instance_while_it_runs() {
    // keepAlive() is page code: it runs with no state of ours borrowed, so
    // it reads the instance as it is (not "stopped" and 0 s) and may even
    // destroy it, which answers extend() with false and aborts the call.
    let body = "const t = window.__timeout; window.__seen = [t.state, t.remainingSeconds]; t.destroy(); return Promise.resolve(true);";
    let options = with(options(&[("sessionSeconds", 60.into()), ("crossTab", false.into())]), &[("keepAlive", js_sys::Function::new_no_args(body).into())]);
    // A JS object, as the page holds it (the instance destroys itself).
    let timeout = JsValue::from(session_timeout::SessionTimeout::new(options).unwrap());
    let window = web_sys::window().unwrap();
    Reflect::set(&window, &"__timeout".into(), &timeout).unwrap();
    let extend: js_sys::Function = Reflect::get(&timeout, &"__extend".into()).unwrap().unchecked_into();
    let extended = js_sys::Promise::new(&mut |resolve, _| {
        extend.call1(&timeout, &resolve).unwrap();
    });
    assert_eq!(JsFuture::from(extended).await.unwrap(), JsValue::FALSE, "destroyed before it answered");
    let seen = js_sys::Array::from(&Reflect::get(&window, &"__seen".into()).unwrap());
    assert_eq!(seen.get(0), JsValue::from("active"));
    assert!(seen.get(1).as_f64().is_some_and(|s| s >= 59.0), "{:?}", seen.get(1));
    assert_eq!(Reflect::get(&timeout, &"state".into()).unwrap(), JsValue::from("stopped"));
    Reflect::delete_property(&window, &"__timeout".into()).unwrap();
}

#[wasm_bindgen_test]
async fn extend_resolves_true_when_the_server_answers() {
    // No keepAliveUrl: a GET of this page, which the test server answers
    // with 200. The answer travels platform → driver → clock → promise.
    let timeout = start_timeout(options(&[("sessionSeconds", 60.into()), ("crossTab", false.into())])).unwrap();
    let extended = JsFuture::from(timeout.extend()).await.unwrap();
    assert_eq!(extended, JsValue::TRUE, "a 2xx keep-alive extends the session");
    assert_eq!(timeout.state(), "active");
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn the_expired_dialog_offers_sign_in_again() {
    let clock = Clock::start();
    let timeout = start_timeout(quick(0.6, 0.4, 30.0)).unwrap();
    let rec = Recorder::attach(&timeout);
    clock.advance(600);
    assert_eq!(timeout.state(), "expired");
    assert!(dialog().open());
    assert_eq!(text_of("title"), "You have been signed out");
    assert_eq!(text_of("message"), "We will take you to the sign-in page in 30 seconds.");
    let button: HtmlElement = part("button--primary").dyn_into().unwrap();
    assert_eq!(button.text_content().as_deref(), Some("Sign in again"));
    button.click();
    assert_eq!(rec.milestones(), ["warning", "expired", "redirect"]);
    assert_eq!(rec.detail("redirect", "reason").as_string().as_deref(), Some("expired"));
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn text_options_go_in_as_text_never_markup() {
    let payload = r#"<img src=x onerror="window.__pwned=1">"><script>window.__pwned=1</script>"#;
    let text = options(&[("warningTitle", payload.into()), ("warningMessage", format!("{payload} {{time}}").into())]);
    let clock = Clock::start();
    let timeout = start_timeout(with(quick(1.3, 1.0, 5.0), &[("text", text)])).unwrap();
    clock.advance(300);
    assert_eq!(text_of("title"), payload);
    assert!(text_of("message").starts_with(payload));
    assert!(dialog().query_selector("img, script").unwrap().is_none(), "no element was parsed from text");
    assert!(Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap().is_undefined());
    timeout.destroy();
}

#[wasm_bindgen_test]
fn headless_mode_builds_no_dialog() {
    let timeout = start_timeout(with(options(&[("sessionSeconds", 60.into())]), &[("dialog", false.into())])).unwrap();
    assert!(document().query_selector("dialog.session-timeout").unwrap().is_none());
    timeout.destroy();
}

#[wasm_bindgen_test]
fn a_misspelt_placeholder_is_rejected() {
    let text = options(&[("warningMessage", "Signing out in {tmie}".into())]);
    let (name, message) = crate::support::page::construct_error(with(options(&[("sessionSeconds", 60.into())]), &[("text", text)]));
    assert_eq!(name, "SessionTimeoutConfigError");
    assert!(message.contains("text.warningMessage") && message.contains("{tmie}") && message.contains("{time}"), "{message}");
}
