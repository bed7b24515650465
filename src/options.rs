//! Reads a plain JS options object, one typed getter per kind of value,
//! and remembers which names were read so unknown ones can be reported.

use crate::prelude::*;
use crate::config_error::ConfigError;
use crate::error::{describe, show_number};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The options object passed to `new SessionTimeout(options)`.
pub struct Options {
    object: JsValue,
}

impl Options {
    /// Checks that `object` is a plain object.
    pub fn new(object: JsValue) -> Result<Options, Box<ConfigError>> {
        if !object.is_object() || object.is_function() || js_sys::Array::is_array(&object) {
            return Err(Box::new(ConfigError::NotAnObject { given: describe(&object) }));
        }
        Ok(Options { object })
    }

    /// The raw value, `None` when missing, `undefined` or `null`.
    pub fn get(&self, name: &str) -> Result<Option<JsValue>, Box<ConfigError>> {
        let value = Reflect::get(&self.object, &JsValue::from_str(name))
            .map_err(|_| Box::new(ConfigError::Invalid { option: name.to_owned(), given: None, rule: "reading it threw".into() }))?;
        Ok((!value.is_undefined() && !value.is_null()).then_some(value))
    }

    /// A finite number of seconds within `min..=max`, as milliseconds.
    pub fn seconds(&self, name: &str, min: f64, max: f64) -> Result<Option<u64>, Box<ConfigError>> {
        let Some(value) = self.get(name)? else { return Ok(None) };
        let rule = ["it must be a number of seconds from ", &show_number(min), " to ", &show_number(max)].concat();
        let Some(n) = value.as_f64() else { return Err(ConfigError::invalid(name, &value, &rule)) };
        if !n.is_finite() || n < min || n > max {
            return Err(ConfigError::invalid(name, &value, &rule));
        }
        // Rounded to whole ms (n is never negative here; no f64::round in no_std).
        Ok(Some((n * 1000.0 + 0.5) as u64))
    }

    /// A string, trimmed; empty counts as a mistake.
    pub fn string(&self, name: &str) -> Result<Option<String>, Box<ConfigError>> {
        let Some(value) = self.get(name)? else { return Ok(None) };
        match value.as_string() {
            Some(s) if !s.trim().is_empty() => Ok(Some(s.trim().to_owned())),
            _ => Err(ConfigError::invalid(name, &value, "it must be a non-empty string")),
        }
    }

    /// `true` or `false`.
    pub fn boolean(&self, name: &str) -> Result<Option<bool>, Box<ConfigError>> {
        let Some(value) = self.get(name)? else { return Ok(None) };
        value.as_bool().map(Some).ok_or_else(|| ConfigError::invalid(name, &value, "it must be true or false"))
    }

    /// The own enumerable keys, for spotting names we do not know.
    pub fn keys(&self) -> Vec<String> {
        match self.object.dyn_ref::<Object>() {
            Some(object) => Object::keys(object).iter().filter_map(|k| k.as_string()).collect(),
            None => Vec::new(),
        }
    }
}

/// The known name closest to `unknown`, if any is close enough to be a typo.
pub fn suggest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    let lower = unknown.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggests_the_option_meant() {
        let known = ["sessionSeconds", "warnSeconds", "redirectUrl"];
        assert_eq!(suggest("sessionSecond", &known), Some("sessionSeconds"));
        assert_eq!(suggest("warnseconds", &known), Some("warnSeconds"));
        assert_eq!(suggest("redirectURL", &known), Some("redirectUrl"));
        assert_eq!(suggest("colour", &known), None);
    }
}
