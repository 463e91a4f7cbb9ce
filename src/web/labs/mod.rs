//! The labs' handles, one each (wasm only): settings in through their own
//! tables, the lab's math in the core's `labs`, figures out through plotters.
//! The page finds them through [`registry`], the core's list of labs.

mod approx;
mod backprop;
mod compare;
mod gd;
mod landscape;
mod neuron;
mod plot;
mod regression;

pub use approx::ApproxLabHandle;
pub use backprop::BackpropLabHandle;
pub use compare::CompareLabHandle;
pub use gd::GdLabHandle;
pub use landscape::LandscapeLabHandle;
pub use neuron::NeuronLabHandle;
pub use regression::RegressionLabHandle;

/// The methods every lab's handle has for its settings, on the settings
/// of the registered lab `$lab` (see [`crate::labs::Lab`]) given by the
/// handle's `current()` and taken by its `apply(next, effect)`, and its
/// messages in its field `notices`: the schema, the state, `set`, `get`
/// and the link. `$class` is the handle's name in JavaScript.
macro_rules! lab_settings {
    ($handle:ident, $class:ident, $lab:ty) => {
        #[wasm_bindgen(js_class = $class)]
        impl $handle {
            /// Every setting of the lab, as `Playground.schema()` gives the playground's.
            pub fn schema() -> JsValue {
                $crate::web::handle::to_js(&$crate::config::table::schema::<<$lab as $crate::labs::Lab>::Settings>())
            }

            /// For every setting: `{value, applies, allowed?}`.
            pub fn settings(&self) -> JsValue {
                $crate::web::handle::to_js(&$crate::config::table::state(&self.current()))
            }

            /// Messages about the link this lab was opened with, taken once.
            pub fn notices(&mut self) -> JsValue {
                $crate::web::handle::to_js(&std::mem::take(&mut self.notices))
            }

            /// Changes one setting: `{effect}` when taken, `{refused: message}` when not.
            pub fn set(&mut self, key: &str, value: &str) -> JsValue {
                let mut next = self.current();
                let result = match $crate::config::table::set(&mut next, key, value) {
                    Ok(effect) => {
                        self.apply(next, effect);
                        serde_json::json!({ "effect": effect.name() })
                    }
                    Err(e) => serde_json::json!({ "refused": e.message() }),
                };
                $crate::web::handle::to_js(&result)
            }

            /// One setting in its link form.
            pub fn get(&self, key: &str) -> Option<String> {
                $crate::config::table::get(&self.current(), key)
            }

            /// The lab's settings in link form.
            pub fn query(&self) -> String {
                $crate::config::table::to_query(&self.current())
            }
        }
    };
}
pub(crate) use lab_settings;

/// What every handle's constructor does first: the panic hook, then lab
/// `L`'s settings read from a link's `key=value&…`, with a message for
/// each key it skipped.
pub(super) fn opened<L: crate::labs::Lab>(query: &str) -> (L::Settings, Vec<crate::message::Message>) {
    crate::web::panic::install();
    let (settings, errors) = crate::config::table::from_query::<L::Settings>(query);
    (settings, errors.iter().map(|e| e.message()).collect())
}

/// The labs, in the order of the page's tabs: `[{name, handle}, …]`, each
/// lab's `lab=` name (its page module is `lab-NAME.js`) and its handle's class.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = labs)]
pub fn registry() -> wasm_bindgen::JsValue {
    crate::web::handle::to_js(&crate::labs::all())
}

/// `words[key]` as text ("" when missing).
pub(super) fn word(words: &wasm_bindgen::JsValue, key: &str) -> String {
    js_sys::Reflect::get(words, &wasm_bindgen::JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The list of words `words[key]` (empty when it is missing or not a list;
/// an entry that is not text is empty).
pub(super) fn word_list(words: &wasm_bindgen::JsValue, key: &str) -> Vec<String> {
    js_sys::Reflect::get(words, &wasm_bindgen::JsValue::from_str(key))
        .ok()
        .filter(js_sys::Array::is_array)
        .map(|v| {
            js_sys::Array::from(&v)
                .iter()
                .map(|w| w.as_string().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}
