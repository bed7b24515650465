//! Request observation in a real page: fetch and XHR count as activity,
//! exclusions hold, an "unauthorized" status ends the session at once, and
//! destroy() puts back the exact original fetch and XMLHttpRequest methods.

use js_sys::{Function, Reflect};
use crate::support::page::{array, one_keep_alive, options, sleep_ms, start_timeout, until, Clock, Recorder, Started};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/tests/support/page.js")]
extern "C" {
    fn originals() -> js_sys::Array;
    fn same(a: &js_sys::Array, b: &js_sys::Array) -> bool;
    fn xhr(url: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = fetchCached)]
    fn fetch_cached(url: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = fetchText)]
    fn fetch_text(url: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = clearLog)]
    fn clear_log();
    #[wasm_bindgen(js_name = servedAtLoad)]
    fn served_at_load() -> Function;
    #[wasm_bindgen(js_name = setBase)]
    fn set_base(href: &str) -> Function;
    #[wasm_bindgen(js_name = recordUrls)]
    fn record_urls() -> js_sys::Array;
    #[wasm_bindgen(js_name = answerWith)]
    fn answer_with(statuses: &js_sys::Array) -> Function;
    #[wasm_bindgen(js_name = failWith)]
    fn fail_with(names: &js_sys::Array) -> Function;
    #[wasm_bindgen(js_name = answerKept)]
    fn answer_kept() -> js_sys::Array;
    fn slept(ms: f64);
    fn woke();
}

fn start(extra: &[(&str, JsValue)]) -> (Started, Recorder) {
    let mut pairs = vec![("sessionSeconds", JsValue::from(600)), ("warnSeconds", 60.into()), ("dialog", false.into())];
    pairs.extend(extra.iter().cloned());
    let timeout = start_timeout(options(&pairs)).unwrap();
    let rec = Recorder::attach(&timeout);
    (timeout, rec)
}

fn activity_count(rec: &Recorder) -> usize {
    rec.names().iter().filter(|n| *n == "activity").count()
}

#[wasm_bindgen_test]
async fn destroy_restores_the_identical_fetch_and_xhr_methods() {
    let before = originals();
    let (timeout, _) = start(&[]);
    assert!(!same(&before, &originals()), "patched while running");
    timeout.destroy();
    assert!(same(&before, &originals()), "the exact originals are back");
}

#[wasm_bindgen_test]
async fn a_wrapper_added_after_ours_survives_destroy() {
    let before = originals();
    let (timeout, rec) = start(&[]);
    let theirs = Function::new_with_args("input, init", "return window.__ours(input, init)");
    let window = web_sys::window().unwrap();
    Reflect::set(&window, &"__ours".into(), &Reflect::get(&window, &"fetch".into()).unwrap()).unwrap();
    Reflect::set(&window, &"fetch".into(), &theirs).unwrap();
    timeout.destroy();
    assert_eq!(Reflect::get(&window, &"fetch".into()).unwrap(), JsValue::from(theirs), "their wrapper stays");
    JsFuture::from(fetch_text("/after-destroy")).await.unwrap();
    assert_eq!(activity_count(&rec), 0, "ours went quiet");
    Reflect::set(&window, &"fetch".into(), &before.get(0)).unwrap();
}

#[wasm_bindgen_test]
async fn fetch_and_xhr_responses_count_as_activity() {
    let clock = Clock::start();
    let (timeout, rec) = start(&[]);
    let status = JsFuture::from(fetch_text("/any-page")).await.unwrap();
    assert_eq!(status.as_f64(), Some(404.0), "a 404 still reached the server");
    assert_eq!(activity_count(&rec), 1);
    clock.advance(999);
    JsFuture::from(xhr("/any-page?x=1")).await.unwrap();
    assert_eq!(activity_count(&rec), 1, "answers within a second of the last are coalesced");
    clock.advance(1);
    JsFuture::from(xhr("/any-page?x=2")).await.unwrap();
    assert_eq!(activity_count(&rec), 2);
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn a_burst_of_answers_is_one_activity_but_an_unauthorized_one_always_counts() {
    let (timeout, rec) = start(&[("unauthorizedStatuses", js_sys::Array::of1(&404.into()).into())]);
    let (t2, rec2) = start(&[("trackRequests", true.into())]);
    for _ in 0..10 {
        JsFuture::from(fetch_text("/burst-200-like")).await.unwrap();
    }
    // For `timeout` a 404 means "gone": never coalesced.
    assert_eq!(timeout.state(), "expired");
    assert_eq!(activity_count(&rec2), 1, "ten answers within a second are one activity");
    timeout.destroy();
    t2.destroy();
    let _ = rec;
}

#[wasm_bindgen_test]
async fn excluded_prefixes_do_not_count() {
    let track = options(&[("include", array(&["/api/"])), ("exclude", array(&["/api/health"]))]);
    let (timeout, rec) = start(&[("trackRequests", track)]);
    JsFuture::from(fetch_text("/api/health")).await.unwrap();
    JsFuture::from(fetch_text("/elsewhere")).await.unwrap();
    assert_eq!(activity_count(&rec), 0);
    // Right after: answers that did not count never hold back one that does.
    JsFuture::from(fetch_text("/api/orders")).await.unwrap();
    assert_eq!(activity_count(&rec), 1);
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn a_forbidden_answer_is_not_activity_but_a_question_for_the_status() {
    // Django REST framework answers a call without a session 403, as
    // frameworks answer a missing permission: it proves nothing either way.
    let clock = Clock::start();
    let put_back = answer_with(&js_sys::Array::of2(&403.into(), &200.into()));
    let status = Function::new_no_args("window.__forbiddenAsked = (window.__forbiddenAsked || 0) + 1; return Promise.resolve(null)");
    let (timeout, rec) = start(&[("status", status.into()), ("crossTab", false.into())]);
    let asked = || Reflect::get(&web_sys::window().unwrap(), &"__forbiddenAsked".into()).unwrap().as_f64().unwrap_or(0.0);
    // Past the start, which counts as the server's word (no status asked
    // within 2 s of another).
    clock.advance(2_000);
    JsFuture::from(fetch_text("/api/orders/")).await.unwrap();
    let after_403 = activity_count(&rec);
    let was_asked = until(2_000, || asked() == 1.0).await;
    // The same moment: an answer after a 403 is not coalesced with it.
    JsFuture::from(fetch_text("/api/orders/")).await.unwrap();
    let after_next = activity_count(&rec);
    // The page's fetch back before any assertion: the next tests use it.
    timeout.destroy();
    put_back.call0(&JsValue::NULL).unwrap();
    assert_eq!(after_403, 0, "a 403 is not activity");
    assert!(was_asked, "the status is asked: {}", asked());
    assert_eq!(after_next, 1, "the next answer counts");
}

/// A page's call that fails with no answer at all is how a browser shows
/// one an SSO proxy sent on to its provider (another origin, no CORS): a
/// question for the status endpoint. The page's own abort is not; either
/// way the page sees its own error.
#[wasm_bindgen_test]
async fn a_failed_request_is_a_question_for_the_status_but_an_aborted_one_is_not() {
    let clock = Clock::start();
    let put_back = fail_with(&js_sys::Array::of2(&"AbortError".into(), &"TypeError".into()));
    let status = Function::new_no_args("window.__failedAsked = (window.__failedAsked || 0) + 1; return Promise.resolve(null)");
    let (timeout, rec) = start(&[("status", status.into()), ("crossTab", false.into())]);
    let asked = || Reflect::get(&web_sys::window().unwrap(), &"__failedAsked".into()).unwrap().as_f64().unwrap_or(0.0);
    let name = |e: JsValue| Reflect::get(&e, &"name".into()).unwrap().as_string().unwrap_or_default();
    clock.advance(2_000);
    let aborted = JsFuture::from(fetch_text("/api/search?q=a")).await.map_err(name);
    let asked_after_abort = until(500, || asked() > 0.0).await;
    let failed = JsFuture::from(fetch_text("/api/search?q=ab")).await.map_err(name);
    let was_asked = until(2_000, || asked() == 1.0).await;
    // A page polling a URL an ad blocker stops: once a minute at most.
    clock.advance(30_000);
    let _ = JsFuture::from(fetch_text("/api/metrics")).await;
    let asked_within_a_minute = until(300, || asked() > 1.0).await;
    clock.advance(30_000);
    let _ = JsFuture::from(fetch_text("/api/metrics")).await;
    let asked_a_minute_on = until(2_000, || asked() == 2.0).await;
    timeout.destroy();
    put_back.call0(&JsValue::NULL).unwrap();
    assert_eq!(aborted, Err("AbortError".into()), "the page sees its own abort");
    assert_eq!(failed, Err("TypeError".into()), "and its own failure");
    assert!(!asked_after_abort, "an abort asks nothing");
    assert!(was_asked, "a failure asks the status: {}", asked());
    assert!(!asked_within_a_minute, "not again within a minute");
    assert!(asked_a_minute_on, "but a minute on: {}", asked());
    assert_eq!(activity_count(&rec), 0, "none is activity");
}

#[wasm_bindgen_test]
async fn an_unauthorized_status_ends_the_session_at_once() {
    let (timeout, rec) = start(&[("unauthorizedStatuses", js_sys::Array::of1(&404.into()).into())]);
    JsFuture::from(xhr("/gone")).await.unwrap();
    assert_eq!(timeout.state(), "expired");
    assert_eq!(rec.detail("expired", "reason").as_string().as_deref(), Some("unauthorized"));
    timeout.destroy();
}

/// A "gone" answer speaks of the session as it was when its request
/// left: news of a live session heard while it waited (a long poll, and
/// a new sign-in in another tab meanwhile) wins over it.
#[wasm_bindgen_test]
async fn an_unauthorized_answer_is_news_as_of_its_requests_sending() {
    let clock = Clock::start();
    let (timeout, _rec) = start(&[("unauthorizedStatuses", js_sys::Array::of1(&404.into()).into())]);
    for send in [xhr as fn(&str) -> js_sys::Promise, fetch_text] {
        let answer = send("/gone");
        clock.skip(1_000);
        timeout.activity();
        JsFuture::from(answer).await.unwrap();
        assert_eq!(timeout.state(), "active", "sent before the news");
    }
    JsFuture::from(xhr("/gone")).await.unwrap();
    assert_eq!(timeout.state(), "expired", "sent after it");
    timeout.destroy();
    drop(clock);
}

#[wasm_bindgen_test]
async fn track_requests_false_patches_nothing() {
    let before = originals();
    let (timeout, rec) = start(&[("trackRequests", false.into())]);
    assert!(same(&before, &originals()));
    JsFuture::from(fetch_text("/x")).await.unwrap();
    assert_eq!(activity_count(&rec), 0);
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn observe_mode_sees_requests_without_patching_anything() {
    let before = originals();
    let (timeout, rec) = start(&[("trackRequests", options(&[("mode", "observe".into())]))]);
    assert!(same(&before, &originals()), "zero patch");
    JsFuture::from(fetch_text("/observed")).await.unwrap();
    // Resource entries are delivered in batches, in real time (the
    // browser's own clock stamps them, so this test keeps the wall clock).
    until(1_000, || activity_count(&rec) > 0).await;
    assert_eq!(activity_count(&rec), 1);
    timeout.destroy();
}

/// A laptop that slept: where the monotonic clock stops meanwhile, the
/// page's performance.now() (by which the browser stamps its resource
/// entries) comes back behind the wall clock by the sleep. An answer seen
/// after it is timed against the wall clock now, not from the page's
/// navigation start, which put it (and its activity) the whole sleep back.
#[wasm_bindgen_test]
async fn observe_mode_times_an_answer_after_a_sleep_by_the_wall_clock() {
    let (timeout, rec) = start(&[("trackRequests", options(&[("mode", "observe".into())]))]);
    slept(300_000.0);
    JsFuture::from(fetch_text("/after-a-sleep")).await.unwrap();
    until(1_000, || activity_count(&rec) > 0).await;
    let left = timeout.remaining_seconds();
    woke();
    assert!(left >= 598.0, "{left} s left after the answer: it was counted five minutes back");
    timeout.destroy();
}

/// An answer the browser's HTTP cache gave never reached the server: in
/// observe mode (where the resource entry says so) it is not activity.
#[wasm_bindgen_test]
async fn observe_mode_does_not_count_an_answer_from_the_browsers_cache() {
    let (timeout, rec) = start(&[("trackRequests", options(&[("mode", "observe".into())]))]);
    JsFuture::from(fetch_text("/wasm-bindgen-test")).await.unwrap();
    until(1_000, || activity_count(&rec) > 0).await;
    assert_eq!(activity_count(&rec), 1, "the first answer came from the server");
    // Answers within a second of the last one counted are not counted anyway.
    sleep_ms(1_100).await;
    let transfer = JsFuture::from(fetch_cached("/wasm-bindgen-test")).await.unwrap().as_f64();
    sleep_ms(300).await;
    if transfer == Some(0.0) {
        assert_eq!(activity_count(&rec), 1, "the second came from the browser's cache, which the server never saw");
    } else {
        // WebKitGTK's test browser keeps no HTTP cache: it asked the server again.
        assert_eq!(activity_count(&rec), 2, "asked again ({transfer:?} bytes): the server saw it");
    }
    timeout.destroy();
}

/// Patch mode cannot see the cache, but a copy's `Date` is old: a page
/// polling a URL the browser keeps must not keep a dead session's clock
/// alive. (The page's clock is stepped a minute; the copy is real.)
#[wasm_bindgen_test]
async fn patch_mode_does_not_count_an_old_copy_from_the_browsers_cache() {
    let clock = Clock::start();
    let (timeout, rec) = start(&[]);
    JsFuture::from(fetch_text("/wasm-bindgen-test?patch")).await.unwrap();
    assert_eq!(activity_count(&rec), 1, "the first answer came from the server");
    clock.advance(60_000);
    let transfer = JsFuture::from(fetch_cached("/wasm-bindgen-test?patch")).await.unwrap().as_f64();
    if transfer == Some(0.0) {
        assert_eq!(activity_count(&rec), 1, "a copy written a minute ago: the server never saw this");
    }
    // WebKitGTK's test browser keeps no HTTP cache: there is no copy to tell apart.
    timeout.destroy();
}

/// A device clock behind the server's reads `absoluteExpiresAt` (the
/// server's clock) late by as much: the hard end would come after the
/// server ended the session. The first answer's `Date` shows the gap.
#[wasm_bindgen_test]
async fn a_device_clock_behind_the_servers_puts_the_hard_end_right_at_the_first_answer() {
    let clock = Clock::start();
    clock.set_back(300_000);
    // 400 s on by the server's clock; the session is 600 s.
    let end = js_sys::Date::now() + 400_000.0;
    let (timeout, _rec) = start(&[("absoluteExpiresAt", end.into())]);
    assert_eq!(timeout.remaining_seconds(), 600.0, "by this device's clock the hard end is 700 s away");
    JsFuture::from(fetch_text("/wasm-bindgen-test?behind")).await.unwrap();
    let left = timeout.remaining_seconds();
    assert!((397.0..=400.0).contains(&left), "the hard end 400 s on, as the server has it: {left} s left");
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn user_activity_sends_one_keep_alive_per_throttle_window() {
    let clock = Clock::start();
    let (timeout, rec) = start(&[
        ("keepAliveUrl", "/keep-alive-404".into()),
        ("keepAliveOnActivity", options(&[("throttleSeconds", 5.into())])),
    ]);
    let document = web_sys::window().unwrap().document().unwrap();
    let press = || {
        for kind in ["keydown", "pointerdown", "scroll"] {
            document.dispatch_event(&web_sys::Event::new(kind).unwrap()).unwrap();
        }
    };
    let errors = || rec.names().iter().filter(|n| *n == "keepaliveerror").count();
    press();
    until(300, || errors() > 0).await;
    assert_eq!(errors(), 0, "the page was just served");
    clock.advance(5_000);
    for _ in 0..10 {
        press();
    }
    // The 404 answer makes the one keep-alive visible as a keepaliveerror.
    assert!(until(5_000, || errors() > 0).await, "one keep-alive went out");
    until(200, || errors() > 1).await;
    assert_eq!(errors(), 1);
    timeout.destroy();
}

#[wasm_bindgen_test]
async fn an_answer_the_browser_logged_before_the_start_counts_as_the_server_seeing_the_user() {
    // An app that signs in with fetch and starts the library later counts
    // from that answer: not from now, nor from the page (served earlier).
    clear_log();
    let _ = options(&[]); // the harness's own page fake is in place first
    let restore = served_at_load();
    gloo_timers::future::sleep(std::time::Duration::from_millis(1_500)).await;
    JsFuture::from(fetch_text("/?logged-before-start")).await.unwrap();
    gloo_timers::future::sleep(std::time::Duration::from_millis(2_500)).await;
    let (timeout, _) = start(&[]);
    let left = timeout.remaining_seconds();
    timeout.destroy();
    // Answers trackRequests does not count are not the server seeing the user.
    let (ignored, _) = start(&[("trackRequests", false.into())]);
    let from_page = ignored.remaining_seconds();
    ignored.destroy();
    let _ = restore.call0(&JsValue::NULL);
    assert!((597.0..=598.0).contains(&left), "counted from the fetch 2.5 s ago: {left} s left");
    assert!(from_page < left - 1.0, "counted from the page, served earlier: {from_page} s left");
}

/// An answer logged before the start may have come before a sleep (the
/// app fetched, the laptop slept, then it started us): it keeps its time
/// from the page's start. Counted back from now instead, it would look
/// five minutes newer than it is, and the server's session end first.
#[wasm_bindgen_test]
async fn an_answer_logged_before_a_sleep_keeps_its_time() {
    clear_log();
    let _ = options(&[]); // the harness's own page fake is in place first
    let restore = served_at_load();
    JsFuture::from(fetch_text("/?logged-before-a-sleep")).await.unwrap();
    slept(300_000.0);
    let (timeout, _) = start(&[]);
    let left = timeout.remaining_seconds();
    timeout.destroy();
    woke();
    let _ = restore.call0(&JsValue::NULL);
    assert!((299.0..=300.0).contains(&left), "counted from the answer before the sleep: {left} s left");
}

#[wasm_bindgen_test]
async fn an_answer_the_browsers_cache_gave_before_the_start_is_not_the_server_seeing_the_user() {
    clear_log();
    let _ = options(&[]); // the harness's own page fake is in place first
    let restore = served_at_load();
    // The server answers, then 2 s later the browser's cache gives a copy.
    JsFuture::from(fetch_text("/?cached-before-start")).await.unwrap();
    sleep_ms(2_000).await;
    let transfer = JsFuture::from(fetch_cached("/?cached-before-start")).await.unwrap().as_f64();
    let (timeout, _) = start(&[]);
    let left = timeout.remaining_seconds();
    timeout.destroy();
    let _ = restore.call0(&JsValue::NULL);
    if transfer == Some(0.0) {
        assert!(left <= 598.0, "counted from the server's answer 2 s ago, not from the copy: {left} s left");
    }
    // WebKitGTK's test browser keeps no HTTP cache: there is no copy to tell apart.
}

/// A service worker that keeps the status and keep-alive answers (a
/// network-first cache) gives an old copy while the network is down:
/// taken for the server's word, its time left would hold the warning off
/// while the server's session ends. Its `Date` shows it.
#[wasm_bindgen_test]
async fn a_status_or_keep_alive_answer_a_cache_kept_is_no_word_of_the_servers() {
    let clock = Clock::start();
    let kept = answer_kept();
    let answer = kept.get(0);
    let set = |seconds: f64, written: f64| {
        Reflect::set(&answer, &"secondsLeft".into(), &seconds.into()).unwrap();
        Reflect::set(&answer, &"date".into(), &written.into()).unwrap();
    };
    let (timeout, rec) = start(&[("statusUrl", "/status".into()), ("keepAliveUrl", "/keep-alive".into()), ("trackRequests", false.into()), ("crossTab", false.into())]);
    let shown = || web_sys::window().unwrap().document().unwrap().dispatch_event(&web_sys::Event::new("visibilitychange").unwrap()).unwrap();
    // The page comes back: the status is asked, and the server answers.
    set(500.0, clock.now());
    clock.advance(6_000);
    shown();
    let fresh = until(2_000, || timeout.remaining_seconds() == 500.0).await;
    // Later, the copy of an answer written 5 minutes before.
    set(590.0, clock.now() - 300_000.0);
    clock.advance(6_000);
    shown();
    sleep_ms(300).await;
    let after_copy = timeout.remaining_seconds();
    let extended = JsFuture::from(timeout.extend()).await.unwrap();
    let errors = rec.names().iter().filter(|n| *n == "keepaliveerror").count();
    timeout.destroy();
    let _ = Function::from(kept.get(1)).call0(&JsValue::NULL);
    assert!(fresh, "the server's answer was taken: {} s left", timeout.remaining_seconds());
    assert_eq!(after_copy, 494.0, "the copy's 590 s were not taken");
    assert_eq!(extended, JsValue::FALSE, "a keep-alive answered by the copy did not extend the session");
    assert_eq!(errors, 1);
}

// A page with `<base href>` (Angular's, an app under a sub-path): fetch
// reads relative URLs against it, so the library must too, or its
// keep-alive goes elsewhere than the page meant and the page's own
// requests miss their include prefixes.
#[wasm_bindgen_test]
async fn relative_urls_are_read_against_the_pages_base_as_fetch_reads_them() {
    let unset = set_base("/base-test/");
    let recorded = record_urls();
    one_keep_alive("keep-alive").await;
    let _ = Function::from(recorded.get(1)).call0(&JsValue::NULL);
    let keep_alive = js_sys::Array::from(&recorded.get(0)).get(0).as_string();

    let track = options(&[("include", array(&["/base-test/api/"]))]);
    let (timeout, rec) = start(&[("trackRequests", track)]);
    JsFuture::from(fetch_text("api/orders")).await.unwrap();
    let counted = activity_count(&rec);
    timeout.destroy();
    // The page as it was before the asserts, so a failure spoils no other test.
    let _ = unset.call0(&JsValue::NULL);

    let origin = web_sys::window().unwrap().location().origin().unwrap();
    assert_eq!(keep_alive, Some(format!("{origin}/base-test/keep-alive")));
    assert_eq!(counted, 1, "the page's api/orders is /base-test/api/orders");
}
