//! Panics, made visible: the message goes to the console and is kept for
//! the page, which shows it instead of failing silently.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the hook once.
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = info.to_string();
            web_sys::console::error_1(&JsValue::from_str(&format!("neuroplay panicked: {message}")));
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
        }));
    });
}

/// Forgets the last panic: a new session starts clean.
pub fn clear() {
    LAST_PANIC.with(|p| *p.borrow_mut() = None);
}

/// The message of the last panic, if any.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

#[cfg(feature = "test-panic")]
thread_local! {
    static ARMED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Test builds only: the next call to `readouts` panics, as a defect in
/// the core would, in the middle of the page's frame loop.
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = armPanicForTest)]
pub fn arm_for_test() {
    ARMED.with(|a| a.set(true));
}

/// Panics if a test armed it (test builds only; nothing otherwise).
pub fn trip() {
    #[cfg(feature = "test-panic")]
    if ARMED.with(|a| a.replace(false)) {
        panic!("a deliberate panic, armed by a test");
    }
}
