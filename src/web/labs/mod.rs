//! The labs' handles, one each (wasm only): settings in through their own
//! tables, the lab's math in the core's `labs`, figures out through plotters.

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

use serde::Deserialize;
use tsify_next::Tsify;

/// Every lab figure's words, by name.
pub mod words {
    pub use super::approx::{ApproxFitWords, ApproxPiecesWords};
    pub use super::backprop::BackpropNetworkWords;
    pub use super::compare::CompareLossWords;
    pub use super::gd::GdWords;
    pub use super::landscape::LandscapeWords;
    pub use super::neuron::{CollapseWords, FunctionWords, NeuronWords, TwoInputWords};
    pub use super::regression::{RegressionFitWords, ShopWords, SurfaceWords};
    pub use super::AxisWords;
}

/// The methods every lab's handle has for its settings, on the settings
/// type `$settings` kept in the handle's field `settings` (and its
/// messages in `notices`): the schema, the state, `set`, `get` and the link.
/// `$class` is the handle's name in JavaScript.
macro_rules! lab_settings {
    ($handle:ident, $class:ident, $settings:ty) => {
        #[wasm_bindgen(js_class = $class)]
        impl $handle {
            /// Every setting of the lab, as `Playground.schema()` gives the playground's.
            pub fn schema() -> $crate::web::shapes::Schema {
                $crate::web::shapes::Schema::of::<$settings>()
            }

            /// For every setting: `{value, applies, allowed?}`.
            pub fn settings(&self) -> $crate::web::shapes::SettingsState {
                $crate::web::shapes::SettingsState::of(&self.current())
            }

            /// Messages about the link this lab was opened with, taken once.
            pub fn notices(&mut self) -> $crate::web::shapes::Notices {
                $crate::web::shapes::Notices(std::mem::take(&mut self.notices))
            }

            /// Changes one setting: `{effect}` when taken, `{refused: message}` when not.
            pub fn set(&mut self, key: &str, value: &str) -> $crate::web::shapes::Changed {
                let mut next = self.current();
                match $crate::config::table::set(&mut next, key, value) {
                    Ok(effect) => {
                        self.apply(next, effect);
                        $crate::web::shapes::Changed::taken(effect)
                    }
                    Err(e) => $crate::web::shapes::Changed::refused(e.message()),
                }
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

/// The titles of a figure's two axes, part of every lab figure's words.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct AxisWords {
    /// The horizontal axis's title.
    pub x: String,
    /// The vertical axis's title.
    pub y: String,
}
