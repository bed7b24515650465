//! Nothing typed is lost: marked forms are saved as the session ends on
//! its own and put back on return; secrets never are; a deliberate
//! sign-out deletes them.

use js_sys::Reflect;
use std::cell::RefCell;
use std::rc::Rc;
use crate::support::page::{options, quick, sleep_ms, start_timeout, until, Clock, Recorder, Started};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{Document, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, Storage};

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> Storage {
    web_sys::window().unwrap().session_storage().unwrap().unwrap()
}

fn saved_keys() -> Vec<String> {
    let s = storage();
    (0..s.length().unwrap()).filter_map(|i| s.key(i).unwrap()).filter(|k| k.starts_with("session-timeout:draft:")).collect()
}

/// A form with one field of every kind, each `(id, kind, preservable)`.
const FIELDS: &[(&str, &str, bool)] = &[
    ("name", r#"<input id="name" name="name">"#, true),
    ("email", r#"<input id="email" name="email" type="email">"#, true),
    ("story", r#"<textarea id="story" name="story"></textarea>"#, true),
    ("agree", r#"<input id="agree" name="agree" type="checkbox" value="yes">"#, true),
    ("colour", r#"<select id="colour" name="colour"><option>red</option><option>green</option></select>"#, true),
    ("password", r#"<input id="password" name="password" type="password">"#, false),
    ("token", r#"<input id="token" name="token" type="hidden">"#, false),
    ("upload", r#"<input id="upload" name="upload" type="file">"#, false),
    ("card", r#"<input id="card" name="card" autocomplete="cc-number">"#, false),
    ("code", r#"<input id="code" name="code" autocomplete="one-time-code">"#, false),
    ("secret", r#"<input id="secret" name="secret" autocomplete="off">"#, false),
    ("skipped", r#"<input id="skipped" name="skipped" data-session-timeout-ignore>"#, false),
    ("inner", r#"<fieldset data-session-timeout-ignore><input id="inner" name="inner"></fieldset>"#, false),
];

fn build_form() -> web_sys::Element {
    // A test that failed left its form (a panic runs no clean-up): one
    // failure must not fail every test after it.
    if let Some(left) = document().get_element_by_id("application") {
        left.remove();
    }
    let form = document().create_element("form").unwrap();
    form.set_id("application");
    form.set_attribute("data-session-timeout-preserve", "").unwrap();
    let markup: String = FIELDS.iter().map(|(_, html, _)| *html).collect();
    // Test fixture only: the library itself never parses markup.
    form.set_inner_html(&markup);
    document().body().unwrap().append_child(&form).unwrap();
    form
}

/// No copy saved by an earlier test.
fn forget_saved() {
    for k in saved_keys() {
        storage().remove_item(&k).unwrap();
    }
}

/// The form, every field typed in, and nothing saved yet.
fn filled_form() -> web_sys::Element {
    forget_saved();
    let form = build_form();
    fill();
    form
}

fn input(id: &str) -> HtmlInputElement {
    document().get_element_by_id(id).unwrap().dyn_into().unwrap()
}

/// The page after signing in again: a fresh session, no dialog.
fn signed_in_again() -> Started {
    start_timeout(options(&[("sessionSeconds", 600.into()), ("dialog", false.into())])).unwrap()
}

fn select(id: &str) -> HtmlSelectElement {
    document().get_element_by_id(id).unwrap().dyn_into().unwrap()
}

fn fill() {
    for (id, _, _) in FIELDS {
        match *id {
            "story" => document().get_element_by_id(id).unwrap().dyn_into::<HtmlTextAreaElement>().unwrap().set_value("Once upon a time"),
            "colour" => select(id).set_value("green"),
            "agree" => input(id).set_checked(true),
            "upload" => {}
            _ => input(id).set_value(&format!("typed {id}")),
        }
    }
}

fn clear() {
    let f = document().get_element_by_id("application").unwrap().dyn_into::<web_sys::HtmlFormElement>().unwrap();
    f.reset();
    // reset() leaves a hidden input's value alone (its value is its default).
    input("token").set_value("");
}

#[wasm_bindgen_test]
async fn expiry_saves_only_what_may_be_kept_and_return_restores_it() {
    let form = filled_form();
    let clock = Clock::start();
    let timeout = start_timeout(quick(0.5, 0.2, 30.0)).unwrap();
    let rec = Recorder::attach(&timeout);
    clock.advance(500);
    assert_eq!(timeout.state(), "expired");
    let keys = saved_keys();
    assert_eq!(keys.len(), 1, "{keys:?}");
    let saved = storage().get_item(&keys[0]).unwrap().unwrap();
    for (id, _, keep) in FIELDS {
        assert_eq!(saved.contains(&format!("\"{id}")), *keep, "{id} in {saved}");
    }
    assert!(!saved.contains("typed password") && !saved.contains("typed card"));
    timeout.destroy();
    let _ = rec;

    // Signed in again, back on the same page.
    clear();
    let events = Rc::new(RefCell::new(Vec::<String>::new()));
    for kind in ["input", "change"] {
        let e = events.clone();
        let l = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            e.borrow_mut().push(format!("{}:{}", ev.type_(), ev.target().unwrap().unchecked_into::<web_sys::Element>().id()))
        });
        form.add_event_listener_with_callback(kind, l.as_ref().unchecked_ref()).unwrap();
        l.forget(); // test only: lives as long as the test page
    }
    let back = signed_in_again();
    assert_eq!(input("name").value(), "typed name");
    assert_eq!(input("email").value(), "typed email");
    assert!(input("agree").checked());
    assert_eq!(select("colour").value(), "green");
    assert_eq!(document().get_element_by_id("story").unwrap().dyn_into::<HtmlTextAreaElement>().unwrap().value(), "Once upon a time");
    for (id, _, keep) in FIELDS {
        if !keep && *id != "upload" && *id != "colour" {
            assert_eq!(input(id).value(), "", "{id} stays empty");
        }
    }
    assert!(events.borrow().contains(&"input:name".to_string()) && events.borrow().contains(&"change:agree".to_string()), "{:?}", events.borrow());
    let note = document().query_selector(".session-timeout__restored").unwrap().expect("a notice");
    assert_eq!(note.get_attribute("role").as_deref(), Some("status"));
    assert!(saved_keys().is_empty(), "the saved copy is gone");
    back.destroy();
    assert!(document().query_selector(".session-timeout__restored").unwrap().is_none(), "removed with the instance");
    form.remove();
}

#[wasm_bindgen_test]
async fn destroy_from_a_draftsaved_listener_stops_the_expiry_there() {
    let form = filled_form();
    let clock = Clock::start();
    let timeout = Rc::new(start_timeout(quick(0.5, 0.2, 30.0)).unwrap());
    let rec = Recorder::attach(&timeout);
    let t = timeout.clone();
    let stop = Closure::<dyn FnMut()>::new(move || t.destroy());
    timeout.add_event_listener("draftsaved", stop.as_ref(), &JsValue::UNDEFINED);
    clock.advance(500);
    assert_eq!(timeout.state(), "stopped");
    assert_eq!(rec.milestones(), ["warning", "draftsaved"], "no expired dialog or event after destroy");
    assert!(document().query_selector("dialog.session-timeout").unwrap().is_none(), "no dialog left in the page");
    forget_saved();
    form.remove();
}

#[wasm_bindgen_test]
async fn a_deliberate_sign_out_leaves_nothing_behind() {
    let form = build_form();
    fill();
    let clock = Clock::start();
    let timeout = start_timeout(quick(0.5, 0.2, 30.0)).unwrap();
    let rec = Recorder::attach(&timeout);
    clock.advance(500);
    assert_eq!(saved_keys().len(), 1);
    assert_eq!(rec.detail("draftsaved", "fields").as_f64(), Some(5.0));
    timeout.sign_out();
    assert!(saved_keys().is_empty());
    timeout.destroy();
    form.remove();
}

#[wasm_bindgen_test]
async fn typing_is_given_back_only_to_the_person_who_typed_it() {
    // The page names who is signed in in the marker (a computer people
    // share: the next person signs in where the last one was sent).
    let form = build_form();
    let saved_by_user_7 = || {
        form.set_attribute("data-session-timeout-preserve", "user-7").unwrap();
        fill();
        let clock = Clock::start();
        let timeout = start_timeout(quick(0.5, 0.2, 30.0)).unwrap();
        clock.advance(500);
        assert_eq!(timeout.state(), "expired");
        timeout.destroy();
        assert_eq!(saved_keys().len(), 1);
        clear();
    };
    forget_saved();
    saved_by_user_7();
    form.set_attribute("data-session-timeout-preserve", "user-8").unwrap();
    let other = signed_in_again();
    assert_eq!(input("name").value(), "", "someone else's typing stays away");
    assert!(document().query_selector(".session-timeout__restored").unwrap().is_none(), "and nothing is announced");
    assert!(saved_keys().is_empty(), "it is deleted unread");
    other.destroy();

    saved_by_user_7();
    let same = signed_in_again();
    assert_eq!(input("name").value(), "typed name", "the same person gets it back");
    assert!(saved_keys().is_empty());
    same.destroy();
    form.remove();
}

#[wasm_bindgen_test]
async fn a_page_whose_session_is_over_as_it_starts_keeps_the_copy_waiting_for_it() {
    // Signed in again, the page still names a hard end that has passed
    // (a copy from a cache, a server's stale value): the session ends as
    // the library starts, and what it saves then must be the typing that
    // waited, not the page's empty form.
    let form = saved_by_expiry();
    let ended = options(&[("sessionSeconds", 600.into()), ("absoluteExpiresAt", (js_sys::Date::now() - 1_000.0).into())]);
    let late = start_timeout(ended).unwrap();
    assert_eq!(late.state(), "expired");
    assert_eq!(input("name").value(), "typed name", "the typing came back into the form");
    let keys = saved_keys();
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert!(storage().get_item(&keys[0]).unwrap().unwrap().contains("typed name"), "and was kept for the next sign-in");
    late.destroy();
    clear();
    let back = signed_in_again();
    assert_eq!(input("name").value(), "typed name", "the next sign-in gets it");
    back.destroy();
    form.remove();
}

#[wasm_bindgen_test]
async fn an_old_saved_copy_is_dropped_unread() {
    let form = build_form();
    fill();
    let clock = Clock::start();
    let timeout = start_timeout(quick(0.5, 0.2, 30.0)).unwrap();
    let _rec = Recorder::attach(&timeout);
    clock.advance(500);
    timeout.destroy();
    let key = saved_keys().pop().expect("saved");
    let old = storage().get_item(&key).unwrap().unwrap();
    let record = js_sys::JSON::parse(&old).unwrap();
    Reflect::set(&record, &"savedAt".into(), &(js_sys::Date::now() - 2.0 * 3_600_000.0).into()).unwrap();
    storage().set_item(&key, &String::from(js_sys::JSON::stringify(&record).unwrap())).unwrap();
    clear();
    let back = signed_in_again();
    assert_eq!(input("name").value(), "", "two hours old: not restored");
    assert!(saved_keys().is_empty(), "and deleted");
    back.destroy();
    form.remove();
}

#[wasm_bindgen_test]
async fn text_with_control_characters_comes_back_exactly() {
    forget_saved();
    // The fields cross to Rust as one string split on U+0000-U+0002: what
    // the person typed (and odd field names) must not split it.
    let form = document().create_element("form").unwrap();
    form.set_id("controls");
    form.set_attribute("data-session-timeout-preserve", "").unwrap();
    let notes: HtmlTextAreaElement = document().create_element("textarea").unwrap().dyn_into().unwrap();
    notes.set_name("notes");
    let odd: HtmlInputElement = document().create_element("input").unwrap().dyn_into().unwrap();
    odd.set_attribute("name", "odd\u{1}name\u{0}").unwrap();
    form.append_child(&notes).unwrap();
    form.append_child(&odd).unwrap();
    document().body().unwrap().append_child(&form).unwrap();
    let typed = "one\u{0}two\u{1}three\u{2}four \"quoted\" \\ end";
    notes.set_value(typed);
    odd.set_value("odd\u{2}value");

    let clock = Clock::start();
    let timeout = start_timeout(quick(0.5, 0.2, 30.0)).unwrap();
    clock.advance(500);
    assert_eq!(timeout.state(), "expired");
    assert_eq!(saved_keys().len(), 1);
    timeout.destroy();

    notes.set_value("");
    odd.set_value("");
    let back = signed_in_again();
    assert_eq!(notes.value(), typed);
    assert_eq!(odd.value(), "odd\u{2}value");
    back.destroy();
    form.remove();
}

#[wasm_bindgen_test]
async fn a_copy_saved_by_a_version_before_0_1_still_comes_back() {
    forget_saved();
    let form = build_form();
    // Before 0.1 each field kept `value`, `checked` or `selected`, not `state`.
    let location = web_sys::window().unwrap().location();
    let key = format!("session-timeout:draft:{}{}#application", location.origin().unwrap(), location.pathname().unwrap());
    let old = format!(
        r#"{{"savedAt":{},"fields":[{{"key":"name","value":"old name"}},{{"key":"agree=yes","checked":true}},{{"key":"colour","selected":["green"]}}]}}"#,
        js_sys::Date::now() as u64
    );
    storage().set_item(&key, &old).unwrap();
    let back = signed_in_again();
    assert_eq!(input("name").value(), "old name");
    assert!(input("agree").checked());
    assert_eq!(select("colour").value(), "green");
    assert!(saved_keys().is_empty(), "read once, then deleted");
    back.destroy();
    form.remove();
}

/// The form typed in and saved by an expiry, then cleared and taken out
/// of the page (a single-page app between routes).
fn saved_then_gone() -> web_sys::Element {
    let form = saved_by_expiry();
    form.remove();
    form
}

/// The form typed in and saved by an expiry, then cleared (the page of
/// the next sign-in).
fn saved_by_expiry() -> web_sys::Element {
    let form = filled_form();
    let clock = Clock::start();
    let timeout = start_timeout(quick(0.5, 0.2, 30.0)).unwrap();
    clock.advance(500);
    timeout.destroy();
    drop(clock);
    assert_eq!(saved_keys().len(), 1);
    clear();
    form
}

/// A single-page app renders its form after the library starts (after
/// its data loads, or a route change): the saved copy waits for it.
#[wasm_bindgen_test]
async fn a_form_rendered_after_start_gets_its_draft_back_until_destroy() {
    let form = saved_then_gone();

    let back = signed_in_again();
    let rec = Recorder::attach(&back);
    assert_eq!(saved_keys().len(), 1, "kept while its form is not in the page");
    // Unmarked content coming and going is not the form.
    let other = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&other).unwrap();
    sleep_ms(20).await;
    assert_eq!(saved_keys().len(), 1);
    document().body().unwrap().append_child(&form).unwrap();
    assert!(until(1_000, || input("name").value() == "typed name").await, "put back when it appears");
    assert!(input("agree").checked());
    assert_eq!(rec.detail("draftrestored", "fields").as_f64(), Some(5.0));
    assert!(document().query_selector(".session-timeout__restored").unwrap().is_some(), "the note says so");
    assert!(saved_keys().is_empty(), "the saved copy is gone");
    back.destroy();
    other.remove();
    form.remove();
}

/// Nothing is watched once nothing waits, or after destroy(): a form
/// added then is left as it is.
#[wasm_bindgen_test]
async fn after_destroy_a_form_rendered_later_is_left_alone() {
    let form = saved_then_gone();
    let back = signed_in_again();
    back.destroy();
    document().body().unwrap().append_child(&form).unwrap();
    sleep_ms(50).await;
    assert_eq!(input("name").value(), "", "not restored after destroy");
    assert_eq!(saved_keys().len(), 1, "still saved for the next start");
    forget_saved();
    form.remove();
}

/// A copy still waiting for its form is deleted by a deliberate sign-out
/// too: it is the same person's typing, on a shared computer.
#[wasm_bindgen_test]
async fn a_deliberate_sign_out_deletes_a_copy_still_waiting_for_its_form() {
    saved_then_gone();
    let back = signed_in_again();
    // Cancels the redirect the sign-out ends with: the test page stays.
    let _rec = Recorder::attach(&back);
    assert_eq!(saved_keys().len(), 1);
    back.sign_out();
    assert!(saved_keys().is_empty(), "{:?}", saved_keys());
    back.destroy();
}

/// A page with no marked form never opens `sessionStorage` (its first use
/// costs ~2 ms), at start or as the page changes.
#[wasm_bindgen_test]
async fn a_page_without_a_marked_form_never_opens_storage() {
    // Counts reads of `window.sessionStorage` until put back.
    let spy = js_sys::Function::new_no_args(
        "const d = Object.getOwnPropertyDescriptor(window, 'sessionStorage');
         const spy = { reads: 0, undo: () => Object.defineProperty(window, 'sessionStorage', d) };
         Object.defineProperty(window, 'sessionStorage', { configurable: true, get() { spy.reads++; return d.get.call(this); } });
         return spy;",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    let reads = || Reflect::get(&spy, &"reads".into()).unwrap().as_f64().unwrap();
    let timeout = signed_in_again();
    let other = document().create_element("div").unwrap();
    other.set_inner_html("<p>news</p>");
    document().body().unwrap().append_child(&other).unwrap();
    sleep_ms(20).await;
    let seen = reads();
    timeout.destroy();
    other.remove();
    let undo: js_sys::Function = Reflect::get(&spy, &"undo".into()).unwrap().into();
    undo.call0(&JsValue::NULL).unwrap();
    assert_eq!(seen, 0.0);
}

/// A single-page app moves between routes without a reload: what was
/// typed is kept under the route it was typed on, and comes back there.
/// The app's router: history.replaceState to `url`, no reload.
fn route(url: &str) {
    js_sys::Function::new_with_args("url", "history.replaceState(null, '', url)").call1(&JsValue::NULL, &url.into()).unwrap();
}

/// The form typed in and saved by an expiry on another page of the site
/// (`/orders/7/edit`), then cleared, back on this page.
fn saved_on_another_page() -> web_sys::Element {
    let here = web_sys::window().unwrap().location().href().unwrap();
    route("/orders/7/edit");
    let form = saved_by_expiry();
    route(&here);
    form
}

#[wasm_bindgen_test]
async fn a_route_changed_after_start_keeps_the_draft_under_that_route() {
    let start_url = web_sys::window().unwrap().location().href().unwrap();
    forget_saved();
    let clock = Clock::start();
    let timeout = start_timeout(quick(0.5, 0.2, 30.0)).unwrap();
    route("/orders/7/edit");
    let form = filled_form();
    clock.advance(500);
    timeout.destroy();
    drop(clock);
    let keys = saved_keys();
    assert!(keys.len() == 1 && keys[0].contains("/orders/7/edit#"), "{keys:?}");
    clear();
    // Back on that route after signing in again.
    let back = signed_in_again();
    assert_eq!(input("name").value(), "typed name");
    back.destroy();
    route(&start_url);
    form.remove();
}

#[wasm_bindgen_test]
async fn a_session_alive_again_after_a_route_change_keeps_the_copy_of_the_route_typed_on() {
    // Saved as the session ended on this route; the app then routed
    // elsewhere, taking the form (its typing now only in the copy); then
    // another tab signed in again. The copy is all there is of that
    // typing: it waits for its route's form, and a copy of the new route
    // is not touched.
    let here = web_sys::window().unwrap().location().href().unwrap();
    forget_saved();
    route("/orders/7/edit");
    let other = saved_by_expiry();
    other.remove();
    route(&here);
    let form = build_form();
    fill();
    let clock = Clock::start();
    let tab = |session: f64| {
        start_timeout(options(&[
            ("sessionSeconds", session.into()), ("warnSeconds", 0.2.into()), ("redirectSeconds", 30.into()),
            ("allowShortWarning", true.into()), ("dialog", false.into()), ("channel", "revived".into()),
        ]))
        .unwrap()
    };
    let timeout = tab(0.5);
    clock.advance(500);
    assert_eq!(timeout.state(), "expired");
    assert_eq!(saved_keys().len(), 2, "this route's copy and the other route's");
    clear();
    form.remove();
    route("/orders/7/edit");
    let signed_in = tab(600.0);
    signed_in.activity();
    let revived = until(2_000, || timeout.state() == "active").await;
    signed_in.destroy();
    let left = saved_keys();
    route(&here);
    document().body().unwrap().append_child(&form).unwrap();
    let back = until(1_000, || input("name").value() == "typed name").await;
    timeout.destroy();
    drop(clock);
    form.remove();
    forget_saved();
    assert!(revived, "another tab's sign-in revived it");
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(back, "the typing came back when its route's form did");
}

#[wasm_bindgen_test]
async fn a_deliberate_sign_out_on_another_page_deletes_the_copies_of_every_page() {
    // Typing saved on one page; signed in again, the person lands on
    // another page with a marked form of its own, and signs out there: on
    // a computer people share, the next person must not get it.
    let form = saved_on_another_page();
    let elsewhere = signed_in_again();
    assert_eq!(input("name").value(), "", "nothing of this page's was saved");
    elsewhere.sign_out();
    let left = saved_keys();
    elsewhere.destroy();
    form.remove();
    forget_saved();
    assert!(left.is_empty(), "{left:?}");
}

#[wasm_bindgen_test]
async fn a_warning_closed_on_another_page_keeps_the_copy_waiting_for_its_page() {
    // Signed in again, the person is on a page without a form (the home
    // page) when its warning opens, and stays: the copy of the page they
    // typed on still waits for them there.
    saved_on_another_page().remove();
    let clock = Clock::start();
    let home = start_timeout(quick(10.0, 5.0, 30.0)).unwrap();
    clock.advance(5_000);
    assert_eq!(home.state(), "warning");
    home.activity();
    assert_eq!(home.state(), "active");
    let left = saved_keys();
    home.destroy();
    drop(clock);
    forget_saved();
    assert_eq!(left.len(), 1, "{left:?}");
}

/// Radios come back as a person would set them again: by a click on the
/// chosen one (which frameworks such as React read), the others unchecked
/// by it.
#[wasm_bindgen_test]
async fn a_chosen_radio_comes_back_by_a_click() {
    forget_saved();
    let form = document().create_element("form").unwrap();
    form.set_attribute("data-session-timeout-preserve", "").unwrap();
    form.set_id("sizes");
    // Test fixture only: the library itself never parses markup.
    form.set_inner_html(r#"<input type="radio" name="size" id="small" value="small" checked><input type="radio" name="size" id="large" value="large">"#);
    document().body().unwrap().append_child(&form).unwrap();
    input("large").set_checked(true);
    {
        let clock = Clock::start();
        let timeout = start_timeout(quick(0.5, 0.2, 30.0)).unwrap();
        clock.advance(500);
        timeout.destroy();
    }
    form.unchecked_ref::<web_sys::HtmlFormElement>().reset();
    assert!(input("small").checked());
    let clicks = Rc::new(RefCell::new(Vec::<String>::new()));
    let seen = clicks.clone();
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        seen.borrow_mut().push(ev.target().unwrap().unchecked_into::<web_sys::Element>().id())
    });
    form.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref()).unwrap();
    let back = signed_in_again();
    assert!(input("large").checked() && !input("small").checked());
    assert_eq!(*clicks.borrow(), ["large"]);
    back.destroy();
    form.remove();
}

/// Someone typed into the page before the library started (a slow
/// network, a script tag that starts after `load`): what they typed stays;
/// the fields they left as served get their copy back.
#[wasm_bindgen_test]
async fn typing_done_before_start_is_not_undone_by_the_copy() {
    let form = saved_by_expiry();
    input("name").set_value("typed since");
    let back = signed_in_again();
    assert_eq!(input("name").value(), "typed since");
    assert_eq!(input("email").value(), "typed email", "a field as served gets its copy");
    assert_eq!(select("colour").value(), "green", "a select still on the first option it was served with (none marked) gets its copy");
    assert!(input("agree").checked());
    assert!(saved_keys().is_empty());
    back.destroy();
    form.remove();
}

/// A choice made in a select before the library started stays too: a
/// select as served chose the options marked `selected`, or its first.
#[wasm_bindgen_test]
async fn a_choice_made_before_start_is_not_undone_by_the_copy() {
    let form = saved_by_expiry();
    let colour = select("colour");
    let blue = web_sys::HtmlOptionElement::new_with_text("blue").unwrap();
    colour.add_with_html_option_element(&blue).unwrap();
    colour.set_value("blue");
    let back = signed_in_again();
    assert_eq!(colour.value(), "blue", "the copy (green) does not undo the choice");
    assert_eq!(input("name").value(), "typed name", "the fields as served get theirs");
    back.destroy();
    form.remove();
}

/// A select whose served choice is marked: choosing another is a change,
/// leaving it is none.
#[wasm_bindgen_test]
async fn a_select_served_with_a_marked_choice_gets_its_copy_only_while_on_it() {
    for (chosen, expected) in [("red", "red"), ("blue", "green")] {
        let form = saved_by_expiry();
        let colour = select("colour");
        let blue = web_sys::HtmlOptionElement::new_with_text_and_value_and_default_selected_and_selected("blue", "blue", true, true).unwrap();
        colour.add_with_html_option_element(&blue).unwrap();
        colour.set_value(chosen);
        let back = signed_in_again();
        assert_eq!(colour.value(), expected, "chosen before start: {chosen}");
        back.destroy();
        form.remove();
    }
}
