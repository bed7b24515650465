//! Helpers shared by the test files; each file uses only some of them.
#![allow(dead_code)]

#[cfg(target_arch = "wasm32")]
pub mod page;
#[cfg(not(target_arch = "wasm32"))]
pub mod sim;
