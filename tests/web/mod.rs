//! What the wasm tests share: real canvases and their pixels.
#![allow(dead_code)] // each test file uses a subset

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A detached canvas of `width` × `height` pixels.
pub fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let c: HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    c.set_width(width);
    c.set_height(height);
    c
}

/// The canvas's RGBA pixels, row by row.
pub fn pixels(c: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d = c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    ctx.get_image_data(0.0, 0.0, c.width() as f64, c.height() as f64)
        .unwrap()
        .data()
        .0
}

/// Field `name` of a JavaScript object (undefined when missing or not an object).
pub fn field(object: &wasm_bindgen::JsValue, name: &str) -> wasm_bindgen::JsValue {
    if !object.is_object() {
        return wasm_bindgen::JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(object, &wasm_bindgen::JsValue::from_str(name)).unwrap()
}

/// Field `name` of a JavaScript object, as a number (NaN when it is none).
pub fn number(object: &wasm_bindgen::JsValue, name: &str) -> f64 {
    field(object, name).as_f64().unwrap_or(f64::NAN)
}

/// Field `name` of a JavaScript object, as text ("" when it is none).
pub fn text(object: &wasm_bindgen::JsValue, name: &str) -> String {
    field(object, name).as_string().unwrap_or_default()
}

/// What a handle's method returned, as the page receives it.
pub fn js(value: impl Into<wasm_bindgen::JsValue>) -> wasm_bindgen::JsValue {
    value.into()
}

/// The words a figure draws, typed as its handle takes them: `{key: text,
/// …}`, which must give every word the type names.
pub fn words<T: serde::de::DeserializeOwned>(pairs: &[(&str, &str)]) -> T {
    let bag: serde_json::Map<String, serde_json::Value> =
        pairs.iter().map(|(k, v)| (k.to_string(), (*v).into())).collect();
    serde_json::from_value(bag.into()).expect("every word given")
}

/// The words a figure draws as a JavaScript object, as the page builds them.
pub fn bag(pairs: &[(&str, &str)]) -> wasm_bindgen::JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(
            &o,
            &wasm_bindgen::JsValue::from_str(k),
            &wasm_bindgen::JsValue::from_str(v),
        )
        .unwrap();
    }
    o.into()
}
