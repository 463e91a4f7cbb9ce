//! The chart methods of the handle, in headless Chromium: each chart draws
//! on a real canvas, the pointer finds what the chart shows, and a frame
//! draws as many points at 100,000 epochs as at 1,000.
#![cfg(target_arch = "wasm32")]

use neuroplay::Playground;
use wasm_bindgen_test::*;
use web_sys::HtmlCanvasElement;

mod web;

use web::{canvas, js, number, pixels, words};

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

/// The names of the data's parts, in every epoch chart's legend.
const PARTS: [(&str, &str); 3] = [("train", "train"), ("validation", "validation"), ("test", "test")];

fn loss_words() -> neuroplay::words::LossWords {
    words(&[
        ("x", "epoch"),
        ("y", "loss"),
        ("best", "best"),
        PARTS[0],
        PARTS[1],
        PARTS[2],
    ])
}

const VERMILLION: [u8; 3] = [0xD5, 0x5E, 0x00];

#[wasm_bindgen_test]
fn the_loss_chart_draws_both_curves_and_the_log_axis_changes_it() {
    let mut pg = Playground::new("dataset=xor&layers=4,2&seed=2");
    pg.train_epochs(30);
    let c = canvas(600, 360);
    let points = pg.draw_loss_curves(&c, false, None, loss_words()).unwrap();
    assert_eq!(points, 2 * 31, "31 records, two curves");
    assert!(inked(&c) > 2000, "axes and curves: {} pixels", inked(&c));
    assert!(coloured(&c, VERMILLION) > 100, "the test curve is vermillion");
    let linear = pixels(&c);
    pg.draw_loss_curves(&c, true, None, loss_words()).unwrap();
    assert_ne!(pixels(&c), linear, "the log axis redraws the curves");
}

#[wasm_bindgen_test]
fn the_pointer_finds_the_epoch_under_it_and_draws_a_guide() {
    let mut pg = Playground::new("dataset=xor&layers=4,2&seed=2");
    pg.train_epochs(40);
    let c = canvas(600, 360);
    // The plot spans x from its left edge to the right margin: its middle is about epoch 20.
    let at = js(pg.loss_at(&c, 350.0));
    let (epoch, column) = (number(&at, "epoch"), number(&at, "column"));
    assert!((0.0..=40.0).contains(&epoch) && epoch.fract() == 0.0, "{epoch}");
    assert!(
        (column - 350.0).abs() < 10.0,
        "the guide is within an epoch's width: {column}"
    );
    assert_eq!(
        number(&js(pg.loss_at(&c, column)), "epoch"),
        epoch,
        "the guide's column finds its own epoch"
    );
    assert!(pg.loss_at(&c, 2.0).is_null(), "over the axis labels there is no epoch");
    pg.draw_loss_curves(&c, false, None, loss_words()).unwrap();
    let plain = pixels(&c);
    pg.draw_loss_curves(&c, false, Some(350.0), loss_words()).unwrap();
    assert_ne!(pixels(&c), plain, "hovering draws the guide and dots");
    let acc = js(pg.accuracy_at(&c, 350.0));
    assert_eq!(number(&acc, "epoch"), epoch);
    assert!((0.0..=1.0).contains(&number(&acc, "train")) && (0.0..=1.0).contains(&number(&acc, "test")));
}

/// Pixels of column `x` (and its two neighbours) in the guide's grey.
fn grey_in_column(c: &HtmlCanvasElement, x: f64) -> usize {
    let (w, px) = (c.width() as usize, pixels(c));
    let x = x.round() as usize;
    px.chunks(4)
        .enumerate()
        .filter(|(i, p)| (i % w).abs_diff(x) <= 1 && (0..3).all(|k| (p[k] as i32 - 0x77).abs() < 16))
        .count()
}

/// The pixel column of `epoch` on the loss chart on `c`.
fn column_of_epoch(pg: &Playground, c: &HtmlCanvasElement, epoch: f64) -> f64 {
    (0..c.width())
        .map(|x| js(pg.loss_at(c, x as f64)))
        .find(|at| number(at, "epoch") == epoch)
        .map(|at| number(&at, "column"))
        .expect("the epoch is on the chart")
}

#[wasm_bindgen_test]
fn early_stopping_marks_the_best_epoch_with_a_line_at_its_column() {
    // The lecture's overfitting run: it stops 30 epochs after its best one.
    let run = "dataset=circle&points=80&noise=0.35&layers=16,16,16&activation=relu&optimizer=adam&lr=0.01&init=he";
    let mut pg = Playground::new(&format!("{run}&patience=30"));
    pg.train_epochs(300);
    let best = number(&js(pg.readouts()), "bestEpoch");
    let last = number(&js(pg.readouts()), "epoch");
    assert!(
        best >= 1.0 && last - best >= 10.0,
        "best {best} of {last}: room for a second column"
    );
    let c = canvas(600, 360);
    pg.draw_loss_curves(&c, false, None, loss_words()).unwrap();
    // A dashed line spans the plot's height at the best epoch, and nowhere else.
    let at_best = grey_in_column(&c, column_of_epoch(&pg, &c, best));
    let elsewhere = grey_in_column(&c, column_of_epoch(&pg, &c, ((best + last) / 2.0).round()));
    assert!(at_best > 100, "the marker: {at_best} grey pixels");
    assert!(elsewhere < 20, "no marker elsewhere: {elsewhere} grey pixels");

    // Without early stopping there is no marker.
    let mut plain = Playground::new(run);
    plain.train_epochs(last as u32);
    assert!(number(&js(plain.readouts()), "bestEpoch").is_nan());
    plain.draw_loss_curves(&c, false, None, loss_words()).unwrap();
    let column = column_of_epoch(&plain, &c, best);
    assert!(grey_in_column(&c, column) < 20, "no marker without early stopping");
}

#[wasm_bindgen_test]
fn a_frame_draws_as_many_points_at_100000_epochs_as_at_1000() {
    // One minibatch an epoch on a six-point table keeps 100,000 epochs quick.
    let mut pg = Playground::new("dataset=table&layers=&lr=0.001&batch=10&seed=1");
    let c = canvas(600, 360);
    assert!(pg.train_epochs(1_000));
    let at_1000 = pg.draw_loss_curves(&c, true, None, loss_words()).unwrap();
    let acc_words = [
        ("x", "epoch"),
        ("y", "accuracy"),
        ("note", "n/a"),
        PARTS[0],
        PARTS[1],
        PARTS[2],
    ];
    assert!(pg.train_epochs(99_000));
    assert_eq!(number(&js(pg.readouts()), "epoch"), 100_000.0);
    let at_100000 = pg.draw_loss_curves(&c, true, None, loss_words()).unwrap();
    assert_eq!(at_1000, 600, "two curves of 300 points");
    assert_eq!(at_100000, at_1000);
    assert_eq!(
        pg.draw_accuracy_curves(&c, None, words(&acc_words)).unwrap(),
        0,
        "regression has no accuracy"
    );
    // The pointer still finds single epochs: the last column is the last epoch.
    assert!(pg.loss_at(&c, 10_000.0).is_null());
    let right = (0..600)
        .rev()
        .map(|x| js(pg.loss_at(&c, x as f64)))
        .find(|a| !a.is_null())
        .unwrap();
    assert_eq!(number(&right, "epoch"), 100_000.0);
}

#[wasm_bindgen_test]
fn the_accuracy_chart_draws_for_classification_and_a_note_for_regression() {
    let acc_words = [
        ("x", "epoch"),
        ("y", "accuracy"),
        ("note", "Accuracy is for classification."),
        PARTS[0],
        PARTS[1],
        PARTS[2],
    ];
    let mut pg = Playground::new("dataset=circle&layers=4&seed=3");
    pg.train_epochs(10);
    let c = canvas(600, 360);
    assert_eq!(pg.draw_accuracy_curves(&c, None, words(&acc_words)).unwrap(), 22);
    assert!(coloured(&c, VERMILLION) > 100);

    let mut reg = Playground::new("dataset=sin&layers=4");
    reg.train_epochs(3);
    let note = canvas(600, 360);
    assert_eq!(reg.draw_accuracy_curves(&note, None, words(&acc_words)).unwrap(), 0);
    let ink = inked(&note);
    assert!(
        ink > 100 && ink < 600 * 360 / 20,
        "a line of text, not a chart: {ink} pixels"
    );
    assert!(reg.accuracy_at(&note, 300.0).is_null());
}

#[wasm_bindgen_test]
fn the_activation_chart_draws_each_layer_over_its_histogram() {
    let mut pg = Playground::new("dataset=xor&layers=4,3&activation=tanh,relu&seed=4");
    pg.train_epochs(5);
    assert_eq!(pg.hidden_activations(), vec!["tanh".to_string(), "relu".to_string()]);
    let act_words = [("x", "pre-activation z"), ("note", "note")];
    let c = canvas(600, 360);
    pg.draw_activation_chart(&c, 0, None, words(&act_words)).unwrap();
    let blue = coloured(&c, [0x00, 0x72, 0xB2]);
    assert!(blue > 200, "f is drawn in blue: {blue} pixels");
    let first = pixels(&c);
    pg.draw_activation_chart(&c, 1, None, words(&act_words)).unwrap();
    assert_ne!(pixels(&c), first, "another layer, another chart");

    let stats = js(pg.activation_stats(1));
    assert!((0.0..=1.0).contains(&number(&stats, "smallShare")));
    assert!((0.0..=1.0).contains(&number(&stats, "meanSlope")));
    assert_eq!(number(&stats, "neurons"), 3.0, "three neurons in layer 2");
    assert!(pg.activation_stats(2).is_null(), "there is no third hidden layer");

    let at = js(pg.activation_at(&c, 0, 350.0));
    let (z, f, slope) = (
        number(&at, "z") as f32,
        number(&at, "f") as f32,
        number(&at, "slope") as f32,
    );
    assert!((f - z.tanh()).abs() < 1e-4 && (slope - (1.0 - z.tanh().powi(2))).abs() < 1e-3);
}

#[wasm_bindgen_test]
fn zero_initialised_relus_are_all_dead() {
    // Every weight and bias 0: z = 0 everywhere, where ReLU's slope is 0.
    let mut pg = Playground::new("dataset=circle&layers=5&activation=relu&init=zero");
    let stats = js(pg.activation_stats(0));
    let read = |name| number(&stats, name);
    assert_eq!((read("smallShare"), read("dead"), read("neurons")), (1.0, 5.0, 5.0));
    assert_eq!(read("meanSlope"), 0.0);
}

#[wasm_bindgen_test]
fn without_hidden_layers_the_activation_chart_is_a_note() {
    let mut pg = Playground::new("dataset=circle&layers=");
    assert!(pg.hidden_activations().is_empty());
    assert!(pg.activation_stats(0).is_null());
    let c = canvas(600, 360);
    let note = words(&[("x", "z"), ("note", "This network has no hidden layer.")]);
    pg.draw_activation_chart(&c, 0, Some(300.0), note).unwrap();
    // The note alone, on a line through the middle: no axes, no curves.
    let rows: Vec<usize> = pixels(&c)
        .chunks(4 * 600)
        .enumerate()
        .filter(|(_, row)| row.chunks(4).any(|p| p[0] < 230 || p[1] < 230 || p[2] < 230))
        .map(|(y, _)| y)
        .collect();
    assert!(inked(&c) > 100, "the note is written");
    let (first, last) = (rows.first(), rows.last());
    assert!(
        rows.iter().all(|y| (160..200).contains(y)),
        "ink on rows {first:?} to {last:?}"
    );
    assert!(pg.activation_at(&c, 0, 300.0).is_null());
}
