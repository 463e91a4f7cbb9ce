//! The typed boundary: what the handles return has the fields its
//! TypeScript declaration names, a figure that does not exist reads as
//! null, and a figure's words with one missing are refused.
#![cfg(target_arch = "wasm32")]

mod web;

use neuroplay::words::{GdWords, LossWords};
use neuroplay::{CompareLabHandle, LandscapeLabHandle, Playground};
use tsify_next::Tsify;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web::{bag, field, js};

wasm_bindgen_test_configure!(run_in_browser);

/// `value` as the page receives it, with the field names its generated
/// declaration gives (`name:` or `name?:` in `T::DECL`).
fn declared<T: Tsify + Into<JsValue>>(value: T) -> (JsValue, Vec<String>) {
    let decl = T::DECL;
    let names = decl
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let end = l.find(['?', ':'])?;
            let name = &l[..end];
            (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric())).then(|| name.to_string())
        })
        .collect();
    (value.into(), names)
}

/// The own keys of a JavaScript object, sorted.
fn keys(object: &JsValue) -> Vec<String> {
    let mut keys: Vec<String> = js_sys::Object::keys(object.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    keys.sort();
    keys
}

#[wasm_bindgen_test]
fn the_readouts_have_exactly_the_declared_fields_and_figures_that_do_not_exist_are_null() {
    let mut pg = Playground::new("dataset=xor&layers=4&seed=1");
    let (r, mut names) = declared(pg.readouts());
    names.sort();
    assert_eq!(keys(&r), names, "the object is what its declaration says");
    for figure in ["penalty", "objective", "bestEpoch", "restoredEpoch"] {
        assert!(
            field(&r, figure).is_null(),
            "{figure}: none without regularisation or early stopping"
        );
    }
    assert!(js(pg.halt()).is_null(), "no halt: null, not undefined");

    pg.train_epochs(1);
    let (r, _) = declared(pg.readouts());
    assert!(field(&r, "trainLoss").as_f64().is_some_and(f64::is_finite));
    let regression = Playground::new("dataset=sin&layers=4");
    assert!(
        field(&js(regression.readouts()), "testAccuracy").is_null(),
        "no accuracy in regression"
    );
}

#[wasm_bindgen_test]
fn lab_readouts_have_the_declared_fields_and_a_figure_not_computed_is_null() {
    let mut pg = Playground::new("dataset=xor&layers=4&seed=2");
    pg.train_epochs(2);
    let land = LandscapeLabHandle::new(&mut pg, "");
    let (r, mut names) = declared(land.readouts());
    names.sort();
    assert_eq!(keys(&r), names);
    assert!(
        field(&r, "center").is_null(),
        "the middle is not computed before the landscape is"
    );

    let pair = CompareLabHandle::new("dataset=circle&layers=3");
    let (r, mut names) = declared(pair.readouts());
    names.sort();
    assert_eq!(keys(&r), names);
    assert!(field(&r, "card").is_null(), "a free comparison has no card");
    assert!(field(&r, "check").is_null(), "a free comparison has no check");
    assert!(field(&field(&r, "a"), "halt").is_null());
}

#[wasm_bindgen_test]
fn words_with_one_missing_are_refused_with_its_name() {
    let all = [("x", "epoch"), ("y", "loss"), ("best", "best")];
    let parts = [("train", "train"), ("validation", "validation"), ("test", "test")];
    let full: Vec<(&str, &str)> = all.iter().chain(&parts).copied().collect();
    assert!(LossWords::from_js(bag(&full)).is_ok(), "every word given");
    for missing in full.iter().map(|(k, _)| *k) {
        let some: Vec<(&str, &str)> = full.iter().copied().filter(|(k, _)| *k != missing).collect();
        let refused = LossWords::from_js(bag(&some)).err().map(|e| e.to_string());
        assert!(
            refused.as_deref().is_some_and(|m| m.contains(&format!("`{missing}`"))),
            "without {missing}: {refused:?}"
        );
    }
    let runs_missing = bag(&[("x", "w₁"), ("y", "w₂"), ("gradient", "∇L")]);
    let refused = GdWords::from_js(runs_missing).err().map(|e| e.to_string());
    assert!(refused.is_some_and(|m| m.contains("`runs`")));
}
