//! The lecture's scenarios as the page's menu reads them: the core's table
//! (`config::scenarios`), each with its claims in both languages.

use crate::config::scenarios::{Scenario, SCENARIOS};
use serde::Serialize;
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;

/// What a scenario claims happens, in words: its kind and its sentence in each language.
#[derive(Serialize, Tsify)]
pub struct ScenarioClaim {
    /// The claim's kind (`learns`, `fails`, `lossBelow`, …).
    kind: &'static str,
    /// The sentence in English.
    en: String,
    /// The sentence in Czech.
    cs: String,
}

/// One scenario of the menu.
#[derive(Serialize, Tsify)]
pub struct ScenarioRow {
    /// Its stable name.
    id: &'static str,
    /// Its title in English.
    en: &'static str,
    /// Its title in Czech.
    cs: &'static str,
    /// Its link: the playground's keys, or with `lab`, that lab's.
    link: &'static str,
    /// The lab it opens; absent: the playground.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    lab: Option<&'static str>,
    /// What happens when it trains (none for a lab's scenario).
    claims: Vec<ScenarioClaim>,
}

impl From<&Scenario> for ScenarioRow {
    fn from(s: &Scenario) -> ScenarioRow {
        ScenarioRow {
            id: s.id,
            en: s.en,
            cs: s.cs,
            link: s.link,
            lab: s.lab,
            claims: s
                .claims
                .iter()
                .map(|c| ScenarioClaim {
                    kind: c.name(),
                    en: c.sentence("en"),
                    cs: c.sentence("cs"),
                })
                .collect(),
        }
    }
}

/// Every scenario, in the order of the menu.
#[derive(Serialize, Tsify)]
#[serde(transparent)]
#[tsify(into_wasm_abi)]
pub struct Scenarios(Vec<ScenarioRow>);

/// The lecture's scenarios, in the order of the menu: `[{id, en, cs, link,
/// lab?, claims: [{kind, en, cs}]}]`.
#[wasm_bindgen(js_name = scenarios)]
pub fn scenarios() -> Scenarios {
    Scenarios(SCENARIOS.iter().map(ScenarioRow::from).collect())
}
