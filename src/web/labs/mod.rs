//! The labs' handles, one each (wasm only): settings in through their own
//! tables, the lab's math in the core's `labs`, figures out through plotters.
//! The page finds them through [`registry`], the core's list of labs.

mod approx;
mod backprop;
mod compare;
mod digits;
mod gd;
mod landscape;
mod neuron;
mod plot;
/// The layout of the figure last drawn on a lab's canvas (its legend's band
/// above the plot included), as the labs' hit tests read it.
pub use plot::frame as plot_frame;
mod regression;

pub use approx::ApproxLabHandle;
pub use backprop::BackpropLabHandle;
pub use compare::CompareLabHandle;
pub use digits::DigitsLabHandle;
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
    pub use super::digits::ConfusionWords;
    pub use super::gd::GdWords;
    pub use super::landscape::LandscapeWords;
    pub use super::neuron::{CollapseWords, FunctionWords, NeuronWords, TwoInputWords};
    pub use super::regression::{RegressionFitWords, ShopWords, SurfaceWords};
    pub use super::AxisWords;
}

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
            pub fn schema() -> $crate::web::shapes::Schema {
                $crate::web::shapes::Schema::of::<<$lab as $crate::labs::Lab>::Settings>()
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

/// What every handle's constructor does first: the panic hook, then lab
/// `L`'s settings read from a link's `key=value&…`, with a message for
/// each key it skipped.
pub(super) fn opened<L: crate::labs::Lab>(query: &str) -> (L::Settings, Vec<crate::message::Message>) {
    crate::web::panic::install();
    let (settings, errors) = crate::config::table::from_query::<L::Settings>(query);
    (settings, errors.iter().map(|e| e.message()).collect())
}

/// The registered labs, in the order of the page's tabs (see [`crate::labs::Entry`]).
#[derive(serde::Serialize, Tsify)]
#[serde(transparent)]
#[tsify(into_wasm_abi)]
pub struct Registry(#[tsify(type = "{ name: string; handle: string }[]")] Vec<crate::labs::Entry>);

/// The labs, in the order of the page's tabs: `[{name, handle}, …]`, each
/// lab's `lab=` name (its page module is `lab-NAME.js`) and its handle's class.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = labs)]
pub fn registry() -> Registry {
    Registry(crate::labs::all())
}

/// The titles of a figure's two axes, part of every lab figure's words.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct AxisWords {
    /// The horizontal axis's title.
    pub x: String,
    /// The vertical axis's title.
    pub y: String,
}
