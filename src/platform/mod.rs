//! The platform layer's whole call list: the few coarse calls through
//! which Rust touches the page. The JavaScript behind them
//! (`platform.js`, one module so a page fetches it in one request) holds
//! no decision, text or time arithmetic; every callback into Rust takes
//! one value (a string, or an array of fields).

use crate::prelude::*;
use crate::js::Function;
use wasm_bindgen::prelude::*;

/// What each callback from the platform is.
pub type Callback = Closure<dyn FnMut(JsValue)>;

/// Field `i` of an array the platform handed over (undefined if missing).
pub fn field(list: &JsValue, i: u32) -> JsValue {
    crate::js::get_index(list, i).unwrap_or(JsValue::UNDEFINED)
}

/// A callback that hands each value to `f`.
pub fn callback(f: impl FnMut(JsValue) + 'static) -> Callback {
    Closure::new(f)
}

#[wasm_bindgen(module = "/src/platform/platform.js")]
extern "C" {
    /// Whether there is a page (not a worker, not server-side rendering).
    #[wasm_bindgen(js_name = hasDocument)]
    pub fn has_document() -> bool;
    /// `location.href`.
    #[wasm_bindgen(js_name = href)]
    fn href_js() -> JsValue;
    /// `document.baseURI`: what relative URLs are read against (a `<base
    /// href>`, else the page's URL), as fetch and `location.replace` do.
    #[wasm_bindgen(js_name = base)]
    fn base_js() -> JsValue;
    /// `location.origin`.
    #[wasm_bindgen(js_name = origin)]
    fn origin_js() -> JsValue;
    /// `location.origin + location.pathname`.
    #[wasm_bindgen(js_name = pageKey)]
    fn page_key_js() -> JsValue;
    /// Path, query and fragment of this page.
    #[wasm_bindgen(js_name = path)]
    fn path_js() -> JsValue;
    /// `document.title`.
    #[wasm_bindgen(js_name = title)]
    fn title_js() -> JsValue;
    /// Sets `document.title`.
    #[wasm_bindgen(js_name = setTitle)]
    pub fn set_title(text: &str);
    /// `<html lang>`, or empty.
    #[wasm_bindgen(js_name = lang)]
    fn lang_js() -> JsValue;
    /// `document.cookie`.
    #[wasm_bindgen(js_name = cookies)]
    fn cookies_js() -> JsValue;
    /// `decodeURIComponent(text)`, or `text` as it is when malformed.
    #[wasm_bindgen(js_name = decodeComponent)]
    fn decode_component_js(text: &str) -> JsValue;
    /// The content of `<meta name=name>` (`field`: the value of `<input name=name>`).
    #[wasm_bindgen(js_name = named)]
    fn named_js(name: &str, field: bool) -> JsValue;
    /// `[href, protocol, origin]` of `url` read against `base` (none: absolute only).
    #[wasm_bindgen(js_name = parseUrl)]
    pub fn parse_url(url: &str, base: Option<&str>) -> JsValue;
    /// `url` read against `base`, absolute (none: not a URL).
    #[wasm_bindgen(js_name = absoluteUrl)]
    fn absolute_url_js(url: &str, base: &str) -> JsValue;
    /// `[href, origin, path+query+fragment]` of `url` with `name=value` set.
    #[wasm_bindgen(js_name = withParam)]
    pub fn with_param(url: &str, base: &str, name: &str, value: &str) -> JsValue;
    /// Wall time in ms (`Date.now()`, or the tests' virtual clock).
    pub fn now() -> f64;
    /// A clock that never jumps, in ms (`performance.now()`; a virtual
    /// clock's `mono`, else its `now`).
    pub fn monotonic() -> f64;
    /// Puts a virtual clock `{ now, mono, set, clear }` in place of the wall
    /// clock and its timer (undefined: back to the wall clock).
    #[wasm_bindgen(js_name = useClock)]
    pub fn use_clock(clock: &JsValue);
    /// This page's navigation marks: `[timeOrigin, requestStart,
    /// responseStart, transferSize, the description of its
    /// Server-Timing metric named `metric`]`, or undefined.
    #[wasm_bindgen(js_name = servedAt)]
    pub fn served_at(metric: &str) -> JsValue;
    /// `location.replace(url)`, then `location.reload()` with `reload`;
    /// false if refused.
    pub fn navigate(url: &str, reload: bool) -> bool;
    /// `thing.remove()`: undoes what a platform object put in the page
    /// (a `Watch`'s timer and listeners, the `Notice`'s texts, the
    /// `Dialog`, the drafts note, the `Tabs`' channel and lock).
    pub fn undo(thing: &JsValue);
    /// A JS `Error` with `message` and the given `name`.
    pub fn error(name: &str, message: &str) -> JsValue;
    /// `console[level](message[, value])`.
    pub fn log(level: &str, message: &str, value: &JsValue);
    /// Whether Intl reads `tag` as a language tag.
    #[wasm_bindgen(js_name = isLocale)]
    pub fn is_locale(tag: &str) -> bool;
    /// `n` `unit`s in `locale` (Intl.NumberFormat, long units).
    #[wasm_bindgen(js_name = formatUnit)]
    fn format_unit_js(locale: &str, unit: &str, n: f64) -> JsValue;
    /// `n`'s plural category in `language` ("one", "two", "other"…:
    /// Intl.PluralRules).
    #[wasm_bindgen(js_name = pluralCategory)]
    fn plural_category_js(language: &str, n: f64) -> JsValue;
    /// Adds the stylesheet at `url` unless one matching `selector` is
    /// there. The URL is the entry module's JS string, passed back as it
    /// came: copying it into Rust and out again cost 0.09 KB gzip.
    #[wasm_bindgen(js_name = linkStylesheet)]
    pub fn link_stylesheet(url: &JsValue, selector: &str);
    /// `path␀kind␀text␀…` of a value and (two levels deep) what is in it.
    #[wasm_bindgen(js_name = flatten)]
    fn flatten_js(value: &JsValue) -> JsValue;
    /// `Number(text)`.
    pub fn number(text: &str) -> f64;
    /// `Date.parse(text)`: epoch ms of an ISO 8601 date and time (NaN if none).
    #[wasm_bindgen(js_name = parseDate)]
    pub fn parse_date(text: &str) -> f64;
    /// `JSON.parse(text)`, none if it is not JSON.
    #[wasm_bindgen(js_name = parseJson)]
    pub fn parse_json(text: &str) -> Option<JsValue>;
    /// `name␀value␀…` of an element's attributes.
    #[wasm_bindgen(js_name = attributes)]
    fn attributes_js(element: &JsValue) -> JsValue;
    /// `globalThis[name] = value`.
    #[wasm_bindgen(js_name = setGlobal)]
    pub fn set_global(name: &str, value: &JsValue);
    /// Dispatches on `target` and on document; false if cancelled.
    pub fn emit(target: &JsValue, name: &str, document_name: &str, detail: &JsValue, cancelable: bool) -> bool;
    /// A fresh `EventTarget`.
    #[wasm_bindgen(js_name = eventTarget)]
    pub fn event_target() -> JsValue;
    /// The one timer and the page's wake-up and activity listeners.
    pub type Watch;
    /// `on_wake("timer" | "visible" | "hidden")`, `on_wake(name)` for
    /// each of `activity_events` (names separated by spaces), and with `forms`, `on_wake("submit method url")` for each
    /// form the page sends.
    #[wasm_bindgen(constructor)]
    pub fn new(on_wake: &JsValue, activity_events: &str, forms: bool) -> Watch;
    /// Arms the one timer (replacing any armed one).
    #[wasm_bindgen(method)]
    pub fn arm(this: &Watch, delay_ms: f64);
    /// Cancels it.
    #[wasm_bindgen(method)]
    pub fn disarm(this: &Watch);
}

// The platform's strings come back as JS strings, read by one shared
// conversion, not written into memory by a glue wrapper of their own for
// each call (a zero-argument call then needs no wrapper at all): 0.24 KB
// gzip less of the .wasm and the JS together. Each reads the import of
// the same name with `_js` (its doc is there); a value that is not a
// string reads as empty (`text`) or none (`maybe`).
macro_rules! strings {
    ($($name:ident = $js:ident($($arg:ident: $ty:ty),*) -> $out:ident;)*) => {
        $(
            #[doc = concat!("`", stringify!($js), "`, as a Rust string.")]
            pub fn $name($($arg: $ty),*) -> strings!(@type $out) {
                strings!(@read $out, $js($($arg),*))
            }
        )*
    };
    (@type text) => { String };
    (@type maybe) => { Option<String> };
    (@read text, $value:expr) => { string($value) };
    (@read maybe, $value:expr) => { $value.as_string() };
}

/// The one conversion every `text` read shares.
fn string(value: JsValue) -> String {
    value.as_string().unwrap_or_default()
}

strings! {
    href = href_js() -> text;
    base = base_js() -> text;
    origin = origin_js() -> text;
    page_key = page_key_js() -> text;
    path = path_js() -> text;
    title = title_js() -> text;
    lang = lang_js() -> text;
    cookies = cookies_js() -> text;
    decode_component = decode_component_js(text: &str) -> text;
    named = named_js(name: &str, field: bool) -> maybe;
    absolute_url = absolute_url_js(url: &str, base: &str) -> maybe;
    format_unit = format_unit_js(locale: &str, unit: &str, n: f64) -> text;
    plural_category = plural_category_js(language: &str, n: f64) -> text;
    flatten = flatten_js(value: &JsValue) -> text;
    attributes = attributes_js(element: &JsValue) -> text;
}

#[wasm_bindgen(module = "/src/platform/platform.js")]
extern "C" {
    /// The elements marked for the up-front notice, as found at start.
    pub type Notice;
    /// The elements matching `selector` now (their text is kept to put back).
    #[wasm_bindgen(constructor)]
    pub fn new(selector: &str) -> Notice;
    /// How many there are.
    #[wasm_bindgen(method, getter)]
    pub fn count(this: &Notice) -> u32;
    /// Puts `text` in each marked element now in the page, as text.
    #[wasm_bindgen(method)]
    pub fn show(this: &Notice, text: &str);
}

#[wasm_bindgen(module = "/src/platform/platform.js")]
extern "C" {
    /// The page's additions, watched until undone.
    pub type Added;
    /// Calls `on_added` for each batch of changes that adds an element
    /// matching `selector` (or holding one), or adds into an element
    /// matching `within` one matching `fields` (or holding one).
    #[wasm_bindgen(constructor)]
    pub fn new(selector: &str, within: &str, fields: &str, on_added: &JsValue) -> Added;
}

#[wasm_bindgen(module = "/src/platform/platform.js")]
extern "C" {
    /// The `<dialog>`, drawn as told.
    pub type Dialog;
    /// `on_action("primary" | "secondary" | "escape")`.
    #[wasm_bindgen(constructor)]
    pub fn new(on_action: &JsValue) -> Dialog;
    /// Shows every text as given; `view` "closed" closes it.
    #[wasm_bindgen(method)]
    #[allow(clippy::too_many_arguments)]
    pub fn render(
        this: &Dialog,
        view: &str,
        title: &str,
        message: &str,
        live: &str,
        primary: &str,
        secondary: &str,
        error: &str,
        busy: bool,
        progress_value: f64,
        progress_max: f64,
        focus: bool,
    );
}

#[wasm_bindgen(module = "/src/platform/platform.js")]
extern "C" {
    /// Sends a request; `on_reply([status, finalUrl, redirected, header, jsonSecondsLeft, absoluteHeader])`.
    /// Without `follow`, a redirect is reported, not followed. Returns the
    /// function that aborts it.
    #[allow(clippy::too_many_arguments)]
    pub fn send(
        url: &str,
        method: &str,
        csrf_header: &str,
        csrf_token: &str,
        header: &str,
        absolute: &str,
        read_json: bool,
        timeout_ms: f64,
        follow: bool,
        on_reply: &JsValue,
    ) -> Function;
}

#[wasm_bindgen(module = "/src/platform/platform.js")]
extern "C" {
    /// Calls the page's `f()`; `on_answer([resolved, value])` once (a
    /// throw or rejection is `[false, error]`, so is no answer within
    /// `timeout_ms`). Returns the function that stops listening.
    #[wasm_bindgen(js_name = callAsync)]
    pub fn call_async(f: &Function, timeout_ms: f64, on_answer: &JsValue) -> Function;
}

#[wasm_bindgen(module = "/src/platform/platform.js")]
extern "C" {
    /// Wraps fetch and XHR; `report([asked, final, status, header, redirected, at, absolute])`.
    /// Returns the function that unwraps them, or what was thrown.
    pub fn install(report: &JsValue, header: Option<&str>, absolute: Option<&str>) -> JsValue;
    /// The same reports from a PerformanceObserver; returns its
    /// disconnect, or what was thrown.
    #[wasm_bindgen(js_name = observeResources)]
    pub fn observe_resources(report: &JsValue, header: Option<&str>, absolute: Option<&str>) -> JsValue;
    /// `[url, status, at, answered, transfer size, body size, url, …]` the
    /// browser logged before we started.
    #[wasm_bindgen(js_name = loggedAnswers)]
    pub fn logged_answers() -> JsValue;
}

#[wasm_bindgen(module = "/src/platform/platform.js")]
extern "C" {
    /// The channel to the other tabs and the leader lock.
    pub type Tabs;
    /// Joins `name`; `on_event([message])` for each message from another
    /// tab, `on_event(undefined)` once this tab holds the lock. Where
    /// there can be no channel (an opaque origin) this tab leads alone.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str, storage_key: &str, lock_name: &str, on_event: &JsValue) -> Tabs;
    /// Whether a lock election runs (else this tab leads alone).
    #[wasm_bindgen(method, getter)]
    pub fn electing(this: &Tabs) -> bool;
    /// Sends to every other tab.
    #[wasm_bindgen(method)]
    pub fn post(this: &Tabs, message: &JsValue);
}

#[wasm_bindgen(module = "/src/platform/platform.js")]
extern "C" {
    /// The marked forms' fields.
    pub type Fields;
    /// The `fields` under elements with the attribute `mark`, `ignore`
    /// marking those never kept.
    #[wasm_bindgen(constructor)]
    pub fn new(mark: &str, ignore: &str, fields: &str) -> Fields;
    /// Per root `␂identity␀mark's value`, per field `␁tag␀type␀autocomplete␀ignored␀name␀id␀value␀check␀changed␀stateJSON`.
    #[wasm_bindgen(method, js_name = read)]
    fn read_js(this: &Fields) -> JsValue;
    /// Writes `state` (JSON) into field `field` of root `root`; true if written.
    #[wasm_bindgen(method)]
    pub fn write(this: &Fields, root: u32, field: u32, state: &str) -> bool;
    /// `savedAt␀owner␀key␀state␀key␀state…` of the record saved under `key`,
    /// each state as JSON, taken out of storage; empty if there is none.
    #[wasm_bindgen(method, js_name = load)]
    fn load_js(this: &Fields, key: &str) -> JsValue;
    /// Saves `record` (`savedAt␀owner␀key␀state␀key␀state…`, each state
    /// JSON) under `key`; false where it cannot be.
    #[wasm_bindgen(method)]
    pub fn store(this: &Fields, key: &str, record: &str) -> bool;
    /// Removes every record whose key starts with `prefix`.
    #[wasm_bindgen(method)]
    pub fn forget(this: &Fields, prefix: &str);
    /// The newest `savedAt` of the records under `prefix` (-1: none).
    #[wasm_bindgen(method)]
    pub fn newest(this: &Fields, prefix: &str) -> f64;
    /// The "we put back what you typed" note.
    #[wasm_bindgen(method)]
    pub fn notice(this: &Fields, text: &str);
}

impl Fields {
    /// `read_js`, as a Rust string.
    pub fn read(&self) -> String {
        string(self.read_js())
    }

    /// `load_js`, as a Rust string.
    pub fn load(&self, key: &str) -> String {
        string(self.load_js(key))
    }
}
