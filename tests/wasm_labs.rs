//! The labs' handles at the wasm boundary, in headless Chromium: a bad link
//! or setting comes back as messages, every figure draws on a real canvas
//! (and on one with no room without failing), and a pixel of a figure maps
//! back to the value drawn there.
#![cfg(target_arch = "wasm32")]

use neuroplay::{GdLabHandle, NeuronLabHandle, RegressionLabHandle};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::HtmlCanvasElement;

mod web;

use web::{canvas, field, js, number, pixels, text, words};

wasm_bindgen_test_configure!(run_in_browser);

/// Pixels that are not (nearly) white.
fn inked(c: &HtmlCanvasElement) -> usize {
    pixels(c)
        .chunks(4)
        .filter(|p| p[0] < 230 || p[1] < 230 || p[2] < 230)
        .count()
}

/// The length of a JavaScript array.
fn length(v: &JsValue) -> u32 {
    js_sys::Array::from(v).length()
}

fn gd_words() -> neuroplay::words::GdWords {
    serde_json::from_value(serde_json::json!({ "x": "w1", "y": "w2", "gradient": "∇L", "runs": ["SGD", "Adam"] }))
        .unwrap()
}

#[wasm_bindgen_test]
fn a_bad_link_and_a_bad_setting_come_back_as_messages() {
    let mut gd = GdLabHandle::new("surface=moon&start=1,x&lr=9&bogus=1");
    let notices = js(gd.notices());
    assert_eq!(length(&notices), 4, "one message a bad pair");
    assert_eq!(length(&js(gd.notices())), 0, "taken once");
    let refused = js(gd.set("lr", "-1"));
    assert_eq!(text(&field(&refused, "refused"), "code"), "outOfRange");
    assert_eq!(gd.get("lr").as_deref(), Some("0.1"), "the default stays");
    let taken = js(gd.set("surface", "bowl"));
    assert_eq!(text(&taken, "effect"), "reset");

    let mut regression = RegressionLabHandle::new("data=1:2,x&features=x,x3");
    assert_eq!(length(&js(regression.notices())), 2);
    let mut neuron = NeuronLabHandle::new("w=99&activation=softmax");
    assert_eq!(length(&js(neuron.notices())), 1, "w is out of range, softmax is fine");
    assert_eq!(neuron.get("activation").as_deref(), Some("softmax"));
}

#[wasm_bindgen_test]
fn the_descent_draws_its_surface_and_a_click_starts_where_it_points() {
    let mut gd = GdLabHandle::new("surface=lecture&compare=adam");
    let c = canvas(500, 500);
    gd.draw(&c, gd_words()).unwrap();
    assert!(inked(&c) > 100_000, "the heatmap fills the plot");
    // The pixel of (1, −2) starts the runs there.
    let frame = neuroplay::view::chart_frame::ChartFrame::new(500, 500, 1.0);
    let (px, py) = (frame.column_of(1.0, (-3.0, 3.0)), frame.row_of(-2.0, (-3.0, 3.0)));
    assert!(gd.start_at(&c, px, py));
    let start = gd.get("start").unwrap();
    let [w1, w2]: [f64; 2] = start
        .split(',')
        .map(|v| v.parse().unwrap())
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();
    assert!((w1 - 1.0).abs() < 0.02 && (w2 + 2.0).abs() < 0.02, "{start}");
    assert!(!gd.start_at(&c, 1.0, 1.0), "the margin is not the surface");
    gd.step(3);
    let runs = js_sys::Array::from(&field(&js(gd.readouts()), "runs"));
    assert_eq!(runs.length(), 2);
    assert_eq!(number(&runs.get(1), "steps"), 3.0);
    // No room to draw is no error.
    gd.draw(&canvas(0, 0), gd_words()).unwrap();
}

#[wasm_bindgen_test]
fn the_regression_figures_draw_and_their_points_are_found_under_the_pointer() {
    let mut lab = RegressionLabHandle::new("features=x,x2");
    let c = canvas(600, 500);
    let fit_words = [("x", "x"), ("y", "y"), ("points", "points"), ("model", "model")];
    lab.draw_fit(&c, words(&fit_words)).unwrap();
    assert!(inked(&c) > 2000);
    // Find the point (5, 51) where it is drawn, then move and remove it.
    let probe = js(lab.point_at(&c, 300.0, 250.0));
    assert!(probe.is_object(), "the middle of the figure is inside the plot");
    let data = lab.get("data").unwrap();
    let index = data.split(',').position(|p| p == "5:51").unwrap() as i32;
    let mut found = -1;
    'search: for py in (0..500).step_by(2) {
        for px in (0..600).step_by(2) {
            if lab.point_near(&c, px as f64, py as f64, 1.5) == index {
                found = px * 1000 + py;
                break 'search;
            }
        }
    }
    assert!(found >= 0, "the point (5, 51) is somewhere on the figure");
    lab.move_point(index as usize, 5.0, 60.0);
    assert!(lab.get("data").unwrap().contains("5:60"));
    lab.remove_point(index as usize);
    assert_eq!(lab.get("data").unwrap().split(',').count(), 5);
    let surface = canvas(400, 400);
    lab.draw_surface(
        &surface,
        words(&[("w", "w"), ("b", "b"), ("path", "path"), ("bottom", "min")]),
    )
    .unwrap();
    assert!(inked(&surface) > 50_000);
    let shop = canvas(400, 250);
    lab.draw_shop(
        &shop,
        words(&[
            ("x1", "x1"),
            ("x2", "x2"),
            ("loss", "loss"),
            ("profit", "profit"),
            ("even", "0"),
        ]),
    )
    .unwrap();
    assert!(inked(&shop) > 10_000);
}

#[wasm_bindgen_test]
fn the_neuron_figures_draw_for_every_activation() {
    let mut lab = NeuronLabHandle::new("");
    let schema = js(NeuronLabHandle::schema());
    let activation = js_sys::Array::from(&field(&schema, "settings")).get(0);
    let options = js_sys::Array::from(&field(&activation, "options"));
    assert_eq!(options.length(), 7, "the core's six and a softmax");
    for option in options.iter() {
        let name = text(&option, "value");
        assert_eq!(text(&js(lab.set("activation", &name)), "effect"), "live");
        let c = canvas(400, 260);
        let neuron = [
            ("x", "x"),
            ("y", "a"),
            ("output", "a"),
            ("p1", "p₁"),
            ("p2", "p₂"),
            ("p3", "p₃"),
        ];
        lab.draw_neuron(&c, words(&neuron)).unwrap();
        lab.draw_function(&c, words(&[("z", "z"), ("f", "f"), ("slope", "f′")]))
            .unwrap();
        lab.draw_neuron2(&c, words(&[("x1", "x₁"), ("x2", "x₂")])).unwrap();
        lab.draw_collapse(
            &c,
            words(&[("x", "x"), ("y", "y"), ("stacked", "two"), ("single", "one")]),
        )
        .unwrap();
        assert!(inked(&c) > 1000, "{name}");
    }
    let readouts = js(lab.readouts());
    assert_eq!(
        length(&field(&readouts, "worked")),
        3,
        "two hidden neurons and the output"
    );
}

#[wasm_bindgen_test]
fn the_labs_on_the_playgrounds_network_draw_and_refuse_what_they_cannot_show() {
    use neuroplay::{BackpropLabHandle, LandscapeLabHandle, Playground};
    let mut pg = Playground::new("dataset=xor&layers=4,3&seed=2");
    pg.train_epochs(3);
    // Backprop: the walk draws, and a step taken on a network changed since is refused.
    let mut walk = BackpropLabHandle::new(&pg, "point=3");
    assert_eq!(walk.stage_count(), 2 * (4 + 3 + 1) + 2);
    walk.show(5);
    let c = canvas(640, 480);
    let network_words = serde_json::json!({ "inputs": ["x₁", "x₂"], "loss": "L" });
    walk.draw_network(&c, serde_json::from_value(network_words).unwrap())
        .unwrap();
    assert!(inked(&c) > 1000);
    walk.draw_points(&canvas(300, 300), words(&[("x", "x₁"), ("y", "x₂")]))
        .unwrap();
    pg.train_epochs(1);
    let stale = js(walk.apply_step(&mut pg));
    assert_eq!(text(&stale, "code"), "labStale");
    let mut fresh = BackpropLabHandle::new(&pg, "point=3");
    assert!(fresh.apply_step(&mut pg).is_null(), "a fresh walk's step is taken");
    let norm = Playground::new("batchNorm=1&layers=4");
    assert_eq!(
        text(&js(BackpropLabHandle::new(&norm, "").refused()), "code"),
        "labBatchNorm"
    );
    // Landscape: computed over calls, then drawn with its middle equal to the training loss.
    let mut land = LandscapeLabHandle::new(&mut pg, "directions=path");
    let mut calls = 0;
    while !land.advance(2000) {
        calls += 1;
    }
    assert!(calls > 1, "spread over calls");
    let r = js(land.readouts());
    assert!((number(&r, "center") - number(&r, "trainLoss")).abs() < 1e-4);
    let l = canvas(500, 500);
    land.draw(&l, words(&[("x", "a"), ("y", "b"), ("path", "p"), ("here", "h")]))
        .unwrap();
    assert!(inked(&l) > 50_000);
}

#[wasm_bindgen_test]
fn the_pair_trains_both_runs_and_a_card_checks_them() {
    use neuroplay::{ApproxLabHandle, CompareLabHandle};
    let mut pair = CompareLabHandle::new("card=2");
    while pair.train(50_000.0) {}
    let r = js(pair.readouts());
    assert_eq!(field(&field(&r, "check"), "passed").as_bool(), Some(true));
    let mut free = CompareLabHandle::new("dataset=circle&layers=3&versus=lr&with=0.1");
    free.train(5000.0);
    let r = js(free.readouts());
    assert!(number(&field(&r, "b"), "epoch") >= 1.0, "the second run trained too");
    let refused = js(free.change_to("lr", "99"));
    assert_eq!(text(&refused, "code"), "outOfRange");
    let (map, points) = (canvas(300, 300), canvas(300, 300));
    free.paint(1, &map, &points, true).unwrap();
    assert!(inked(&map) > 10_000);
    let loss_words = [
        ("x", "epoch"),
        ("y", "loss"),
        ("trainA", "a"),
        ("testA", "a"),
        ("trainB", "b"),
        ("testB", "b"),
    ];
    free.draw_loss(&canvas(600, 300), words(&loss_words)).unwrap();
    // Approx: training keeps the pieces the engine's fit.
    let mut approx = ApproxLabHandle::new("neurons=6");
    approx.train(200);
    assert!(number(&js(approx.readouts()), "sumGap") < 1e-4);
    approx
        .draw_pieces(&canvas(600, 300), words(&[("x", "x"), ("y", "y"), ("bias", "c")]))
        .unwrap();
    let fit_words = [("x", "x"), ("y", "y"), ("target", "target"), ("fit", "fit")];
    approx.draw_fit(&canvas(600, 300), words(&fit_words)).unwrap();
}

#[wasm_bindgen_test]
fn own_data_of_no_points_draws_every_view_without_failing() {
    use neuroplay::Playground;
    let mut pg = Playground::new("dataset=own&rows=&layers=4,2");
    assert_eq!(text(&js(pg.halt()), "code"), "noData");
    assert!(!pg.step());
    pg.grid_pass();
    pg.paint_pixels(false);
    let c = canvas(300, 300);
    pg.draw_output(&c).unwrap();
    pg.draw_points(&c, true).unwrap();
    let loss_words = [
        ("x", "epoch"),
        ("y", "loss"),
        ("best", "best"),
        ("train", "train"),
        ("validation", "validation"),
        ("test", "test"),
    ];
    pg.draw_loss_curves(&canvas(400, 250), false, None, words(&loss_words))
        .unwrap();
    pg.draw_activation_chart(&canvas(400, 250), 0, None, words(&[("x", "z"), ("note", "no layer")]))
        .unwrap();
    let csv = pg.export_data();
    assert_eq!(csv.trim(), "x1,x2,label,split,prediction");
}
