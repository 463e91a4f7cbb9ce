//! The wasm boundary, tested in headless Chromium: the exported handle
//! trains, refuses bad settings with errors, and draws on real canvases.
#![cfg(target_arch = "wasm32")]

use neuroplay::Playground;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlCanvasElement;

mod web;

use web::{canvas, pixels};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_handle_trains_xor_and_the_loss_falls() {
    let mut pg = Playground::new("dataset=xor&layers=8,4&lr=0.1&seed=3", "en").unwrap();
    let before = pg.test_loss();
    assert!(pg.train_epochs(100));
    assert_eq!(pg.epoch(), 100);
    assert!(pg.test_loss() < before * 0.6, "{} -> {}", before, pg.test_loss());
    assert!(pg.test_accuracy() > 0.9);
    assert_eq!(pg.halt(), "ok");
}

#[wasm_bindgen_test]
fn bad_settings_are_errors_that_change_nothing() {
    let mut pg = Playground::new("", "en").unwrap();
    let query = pg.query();
    assert!(pg.set("lr", "abc").is_err());
    assert!(pg.set("layers", "99").is_err());
    assert!(pg.set("nonsense", "1").is_err());
    assert_eq!(pg.query(), query);
    assert_eq!(pg.set("lr", "0.1").ok(), Some(false), "learning rate is live");
    assert_eq!(pg.set("dataset", "spiral").ok(), Some(true), "dataset resets");
}

#[wasm_bindgen_test]
fn a_damaged_link_opens_with_notices() {
    let mut pg = Playground::new("dataset=gauss&points=3&zzz=1", "en").unwrap();
    assert_eq!(pg.get("dataset").as_deref(), Some("gauss"));
    let notices = pg.notices();
    assert!(notices.contains("points = 3") && notices.contains("zzz"), "{notices}");
    assert_eq!(pg.notices(), "", "notices are taken once");
}

#[wasm_bindgen_test]
fn divergence_halts_with_a_reason() {
    let mut pg = Playground::new("dataset=table&layers=&lr=10", "en").unwrap();
    assert!(!pg.train_epochs(50));
    assert_eq!(pg.halt(), "diverged");
    assert!(pg.halt_message().contains("learning rate"));
    assert!(!pg.step(), "a halted run takes no more steps");
    pg.set("lr", "0.0001").unwrap();
    pg.reset();
    assert_eq!(pg.halt(), "ok");
}

#[wasm_bindgen_test]
fn the_output_heatmap_and_points_are_drawn() {
    let mut pg = Playground::new("dataset=circle", "en").unwrap();
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
fn one_d_data_draws_a_curve_and_the_chart_draws() {
    let mut pg = Playground::new("dataset=sin&layers=8", "en").unwrap();
    pg.train_epochs(5);
    let c = canvas(200, 200);
    pg.grid_pass();
    pg.draw_output(&c).unwrap();
    let dark = pixels(&c).chunks(4).filter(|p| p[0] < 100 && p[3] == 255).count();
    assert!(dark > 100, "curve drawn: {dark} dark pixels");
    let chart = canvas(300, 300);
    pg.draw_loss_curves(&chart, false, None, &wasm_bindgen::JsValue::UNDEFINED)
        .unwrap();
    assert!(pixels(&chart).chunks(4).any(|p| p[0] < 100));
}

#[wasm_bindgen_test]
fn messages_follow_the_language() {
    let mut pg = Playground::new("points=3", "cs").unwrap();
    assert!(pg.notices().contains("mimo rozsah"));
    let err = pg.set("lr", "50").err().map(wasm_bindgen::JsValue::from).unwrap();
    let text = js_sys::Error::from(err).message().as_string().unwrap();
    assert!(text.contains("mimo rozsah"), "{text}");
    pg.set_language("en");
    let err = pg.set("lr", "50").err().map(wasm_bindgen::JsValue::from).unwrap();
    assert!(js_sys::Error::from(err)
        .message()
        .as_string()
        .unwrap()
        .contains("out of range"));
}

#[wasm_bindgen_test]
fn the_network_view_hit_tests_and_edits_weights() {
    let mut pg = Playground::new("dataset=xor&layers=3&features=x1,x2", "en").unwrap();
    assert_eq!(pg.column_widths(), vec![2, 3, 1]);
    // Inputs at x 0–10, hidden at 100–110, output at 200–210.
    let boxes = [
        0.0, 10.0, 10.0, 0.0, 10.0, 50.0, 100.0, 110.0, 0.0, 100.0, 110.0, 30.0, 100.0, 110.0, 60.0, 200.0, 210.0, 30.0,
    ];
    assert!(pg.set_node_boxes(&boxes));
    assert!(!pg.set_node_boxes(&boxes[..6]), "wrong counts are refused");
    let hit = pg.hover_edge(150.0, 30.5);
    assert_eq!(hit[..3], [1.0, 0.0, 1.0]);
    assert_eq!(hit[3], pg.weight(1, 0, 1).unwrap());
    assert!(pg.hover_edge(150.0, 300.0).is_empty());
    pg.set_weight(0, 2, 1, 1.5).unwrap();
    assert_eq!(pg.weight(0, 2, 1).unwrap(), 1.5);
    assert!(pg.set_weight(0, 9, 1, 1.0).is_err());
    assert!(pg.set_weight(0, 0, 0, f32::NAN).is_err());
    pg.set_bias(0, 1, -0.25).unwrap();
    assert_eq!(pg.bias(0, 1).unwrap(), -0.25);
    let edges = canvas(220, 220);
    let thumbs = js_sys::Array::new();
    for _ in 0..6 {
        thumbs.push(&canvas(25, 25));
    }
    pg.grid_pass();
    pg.paint_pixels(false);
    pg.draw_network(&edges, &thumbs).unwrap();
    assert!(
        pixels(&edges).chunks(4).filter(|p| p[3] > 0).count() > 200,
        "edges drawn"
    );
    let first: HtmlCanvasElement = thumbs.get(0).dyn_into().unwrap();
    assert!(pixels(&first).chunks(4).all(|p| p[3] == 255), "thumbnail filled");
}
