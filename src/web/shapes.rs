//! The shapes shared by every handle's methods, with their TypeScript
//! declarations (in `www/pkg/neuroplay.d.ts`).
//!
//! Objects go to JavaScript through JSON (tsify's `json` feature), as they
//! always did: a number that is not finite would read as null there, so a
//! figure that may not exist is an `Option` here and `T | null` there.
//! The types declared by hand below come from the core, which knows nothing
//! of the browser: a message, and a settings table's rows.

use crate::config::table;
use crate::message::Message;
use serde::Serialize;
use serde_json::Value as Json;
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const DECLARATIONS: &'static str = r#"
/** A message for the page to put in words: its code and its parameters
 * (see `message::Message`), e.g. `{code: "outOfRange", key: "points", min: 10}`. */
export type Message = { code: string; [param: string]: string | number };

/** How an axis of a CSV file was mapped into the view: value′ = (value − offset) × scale. */
export interface Axis { offset: number; scale: number }

/** How a CSV file was read (see `data::csv::Dialect`). */
export interface Dialect {
    /** ",", ";" or a tab. */
    separator: string;
    decimal_comma: boolean;
    /** Python's name: "utf-8", "utf-8-sig", "utf-16" or "cp1250". */
    encoding: string;
    header: string[] | null;
    /** The columns read as x1, x2 and the label, counted from 0. */
    columns: [number, number, number];
    class_names: string[];
}

/** One setting as `schema()` describes it (see `config::table::schema`). */
export interface SettingRow {
    key: string;
    group: string;
    type: "choice" | "flag" | "whole" | "real" | "layers" | "activations" | "point" | "points" | "rows" | "edits" | "text" | "units" | "features" | "triple";
    effect: "live" | "reset";
    /** The default in link form. */
    default: string;
    options?: { value: string; family?: string }[];
    min?: number;
    max?: number;
    step?: number;
    ticks?: string[];
    unit?: "percent" | "";
    maxLayers?: number;
    minNeurons?: number;
    maxNeurons?: number;
    most?: number;
    extent?: number;
}

/** One setting as `settings()` reports it (see `config::table::state`). */
export interface SettingState {
    /** The value in link form. */
    value: string;
    /** Whether the setting matters in the current case. */
    applies: boolean;
    /** The options this case allows, when not all of them. */
    allowed?: string[];
}
"#;

/// `x` as the page reads it: null when it is not a finite number (not
/// evaluated yet, or a figure that does not exist in this case).
pub(super) fn figure<T: Copy + Into<f64>>(x: T) -> Option<T> {
    x.into().is_finite().then_some(x)
}

/// Every setting of a table, in the order the page shows them.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct Schema {
    #[tsify(type = "SettingRow[]")]
    settings: Json,
}

impl Schema {
    /// The table of the settings type `S`.
    pub(super) fn of<S: table::Configurable>() -> Schema {
        let mut all = table::schema::<S>();
        Schema {
            settings: all["settings"].take(),
        }
    }
}

/// For every setting's key, what the page shows of it now.
#[derive(Serialize, Tsify)]
#[serde(transparent)]
#[tsify(into_wasm_abi)]
pub struct SettingsState(#[tsify(type = "Record<string, SettingState>")] Json);

impl SettingsState {
    /// The state of `settings`.
    pub(super) fn of<S: table::Configurable>(settings: &S) -> SettingsState {
        SettingsState(table::state(settings))
    }
}

/// Messages the page should say (about the link a view was opened with).
#[derive(Serialize, Tsify)]
#[serde(transparent)]
#[tsify(into_wasm_abi)]
pub struct Notices(pub Vec<Message>);

/// The result of changing one setting: `effect` ("live" or "reset") when it
/// was taken, `refused` (why) when not.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct Changed {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"live\" | \"reset\"")]
    pub effect: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub refused: Option<Message>,
}

impl Changed {
    /// Taken, with this effect.
    pub(super) fn taken(effect: crate::config::Effect) -> Changed {
        Changed {
            effect: Some(effect.name()),
            refused: None,
        }
    }

    /// Refused, for this reason.
    pub(super) fn refused(why: Message) -> Changed {
        Changed {
            effect: None,
            refused: Some(why),
        }
    }
}

/// A message as a value of its own: `{code, …}` (why something was refused).
#[derive(Serialize, Tsify)]
#[serde(transparent)]
#[tsify(into_wasm_abi)]
pub struct Said(#[tsify(type = "Message")] pub Message);

/// Lets a method return `Nullable<T>` (`T | null`) for each of these
/// object types, as JSON gave null where there was no object (an
/// `Option<T>` would read as undefined).
macro_rules! nullable {
    ($($t:ty),* $(,)?) => {$(
        impl wasm_bindgen::convert::NullableIntoWasmAbi for $t {
            fn null() -> Self::MaybeAbi {
                <wasm_bindgen::JsValue as wasm_bindgen::convert::NullableIntoWasmAbi>::null()
            }
        }
    )*};
}
pub(crate) use nullable;

nullable!(Said);

/// `value`, or null.
pub(super) fn or_null<T>(value: Option<T>) -> Nullable<T> {
    value.map_or(Nullable::Null, Nullable::Value)
}
