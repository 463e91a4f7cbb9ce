//! The wasm boundary, tested in headless Chromium: the exported handle
//! trains, answers with named fields and message codes instead of errors
//! or panics, describes its settings, and draws on real canvases.
#![cfg(target_arch = "wasm32")]

use neuroplay::Playground;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod web;

use web::{canvas, field, js, number, pixels, text, words};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_handle_trains_xor_and_the_loss_falls() {
    let mut pg = Playground::new("dataset=xor&layers=8,4&lr=0.1&seed=3");
    let before = number(&js(pg.readouts()), "testLoss");
    assert!(pg.train_epochs(100));
    let r = js(pg.readouts());
    assert_eq!(number(&r, "epoch"), 100.0);
    assert!(
        number(&r, "testLoss") < before * 0.6,
        "{before} -> {}",
        number(&r, "testLoss")
    );
    assert!(number(&r, "testAccuracy") > 0.9);
    assert!(field(&r, "penalty").is_null(), "no penalty without regularisation");
    assert!(pg.halt().is_null());
}

#[wasm_bindgen_test]
fn a_penalty_is_reported_with_the_objective_it_adds_to() {
    let mut pg = Playground::new("dataset=xor&layers=4&reg=l2&regRate=0.1");
    pg.train_epochs(3);
    let r = js(pg.readouts());
    let (loss, penalty, objective) = (number(&r, "trainLoss"), number(&r, "penalty"), number(&r, "objective"));
    assert!(penalty > 0.0, "L2 of non-zero weights: {penalty}");
    assert!((objective - (loss + penalty)).abs() < 1e-5);
}

#[wasm_bindgen_test]
fn bad_settings_are_refused_with_a_code_and_change_nothing() {
    let mut pg = Playground::new("");
    let query = pg.query();
    for (key, value, code) in [
        ("lr", "abc", "malformed"),
        ("layers", "99", "outOfRange"),
        ("nonsense", "1", "unknownKey"),
        ("output", "identity", "headMismatch"),
    ] {
        let refused = field(&js(pg.set(key, value)), "refused");
        assert_eq!(text(&refused, "code"), code, "{key}={value}");
        assert!(field(&js(pg.set(key, value)), "effect").is_undefined());
    }
    assert_eq!(pg.query(), query);
    let refused = field(&js(pg.set("lr", "50")), "refused");
    assert_eq!(
        (text(&refused, "key"), text(&refused, "value"), text(&refused, "max")),
        ("lr".into(), "50".into(), "10".into())
    );
    assert_eq!(
        text(&js(pg.set("lr", "0.1")), "effect"),
        "live",
        "learning rate is live"
    );
    assert_eq!(
        text(&js(pg.set("dataset", "spiral")), "effect"),
        "reset",
        "dataset resets"
    );
}

#[wasm_bindgen_test]
fn a_damaged_link_opens_with_notices() {
    let mut pg = Playground::new("dataset=gauss&points=3&zzz=1");
    assert_eq!(pg.get("dataset").as_deref(), Some("gauss"));
    let notices: js_sys::Array = js(pg.notices()).dyn_into().unwrap();
    let codes: Vec<String> = notices.iter().map(|m| text(&m, "code")).collect();
    assert_eq!(codes, vec!["unknownKey", "outOfRange"]);
    assert_eq!(text(&notices.get(1), "value"), "3");
    assert_eq!(
        js_sys::Array::from(&js(pg.notices())).length(),
        0,
        "notices are taken once"
    );
}

#[wasm_bindgen_test]
fn divergence_halts_with_a_reason() {
    let mut pg = Playground::new("dataset=table&layers=&lr=10");
    assert!(!pg.train_epochs(50));
    let halt = js(pg.halt());
    assert_eq!(text(&halt, "code"), "diverged");
    assert_eq!(number(&halt, "learningRate"), 10.0);
    assert!(["loss", "weights"].contains(&text(&halt, "quantity").as_str()));
    assert!(!pg.step(), "a halted run takes no more steps");
    js(pg.set("lr", "0.0001"));
    pg.reset();
    assert!(pg.halt().is_null());
}

#[wasm_bindgen_test]
fn the_schema_and_the_settings_state_describe_every_key() {
    let schema = js(Playground::schema());
    let settings: js_sys::Array = field(&schema, "settings").dyn_into().unwrap();
    let keys: Vec<String> = settings.iter().map(|s| text(&s, "key")).collect();
    assert!(
        keys.len() > 25 && keys[0] == "dataset" && keys.last().unwrap() == "seed",
        "{keys:?}"
    );
    let mut pg = Playground::new("dataset=sin&optimizer=adam");
    let state = js(pg.settings());
    for key in &keys {
        assert!(field(&state, key).is_object(), "{key} has a state");
    }
    assert_eq!(text(&field(&state, "dataset"), "value"), "sin");
    assert_eq!(field(&field(&state, "beta1"), "applies"), JsValue::TRUE);
    assert_eq!(field(&field(&state, "momentum"), "applies"), JsValue::FALSE);
    let heads = js_sys::Array::from(&field(&field(&state, "output"), "allowed"));
    assert_eq!(heads.to_vec(), vec![JsValue::from_str("identity")]);
    assert!(Playground::vocabulary().iter().any(|k| k == "code.diverged"));
    js(pg.set("optimizer", "momentum"));
    assert_eq!(field(&field(&js(pg.settings()), "momentum"), "applies"), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn the_output_heatmap_and_points_are_drawn() {
    let mut pg = Playground::new("dataset=circle");
    pg.train_epochs(20);
    let heat = canvas(200, 200);
    pg.grid_pass();
    pg.paint_pixels(false);
    pg.draw_output(&heat).unwrap();
    let px = pixels(&heat);
    let tinted = px.chunks(4).filter(|p| p[0] < 240 || p[2] < 240).count();
    assert!(tinted > 200 * 200 / 4, "heatmap tinted over {tinted} pixels");
    let dots = canvas(200, 200);
    pg.draw_points(&dots, true).unwrap();
    let opaque = pixels(&dots).chunks(4).filter(|p| p[3] > 0).count();
    assert!(opaque > 1000, "{opaque} point pixels");
}

#[wasm_bindgen_test]
fn one_d_data_draws_a_curve_and_the_loss_chart_draws_its_curves() {
    let mut pg = Playground::new("dataset=sin&layers=8");
    pg.train_epochs(5);
    let c = canvas(200, 200);
    pg.grid_pass();
    pg.draw_output(&c).unwrap();
    let dark = |c: &web_sys::HtmlCanvasElement| pixels(c).chunks(4).filter(|p| p[0] < 100 && p[3] == 255).count();
    assert_eq!(
        dark(&c),
        0,
        "the output view's ground has no curve: it goes above the points"
    );
    pg.draw_overlay(&c, false).unwrap();
    assert!(dark(&c) > 100, "curve drawn over the points: {} dark pixels", dark(&c));
    let chart = canvas(300, 300);
    let parts = [("train", "train"), ("validation", "validation"), ("test", "test")];
    let loss_words = [
        ("x", "epoch"),
        ("y", "loss"),
        ("best", "best"),
        parts[0],
        parts[1],
        parts[2],
    ];
    pg.draw_loss_curves(&chart, false, None, words(&loss_words)).unwrap();
    // The test curve is vermillion; no axis, label or grid line is.
    let vermillion = pixels(&chart)
        .chunks(4)
        .filter(|p| (p[0] as i32 - 0xD5).abs() < 40 && (p[1] as i32 - 0x5E).abs() < 40 && p[2] < 60)
        .count();
    assert!(vermillion > 100, "the test curve is drawn: {vermillion} pixels");
}

#[wasm_bindgen_test]
fn the_network_view_hit_tests_and_edits_weights() {
    let mut pg = Playground::new("dataset=xor&layers=3&features=x1,x2&activation=tanh");
    assert_eq!(pg.column_widths(), vec![2, 3, 1]);
    // Inputs at x 0–10, hidden at 100–110, output at 200–210.
    let boxes = [
        0.0, 10.0, 10.0, 0.0, 10.0, 50.0, 100.0, 110.0, 0.0, 100.0, 110.0, 30.0, 100.0, 110.0, 60.0, 200.0, 210.0, 30.0,
    ];
    assert!(pg.set_node_boxes(&boxes));
    assert!(!pg.set_node_boxes(&boxes[..6]), "wrong counts are refused");
    let hit = js(pg.hover_edge(150.0, 30.5));
    let at = |name| number(&hit, name);
    assert_eq!((at("layer"), at("to"), at("from")), (1.0, 0.0, 1.0));
    assert_eq!(at("weight") as f32, pg.weight(1, 0, 1).unwrap());
    assert!(pg.hover_edge(150.0, 300.0).is_null());
    assert_eq!(text(&js(pg.set_weight(0, 9, 1, 1.0)), "code"), "editMissing");
    let refused = js(pg.set_bias(0, 0, f32::NAN));
    assert_eq!(
        (text(&refused, "code"), text(&refused, "part")),
        ("editOutOfRange".into(), "bias".into())
    );
    assert_eq!(pg.bias(0, 7), None);
    // Edits land where the forward pass reads them: hidden neuron 2 made
    // blind to its inputs (h = tanh 0.5 on every point), and the output made
    // to read it alone, so that every prediction is σ(1.5·tanh 0.5 − 0.25).
    for from in 0..2 {
        assert!(pg.set_weight(0, 2, from, 0.0).is_null());
    }
    assert!(pg.set_bias(0, 2, 0.5).is_null());
    for from in 0..3 {
        assert!(pg.set_weight(1, 0, from, if from == 2 { 1.5 } else { 0.0 }).is_null());
    }
    assert!(pg.set_bias(1, 0, -0.25).is_null());
    let expected = 1.0 / (1.0 + (-(1.5 * 0.5_f64.tanh() - 0.25)).exp());
    let csv = pg.export_data();
    let mut rows = csv.lines();
    assert_eq!(rows.next().unwrap().rsplit(',').next(), Some("prediction"));
    for row in rows {
        let p: f64 = row.rsplit(',').next().unwrap().parse().unwrap();
        assert!(
            (p - expected).abs() < 1e-5,
            "{row}: the output reads the edited weights, {expected}"
        );
    }
    let diagram = canvas(220, 220);
    pg.grid_pass();
    pg.paint_pixels(false);
    pg.draw_network(&diagram).unwrap();
    let px = pixels(&diagram);
    assert!(px.chunks(4).filter(|p| p[3] > 0).count() > 200, "edges drawn");
    // Every node's box (10 × 10 pixels about its centre) is filled by its thumbnail.
    for (left, y) in [(0, 10), (0, 50), (100, 0), (100, 30), (100, 60), (200, 30)] {
        let inside = (left + 2..left + 8)
            .flat_map(|x| (y.max(3) - 3..y + 3).map(move |yy| (x, yy)))
            .all(|(x, yy)| px[(yy * 220 + x) * 4 + 3] == 255);
        assert!(inside, "the thumbnail at ({left}, {y})");
    }
}

#[wasm_bindgen_test]
fn the_view_grows_to_hold_noisy_data_and_keeps_its_square_otherwise() {
    // Gauss at noise 1: variance 7.5, clouds reaching well past ±6.
    let pg = Playground::new("dataset=gauss&noise=1&points=2000&seed=2");
    let ([x0, x1], [y0, y1]) = pg.view_domain();
    assert!(x1 > 6.0 && x0 == -x1 && (y0, y1) == (x0, x1), "{x0} {x1}");
    let pg = Playground::new("dataset=circle&noise=0.5");
    assert_eq!(pg.view_domain(), ([-6.0, 6.0], [-6.0, 6.0]));
}

#[wasm_bindgen_test]
fn a_tensorflow_playground_link_is_translated_and_ours_is_not() {
    let t = js(Playground::translate_link(
        "https://playground.tensorflow.org/#dataset=xor&networkShape=3&cosY=true",
    ));
    let hash = text(&t, "hash");
    assert!(
        hash.starts_with("#dataset=xor&") && hash.contains("&layers=3&") && hash.contains("&init=tfp&"),
        "{hash}"
    );
    let first = field(&field(&t, "notices"), "0");
    assert_eq!(text(&first, "code"), "tfpDropped");
    assert_eq!(text(&first, "dropped"), "cosY=true");
    assert!(Playground::translate_link("#dataset=xor&layers=3").is_null());
}
