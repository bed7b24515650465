//! The few JavaScript built-ins the shell calls (a function, `Reflect`,
//! a plain object), bound here rather than through js-sys: linking js-sys
//! at all keeps its JSPI task runner in the .wasm (a `#[no_mangle]` export
//! whose waker stays in the function table): 0.3 KB gzip of dead code.
//! js-sys comes back with the `std` feature, for the typed Rust API.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A JavaScript function.
    #[wasm_bindgen(is_type_of = JsValue::is_function, typescript_type = "Function")]
    #[derive(Clone, Debug)]
    pub type Function;
    /// `f.call(this)`; what it threw is the error.
    #[wasm_bindgen(method, catch, js_name = call)]
    pub fn call0(this: &Function, context: &JsValue) -> Result<JsValue, JsValue>;
    /// `f.call(this, arg)`; what it threw is the error.
    #[wasm_bindgen(method, catch, js_name = call)]
    pub fn call1(this: &Function, context: &JsValue, arg: &JsValue) -> Result<JsValue, JsValue>;

    /// `Reflect.get(target, key)`; throws on a non-object, or from a getter.
    #[wasm_bindgen(js_namespace = Reflect, catch)]
    pub fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    /// `Reflect.get(target, index)`.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    pub fn get_index(target: &JsValue, index: u32) -> Result<JsValue, JsValue>;
    /// `Reflect.set(target, key, value)`.
    #[wasm_bindgen(js_namespace = Reflect, catch)]
    pub fn set(target: &JsValue, key: &JsValue, value: &JsValue) -> Result<bool, JsValue>;

    /// A plain object.
    #[wasm_bindgen(typescript_type = "object")]
    #[derive(Clone, Debug)]
    pub type Object;
    /// `new Object()`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Object;
}
