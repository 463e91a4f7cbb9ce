//! The chart methods of the handle, in headless Chromium: each chart draws
//! on a real canvas, the pointer finds what the chart shows, and a frame
//! draws as many points at 100,000 epochs as at 1,000.
#![cfg(target_arch = "wasm32")]

use neuroplay::Playground;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::HtmlCanvasElement;

mod web;

use web::{canvas, pixels};

wasm_bindgen_test_configure!(run_in_browser);

/// Pixels that are not (nearly) white.
fn inked(c: &HtmlCanvasElement) -> usize {
    pixels(c)
        .chunks(4)
        .filter(|p| p[0] < 230 || p[1] < 230 || p[2] < 230)
        .count()
}

/// Pixels close to `rgb`.
fn coloured(c: &HtmlCanvasElement, rgb: [u8; 3]) -> usize {
    pixels(c)
        .chunks(4)
        .filter(|p| (0..3).all(|i| (p[i] as i32 - rgb[i] as i32).abs() < 40))
        .count()
}

/// The words a chart draws, as the page passes them.
fn words(pairs: &[(&str, &str)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v)).unwrap();
    }
    o.into()
}

fn loss_words() -> JsValue {
    words(&[("x", "epoch"), ("y", "loss"), ("best", "best")])
}

const VERMILLION: [u8; 3] = [0xD5, 0x5E, 0x00];

#[wasm_bindgen_test]
fn the_loss_chart_draws_both_curves_and_the_log_axis_changes_it() {
    let mut pg = Playground::new("dataset=xor&layers=4,2&seed=2", "en").unwrap();
    pg.train_epochs(30);
    let c = canvas(600, 360);
    let points = pg.draw_loss_curves(&c, false, None, &loss_words()).unwrap();
    assert_eq!(points, 2 * 31, "31 records, two curves");
    assert!(inked(&c) > 2000, "axes and curves: {} pixels", inked(&c));
    assert!(coloured(&c, VERMILLION) > 100, "the test curve is vermillion");
    let linear = pixels(&c);
    pg.draw_loss_curves(&c, true, None, &loss_words()).unwrap();
    assert_ne!(pixels(&c), linear, "the log axis redraws the curves");
}

#[wasm_bindgen_test]
fn the_pointer_finds_the_epoch_under_it_and_draws_a_guide() {
    let mut pg = Playground::new("dataset=xor&layers=4,2&seed=2", "en").unwrap();
    pg.train_epochs(40);
    let c = canvas(600, 360);
    // The plot spans x from its left edge to the right margin: its middle is about epoch 20.
    let at = pg.loss_at(&c, 350.0);
    assert_eq!(at.len(), 4);
    let (epoch, column) = (at[0], at[3]);
    assert!((0.0..=40.0).contains(&epoch) && epoch.fract() == 0.0, "{epoch}");
    assert!(
        (column - 350.0).abs() < 10.0,
        "the guide is within an epoch's width: {column}"
    );
    assert_eq!(
        pg.loss_at(&c, column)[0],
        epoch,
        "the guide's column finds its own epoch"
    );
    assert!(pg.loss_at(&c, 2.0).is_empty(), "over the axis labels there is no epoch");
    pg.draw_loss_curves(&c, false, None, &loss_words()).unwrap();
    let plain = pixels(&c);
    pg.draw_loss_curves(&c, false, Some(350.0), &loss_words()).unwrap();
    assert_ne!(pixels(&c), plain, "hovering draws the guide and dots");
    let acc = pg.accuracy_at(&c, 350.0);
    assert_eq!(acc[0], epoch);
    assert!((0.0..=1.0).contains(&acc[1]) && (0.0..=1.0).contains(&acc[2]));
}

#[wasm_bindgen_test]
fn early_stopping_marks_the_best_epoch() {
    let mut pg = Playground::new("dataset=xor&layers=4,2&patience=3&seed=2", "en").unwrap();
    pg.train_epochs(40);
    assert!(pg.best_epoch() >= 0);
    let c = canvas(600, 360);
    pg.draw_loss_curves(&c, false, None, &loss_words()).unwrap();
    let marked = pixels(&c);
    let blank_label = words(&[("x", "epoch"), ("y", "loss"), ("best", "")]);
    pg.draw_loss_curves(&c, false, None, &blank_label).unwrap();
    assert_ne!(pixels(&c), marked, "the best epoch is labelled");
}

#[wasm_bindgen_test]
fn a_frame_draws_as_many_points_at_100000_epochs_as_at_1000() {
    // One minibatch an epoch on a six-point table keeps 100,000 epochs quick.
    let mut pg = Playground::new("dataset=table&layers=&lr=0.001&batch=10&seed=1", "en").unwrap();
    let c = canvas(600, 360);
    assert!(pg.train_epochs(1_000));
    let at_1000 = pg.draw_loss_curves(&c, true, None, &loss_words()).unwrap();
    let acc_words = words(&[("x", "epoch"), ("y", "accuracy"), ("note", "n/a")]);
    assert!(pg.train_epochs(99_000));
    assert_eq!(pg.epoch(), 100_000);
    let at_100000 = pg.draw_loss_curves(&c, true, None, &loss_words()).unwrap();
    assert_eq!(at_1000, 600, "two curves of 300 points");
    assert_eq!(at_100000, at_1000);
    assert_eq!(
        pg.draw_accuracy_curves(&c, None, &acc_words).unwrap(),
        0,
        "regression has no accuracy"
    );
    // The pointer still finds single epochs: the last column is the last epoch.
    let last = pg.loss_at(&c, 10_000.0);
    assert!(last.is_empty());
    let right = (0..600)
        .rev()
        .map(|x| pg.loss_at(&c, x as f64))
        .find(|a| !a.is_empty())
        .unwrap();
    assert_eq!(right[0], 100_000.0);
}

#[wasm_bindgen_test]
fn the_accuracy_chart_draws_for_classification_and_a_note_for_regression() {
    let acc_words = words(&[
        ("x", "epoch"),
        ("y", "accuracy"),
        ("note", "Accuracy is for classification."),
    ]);
    let mut pg = Playground::new("dataset=circle&layers=4&seed=3", "en").unwrap();
    pg.train_epochs(10);
    let c = canvas(600, 360);
    assert_eq!(pg.draw_accuracy_curves(&c, None, &acc_words).unwrap(), 22);
    assert!(coloured(&c, VERMILLION) > 100);

    let mut reg = Playground::new("dataset=sin&layers=4", "en").unwrap();
    reg.train_epochs(3);
    let note = canvas(600, 360);
    assert_eq!(reg.draw_accuracy_curves(&note, None, &acc_words).unwrap(), 0);
    let ink = inked(&note);
    assert!(
        ink > 100 && ink < 600 * 360 / 20,
        "a line of text, not a chart: {ink} pixels"
    );
    assert!(reg.accuracy_at(&note, 300.0).is_empty());
}

#[wasm_bindgen_test]
fn the_activation_chart_draws_each_layer_over_its_histogram() {
    let mut pg = Playground::new("dataset=xor&layers=4,3&activation=tanh,relu&seed=4", "en").unwrap();
    pg.train_epochs(5);
    assert_eq!(pg.hidden_activations(), vec!["tanh".to_string(), "relu".to_string()]);
    let act_words = words(&[("x", "pre-activation z"), ("note", "note")]);
    let c = canvas(600, 360);
    pg.draw_activation_chart(&c, 0, None, &act_words).unwrap();
    let blue = coloured(&c, [0x00, 0x72, 0xB2]);
    assert!(blue > 200, "f is drawn in blue: {blue} pixels");
    let first = pixels(&c);
    pg.draw_activation_chart(&c, 1, None, &act_words).unwrap();
    assert_ne!(pixels(&c), first, "another layer, another chart");

    let stats = pg.activation_stats(1);
    assert_eq!(stats.len(), 3);
    assert!((0.0..=1.0).contains(&stats[0]));
    assert_eq!(stats[2], 3.0, "three neurons in layer 2");
    assert!(pg.activation_stats(2).is_empty(), "there is no third hidden layer");

    let at = pg.activation_at(&c, 0, 350.0);
    assert_eq!(at.len(), 5);
    let (z, f, slope) = (at[0] as f32, at[1] as f32, at[2] as f32);
    assert!((f - z.tanh()).abs() < 1e-4 && (slope - (1.0 - z.tanh().powi(2))).abs() < 1e-3);
}

#[wasm_bindgen_test]
fn zero_initialised_relus_are_all_dead() {
    // Every weight and bias 0: z = 0 everywhere, where ReLU's slope is 0.
    let pg = Playground::new("dataset=circle&layers=5&activation=relu&init=zero", "en").unwrap();
    let stats = pg.activation_stats(0);
    assert_eq!(stats, vec![1.0, 5.0, 5.0]);
}

#[wasm_bindgen_test]
fn without_hidden_layers_the_activation_chart_is_a_note() {
    let pg = Playground::new("dataset=circle&layers=", "en").unwrap();
    assert!(pg.hidden_activations().is_empty());
    assert!(pg.activation_stats(0).is_empty());
    let c = canvas(600, 360);
    let note = words(&[("x", "z"), ("note", "This network has no hidden layer.")]);
    pg.draw_activation_chart(&c, 0, Some(300.0), &note).unwrap();
    assert!(inked(&c) > 100);
    assert!(pg.activation_at(&c, 0, 300.0).is_empty());
}
