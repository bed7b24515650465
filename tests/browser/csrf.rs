//! The keep-alive carries the CSRF token where the page's framework put
//! it; a cookie's value is URL-decoded by the browser's own
//! `decodeURIComponent` (Laravel's XSRF-TOKEN is), and kept as it is when
//! it is not valid URL encoding. A page whose cookie scripts cannot read
//! (Django's `CSRF_COOKIE_HTTPONLY`) or that has no meta tag (ASP.NET
//! Core) has the token in its forms' hidden field.

use crate::support::page::one_keep_alive;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/tests/support/page.js")]
extern "C" {
    #[wasm_bindgen(js_name = recordFetch)]
    fn record_fetch() -> JsValue;
    #[wasm_bindgen(js_name = restoreFetch)]
    fn restore_fetch();
    #[wasm_bindgen(js_name = lastHeader)]
    fn last_header(seen: &JsValue, name: &str) -> Option<String>;
    #[wasm_bindgen(js_name = setCookie)]
    fn set_cookie(text: &str);
    #[wasm_bindgen(js_name = addForm)]
    fn add_form(name: &str, value: &str) -> web_sys::Element;
}

async fn token_sent_for(cookie: &str) -> Option<String> {
    set_cookie(cookie);
    let seen = record_fetch();
    one_keep_alive("/keep-alive").await;
    restore_fetch();
    set_cookie("XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT");
    last_header(&seen, "X-XSRF-TOKEN")
}

#[wasm_bindgen_test]
async fn a_url_encoded_cookie_is_sent_decoded() {
    assert_eq!(token_sent_for("XSRF-TOKEN=eyJpdiI6%3D%3D%2Bx%2F").await.as_deref(), Some("eyJpdiI6==+x/"));
}

#[wasm_bindgen_test]
async fn a_cookie_that_is_not_url_encoding_is_sent_as_it_is() {
    assert_eq!(token_sent_for("XSRF-TOKEN=100%ZZ").await.as_deref(), Some("100%ZZ"));
}

/// The header `header` of a keep-alive sent from a page with one form
/// whose hidden field `name` holds `value`.
async fn field_sent(name: &str, value: &str, header: &str) -> Option<String> {
    let form = add_form(name, value);
    let seen = record_fetch();
    one_keep_alive("/keep-alive").await;
    restore_fetch();
    form.remove();
    last_header(&seen, header)
}

#[wasm_bindgen_test]
async fn a_forms_hidden_field_is_sent_when_no_cookie_or_meta_tag_has_the_token() {
    assert_eq!(field_sent("csrfmiddlewaretoken", "dj4ngo", "X-CSRFToken").await.as_deref(), Some("dj4ngo"));
    assert_eq!(field_sent("__RequestVerificationToken", "CfDJ8x", "RequestVerificationToken").await.as_deref(), Some("CfDJ8x"));
    // A field of another name is no token.
    assert_eq!(field_sent("comment", "hello", "X-CSRFToken").await, None);
}
