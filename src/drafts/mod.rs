//! Nothing typed is lost: forms (or fields) marked
//! `data-session-timeout-preserve` are saved to `sessionStorage` when the
//! session ends on its own, and put back when the user returns to the same
//! page signed in again. A deliberate sign-out deletes them.

mod rules;

use crate::dialog::build_notice;

use crate::core::EpochMs;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, Storage, Window};

const PREFIX: &str = "session-timeout:draft:";
const MARK: &str = "[data-session-timeout-preserve]";
const FIELDS: &str = "input, textarea, select";

/// One place where drafts of this page are kept.
pub struct Drafts {
    storage: Storage,
    document: Document,
    page: String,
    max_age_ms: u64,
}

impl Drafts {
    /// Drafts for the current page (origin + path), or None where
    /// `sessionStorage` is not available (some privacy modes).
    pub fn new(window: &Window, document: &Document, max_age_ms: u64) -> Option<Drafts> {
        let storage = window.session_storage().ok().flatten()?;
        let location = window.location();
        let page = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
        Some(Drafts { storage, document: document.clone(), page, max_age_ms })
    }

    /// Saves every marked form and field; returns how many fields were kept.
    pub fn save(&self, now: EpochMs) -> usize {
        let mut kept = 0;
        for (i, root) in self.roots().iter().enumerate() {
            let fields = Array::new();
            for field in fields_of(root) {
                if let Some(entry) = read(&field) {
                    fields.push(&entry);
                }
            }
            if fields.length() == 0 {
                continue;
            }
            kept += fields.length() as usize;
            let record = Object::new();
            let _ = Reflect::set(&record, &"savedAt".into(), &(now as f64).into());
            let _ = Reflect::set(&record, &"fields".into(), &fields);
            if let Ok(json) = JSON::stringify(&record) {
                let _ = self.storage.set_item(&self.key(root, i), &String::from(json));
            }
        }
        kept
    }

    /// Puts saved fields back (firing `input` and `change` so frameworks
    /// notice), deletes the saved copies, and returns how many came back.
    /// Copies older than the maximum age are deleted unread.
    pub fn restore(&self, now: EpochMs) -> usize {
        let mut restored = 0;
        for (i, root) in self.roots().iter().enumerate() {
            let key = self.key(root, i);
            let Ok(Some(json)) = self.storage.get_item(&key) else { continue };
            let _ = self.storage.remove_item(&key);
            let Ok(record) = JSON::parse(&json) else { continue };
            let saved_at = Reflect::get(&record, &"savedAt".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0) as EpochMs;
            if now.saturating_sub(saved_at) > self.max_age_ms {
                continue;
            }
            let Some(saved) = Reflect::get(&record, &"fields".into()).ok().and_then(|v| v.dyn_into::<Array>().ok()) else { continue };
            for field in fields_of(root) {
                if let Some(entry) = saved.iter().find(|e| field_key(&field).is_some_and(|k| Some(k) == get_str(e, "key"))) {
                    if write(&field, &entry) {
                        restored += 1;
                    }
                }
            }
        }
        restored
    }

    /// Deletes every draft of this origin (a deliberate sign-out).
    pub fn forget_all(&self) {
        let origin_prefix = format!("{PREFIX}{}", self.page.split('/').take(3).collect::<Vec<_>>().join("/"));
        let len = self.storage.length().unwrap_or(0);
        let keys: Vec<String> = (0..len).filter_map(|i| self.storage.key(i).ok().flatten()).filter(|k| k.starts_with(&origin_prefix)).collect();
        for key in keys {
            let _ = self.storage.remove_item(&key);
        }
    }

    /// Says, politely, what came back: a `role="status"` note placed
    /// before the first marked form. Removed with the instance.
    pub fn notice(&self, text: &str) -> Option<Element> {
        let first = self.roots().into_iter().next()?;
        let note = build_notice(&self.document, text).ok()?;
        first.before_with_node_1(&note).ok()?;
        Some(note)
    }

    /// The marked forms and fields, in page order.
    pub fn roots(&self) -> Vec<Element> {
        let Ok(list) = self.document.query_selector_all(MARK) else { return Vec::new() };
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
    }

    fn key(&self, root: &Element, index: usize) -> String {
        let identity = [root.id(), root.get_attribute("name").unwrap_or_default()]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| index.to_string());
        format!("{PREFIX}{}#{identity}", self.page)
    }
}

/// The preservable fields of a marked root (the root itself if it is one).
fn fields_of(root: &Element) -> Vec<Element> {
    let mut out = Vec::new();
    if root.matches(FIELDS).unwrap_or(false) {
        out.push(root.clone());
    } else if let Ok(list) = root.query_selector_all(FIELDS) {
        out.extend((0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()));
    }
    out.retain(|f| {
        let tag = f.tag_name().to_ascii_lowercase();
        let kind = f.get_attribute("type").unwrap_or_default();
        let autocomplete = f.get_attribute("autocomplete").unwrap_or_default();
        let ignored = f.closest("[data-session-timeout-ignore]").ok().flatten().is_some();
        rules::preservable(&tag, &kind, &autocomplete, ignored) && field_key(f).is_some()
    });
    out
}

/// A field is known by its name (and value, for radios), else its id.
fn field_key(field: &Element) -> Option<String> {
    let name = field.get_attribute("name").filter(|n| !n.is_empty()).or_else(|| Some(field.id()).filter(|i| !i.is_empty()))?;
    match field.dyn_ref::<HtmlInputElement>() {
        Some(input) if input.type_().eq_ignore_ascii_case("radio") || input.type_().eq_ignore_ascii_case("checkbox") => {
            Some(format!("{name}={}", input.value()))
        }
        _ => Some(name),
    }
}

fn get_str(entry: &JsValue, key: &str) -> Option<String> {
    Reflect::get(entry, &JsValue::from_str(key)).ok()?.as_string()
}

fn read(field: &Element) -> Option<JsValue> {
    let entry = Object::new();
    let _ = Reflect::set(&entry, &"key".into(), &field_key(field)?.into());
    if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
        let t = input.type_().to_ascii_lowercase();
        if t == "checkbox" || t == "radio" {
            let _ = Reflect::set(&entry, &"checked".into(), &input.checked().into());
        } else {
            let _ = Reflect::set(&entry, &"value".into(), &input.value().into());
        }
    } else if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
        let _ = Reflect::set(&entry, &"value".into(), &area.value().into());
    } else if let Some(select) = field.dyn_ref::<HtmlSelectElement>() {
        let chosen = Array::new();
        let options = select.options();
        for i in 0..options.length() {
            if let Some(o) = options.item(i).and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok()) {
                if o.selected() {
                    chosen.push(&o.value().into());
                }
            }
        }
        let _ = Reflect::set(&entry, &"selected".into(), &chosen);
    }
    Some(entry.into())
}

/// Writes a saved entry into a field through the element's own property
/// setter (frameworks that shadow `value` on the instance still notice), then
/// fires `input` and `change`. Returns whether anything changed.
fn write(field: &Element, entry: &JsValue) -> bool {
    let changed = if let Some(checked) = Reflect::get(entry, &"checked".into()).ok().and_then(|v| v.as_bool()) {
        set_native(field, "checked", &checked.into())
    } else if let Some(value) = get_str(entry, "value") {
        set_native(field, "value", &value.into())
    } else if let (Some(select), Some(chosen)) = (
        field.dyn_ref::<HtmlSelectElement>(),
        Reflect::get(entry, &"selected".into()).ok().and_then(|v| v.dyn_into::<Array>().ok()),
    ) {
        let options = select.options();
        for i in 0..options.length() {
            if let Some(o) = options.item(i).and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok()) {
                o.set_selected(chosen.includes(&o.value().into(), 0));
            }
        }
        true
    } else {
        false
    };
    if changed {
        for kind in ["input", "change"] {
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
                let _ = field.dispatch_event(&event);
            }
        }
    }
    changed
}

fn set_native(field: &Element, property: &str, value: &JsValue) -> bool {
    let mut proto = Object::get_prototype_of(field);
    while !proto.is_null() {
        if let Ok(descriptor) = Reflect::get_own_property_descriptor(&proto, &property.into()) {
            if let Some(setter) = Reflect::get(&descriptor, &"set".into()).ok().and_then(|s| s.dyn_into::<js_sys::Function>().ok()) {
                return setter.call1(field, value).is_ok();
            }
        }
        proto = Object::get_prototype_of(&proto);
    }
    Reflect::set(field, &property.into(), value).unwrap_or(false)
}
