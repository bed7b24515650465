// The features `make bench-features` cuts off one at a time (see
// feature-costs.mjs); tests/build/feature-cuts.test.mjs checks that each
// cut still names a function in the sources, so a rename cannot break it.
// [feature, [file, the start of the function to cut, what it returns at once]…]
export const FEATURES = [
  ["drafts (forms kept and put back)", [["src/drafts/mod.rs", "pub fn save(&mut self", "return 0;"], ["src/drafts/mod.rs", "pub fn restore(&self", "return None;"]]],
  ["request watching (fetch/XHR, logged answers)", [["src/observe/mod.rs", "pub fn start(", "return None;"], ["src/observe/mod.rs", "pub fn hear(&self", "return None;"], ["src/observe/mod.rs", "pub fn last_logged_answer(", "return None;"]]],
  ["script tag (data- attributes)", [["src/script_tag.rs", "pub fn start_from_script(", "return JsValue::NULL;"]]],
  ["keep-alive and status requests (CSRF included)", [["src/driver/requests.rs", "fn send_keep_alive(", "return;"], ["src/driver/requests.rs", "fn check_status(", "return;"],
    ["src/request.rs", "pub fn read(", "return Reply { status: 0, remaining_ms: None, landed: Landed::Asked, hard_end_in_ms: None };"],
    ["src/keep_alive.rs", "pub fn read(answer", "return FnAnswer::Failed;"]]],
  ["tabs (channel, leader election, wire format)", [["src/driver/execute.rs", "fn join_tabs(", "feed(shared, Input::Leader(true)); return;"], ["src/tabs/mod.rs", "pub fn hear(&self", "return None;"]]],
  ["redirect target (signOutUrl, redirectUrl function, returnParam)", [["src/redirect.rs", "pub fn target_url(", "return String::new();"]]],
  ["dialog (texts, countdown, title alert)", [["src/driver/texts.rs", "fn build_dialog(", "return None;"], ["src/dialog/mod.rs", "pub fn action(&self", "return None;"]]],
  ["up-front notice", [["src/driver/texts.rs", "fn show_notice(", "return;"]]],
  ["events (detail objects, dispatch)", [["src/events.rs", "pub fn emit(&self", "return true;"]]],
];
