//! Bad options throw a named JS Error that says what was wrong and what
//! would be right; good ones start the clock.

use session_timeout::SessionTimeout;
use crate::support::page::{array, construct_error, options, quick, start_timeout};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn missing_session_seconds_names_the_option() {
    let (name, message) = construct_error(options(&[]));
    assert_eq!(name, "SessionTimeoutConfigError");
    assert!(message.contains("sessionSeconds") && message.contains("1800"), "{message}");
}

#[wasm_bindgen_test]
fn not_an_object_is_rejected() {
    let (name, message) = construct_error(JsValue::from_str("1800"));
    assert_eq!(name, "SessionTimeoutConfigError");
    assert!(message.contains("options object") && message.contains("\"1800\""), "{message}");
}

#[wasm_bindgen_test]
fn bad_numbers_name_the_value_and_the_rule() {
    for bad in [JsValue::from_f64(-5.0), JsValue::from_f64(f64::NAN), JsValue::from_f64(f64::INFINITY), JsValue::from_str("1800"), JsValue::from_f64(1e12)] {
        let (name, message) = construct_error(options(&[("sessionSeconds", bad.clone())]));
        assert_eq!(name, "SessionTimeoutConfigError");
        assert!(message.starts_with("Invalid option sessionSeconds: got "), "{message}");
        assert!(message.contains("number of seconds"), "{message}");
    }
}

#[wasm_bindgen_test]
fn warning_as_long_as_the_session_is_rejected() {
    let (_, message) = construct_error(quick(60.0, 60.0, 5.0));
    assert!(message.contains("warnSeconds") && message.contains("shorter than the session"), "{message}");
}

#[wasm_bindgen_test]
fn unknown_options_get_a_suggestion() {
    let (_, message) = construct_error(options(&[("sessionSeconds", 60.into()), ("warnSecs", 10.into())]));
    assert_eq!(message, "Unknown option warnSecs: did you mean warnSeconds?");
    let (_, message) = construct_error(options(&[("sessionSeconds", 60.into()), ("text", options(&[("stayButon", "x".into())]))]));
    assert!(message.contains("did you mean stayButton?"), "{message}");
}

#[wasm_bindgen_test]
fn wrong_types_in_nested_options_are_named() {
    let (_, message) = construct_error(options(&[("sessionSeconds", 60.into()), ("trackRequests", options(&[("include", "/api".into())]))]));
    assert!(message.contains("trackRequests.include") && message.contains("array"), "{message}");
    let (_, message) = construct_error(options(&[("sessionSeconds", 60.into()), ("keepAliveMethod", "DELETE".into())]));
    assert!(message.contains("keepAliveMethod") && message.contains("POST"), "{message}");
    let (_, message) = construct_error(options(&[("sessionSeconds", 60.into()), ("redirectUrl", 5.into())]));
    assert!(message.contains("redirectUrl") && message.contains("function"), "{message}");
}

#[wasm_bindgen_test]
fn a_warning_under_20_seconds_needs_the_explicit_opt_out() {
    let (name, message) = construct_error(options(&[("sessionSeconds", 600.into()), ("warnSeconds", 10.into())]));
    assert_eq!(name, "SessionTimeoutConfigError");
    assert!(message.contains("WCAG 2.2.1") && message.contains("allowShortWarning"), "{message}");
    let ok = start_timeout(options(&[("sessionSeconds", 600.into()), ("warnSeconds", 10.into()), ("allowShortWarning", true.into())]));
    ok.expect("allowed with the opt-out").destroy();
}

#[wasm_bindgen_test]
fn good_options_start_the_clock() {
    let timeout = start_timeout(options(&[
        ("sessionSeconds", 1800.into()),
        ("warnSeconds", 120.into()),
        ("keepAliveMethod", "post".into()),
        ("trackRequests", options(&[("include", array(&["/api/"])), ("exclude", array(&["/api/health"]))])),
        ("text", options(&[("stayButton", "Keep me signed in".into())])),
    ]))
    .expect("valid options");
    assert_eq!(timeout.state(), "active");
    assert_eq!(timeout.remaining_seconds(), 1800.0);
    timeout.destroy();
    assert_eq!(timeout.state(), "stopped");
    assert_eq!(timeout.remaining_seconds(), 0.0);
}

#[wasm_bindgen_test]
async fn the_rust_builder_gives_typed_events() {
    use session_timeout::{Event, State};
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::time::Duration;
    let seen = Rc::new(RefCell::new(Vec::new()));
    let s = seen.clone();
    let clock = crate::support::page::Clock::start();
    let timeout = SessionTimeout::builder(Duration::from_millis(1_300))
        .warn_before(Duration::from_secs(1))
        .allow_short_warning()
        .dialog(false)
        .on_event(move |e| s.borrow_mut().push(e))
        .start()
        .expect("valid options");
    clock.advance(300);
    match seen.borrow().first() {
        Some(Event::Warning(d)) => {
            assert_eq!(d.state, State::Warning);
            assert_eq!(d.remaining_seconds, 1);
            assert!(d.reason.is_none());
        }
        other => panic!("expected a typed warning, got {other:?}"),
    }
    drop(timeout);
}

#[wasm_bindgen_test]
fn the_rust_builder_reports_bad_options_as_typed_errors() {
    use std::time::Duration;
    let err = SessionTimeout::builder(Duration::from_secs(60)).warn_before(Duration::from_secs(60)).start().err().expect("an error");
    assert_eq!(err.name, "SessionTimeoutConfigError");
    assert!(err.message.contains("warnSeconds"), "{err}");
}
