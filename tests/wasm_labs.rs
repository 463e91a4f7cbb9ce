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

/// Colours of the figures (the Okabe–Ito palette of `src/web/charts`).
const BLUE: [u8; 3] = [0x00, 0x72, 0xB2];
const ORANGE: [u8; 3] = [0xE6, 0x9F, 0x00];
const GREEN: [u8; 3] = [0x00, 0x9E, 0x73];
const VERMILLION: [u8; 3] = [0xD5, 0x5E, 0x00];
const SKY: [u8; 3] = [0x56, 0xB4, 0xE9];

/// Whether pixel `p` (RGBA) is `color`, give or take `tolerance` a channel.
fn is(p: &[u8], color: [u8; 3], tolerance: u8) -> bool {
    p.iter().zip(color).all(|(&a, b)| a.abs_diff(b) <= tolerance)
}

/// Pixels of `color`, give or take a little (antialiased edges do not count).
fn painted(c: &HtmlCanvasElement, color: [u8; 3]) -> usize {
    pixels(c).chunks(4).filter(|p| is(p, color, 24)).count()
}

/// Whether a pixel within `radius` of (x, y) is `color`.
fn painted_near(c: &HtmlCanvasElement, (x, y): (f64, f64), radius: i32, color: [u8; 3]) -> bool {
    let px = pixels(c);
    let (w, h) = (c.width() as i32, c.height() as i32);
    let (x, y) = (x.round() as i32, y.round() as i32);
    (y - radius..=y + radius)
        .flat_map(|r| (x - radius..=x + radius).map(move |col| (col, r)))
        .filter(|&(col, r)| (0..w).contains(&col) && (0..h).contains(&r))
        .any(|(col, r)| is(&px[((r * w + col) * 4) as usize..][..3], color, 24))
}

/// The centre of the dark ink inside the plotting area of a figure (the
/// ring about a chosen point: the ticks' words lie outside it).
fn ring_centre(c: &HtmlCanvasElement) -> (f64, f64) {
    let frame = neuroplay::view::chart_frame::ChartFrame::new(c.width(), c.height(), 1.0);
    let ((left, right), (top, bottom)) = (frame.columns(), frame.rows());
    let px = pixels(c);
    let w = c.width() as i32;
    let ink: Vec<(i32, i32)> = (top + 1..bottom - 1)
        .flat_map(|y| (left + 1..right - 1).map(move |x| (x, y)))
        .filter(|&(x, y)| is(&px[((y * w + x) * 4) as usize..][..3], [0x44; 3], 24))
        .collect();
    assert!(ink.len() > 20, "a ring of ink: {} pixels", ink.len());
    let n = ink.len() as f64;
    let sum = ink
        .iter()
        .fold((0.0, 0.0), |(a, b), &(x, y)| (a + x as f64, b + y as f64));
    (sum.0 / n, sum.1 / n)
}

/// The length of a JavaScript array.
fn length(v: &JsValue) -> u32 {
    js_sys::Array::from(v).length()
}

fn gd_words() -> neuroplay::words::GdWords {
    serde_json::from_value(serde_json::json!({
        "x": "w1", "y": "w2", "gradient": "∇L", "runs": ["SGD", "Adam"],
        "critical": { "minimum": "minimum", "saddle": "saddle", "maximum": "maximum" },
    }))
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
    // Where the plot was drawn: under its legend's rows.
    let frame = neuroplay::plot_frame(&c);
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
    let surface_words = || {
        words(&[
            ("w", "w"),
            ("b", "b"),
            ("path", "path"),
            ("bottom", "min"),
            ("now", "now"),
        ])
    };
    // With x² the model has three parameters: no surface over (w, b) is drawn.
    let surface = canvas(400, 400);
    let blank = pixels(&surface);
    lab.draw_surface(&surface, surface_words()).unwrap();
    assert!(pixels(&surface) == blank, "nothing drawn");
    lab.set("features", "x");
    lab.draw_surface(&surface, surface_words()).unwrap();
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
        // Each figure on its own canvas, each showing its own curves: a
        // line drawn across the plot leaves hundreds of pixels of its
        // colour, a legend's swatch of it fewer than 100.
        let neuron = canvas(400, 260);
        lab.draw_neuron(
            &neuron,
            words(&[
                ("x", "x"),
                ("y", "a"),
                ("output", "a"),
                ("p1", "p₁"),
                ("p2", "p₂"),
                ("p3", "p₃"),
            ]),
        )
        .unwrap();
        let curves: &[[u8; 3]] = if name == "softmax" {
            &[BLUE, GREEN, ORANGE]
        } else {
            &[BLUE]
        };
        for &color in curves {
            assert!(painted(&neuron, color) > 200, "{name}: the neuron's curve in {color:?}");
        }
        let function = canvas(400, 260);
        lab.draw_function(&function, words(&[("z", "z"), ("f", "f"), ("slope", "f′")]))
            .unwrap();
        assert!(painted(&function, BLUE) > 200, "{name}: f");
        assert!(painted(&function, ORANGE) > 100, "{name}: f′, dashed");
        // The two-input neuron is a heatmap filling the plot: many colours.
        let two = canvas(400, 260);
        lab.draw_neuron2(&two, words(&[("x1", "x₁"), ("x2", "x₂")])).unwrap();
        let colours: std::collections::HashSet<_> = pixels(&two).chunks(4).map(|p| [p[0], p[1], p[2]]).collect();
        assert!(
            colours.len() > 100 && inked(&two) > 40_000,
            "{name}: the heatmap fills the plot"
        );
        let collapse = canvas(400, 260);
        lab.draw_collapse(
            &collapse,
            words(&[("x", "x"), ("y", "y"), ("stacked", "two"), ("single", "one")]),
        )
        .unwrap();
        assert!(painted(&collapse, BLUE) > 200, "{name}: the stacked neurons");
        assert!(painted(&collapse, VERMILLION) > 100, "{name}: the single line, dashed");
    }
    let readouts = js(lab.readouts());
    assert_eq!(
        length(&field(&readouts, "worked")),
        3,
        "two hidden neurons and the output"
    );
}

#[wasm_bindgen_test]
fn the_neuron_writes_f_and_its_slope_at_z_and_the_softmax_of_typed_logits() {
    use neuroplay::nn::Activation;
    let mut lab = NeuronLabHandle::new("");
    for act in Activation::ALL {
        lab.set("activation", act.name());
        for z in [-2.5_f32, 0.0, 1.0] {
            assert_eq!(text(&js(lab.set("z", &z.to_string())), "effect"), "live");
            let value = field(&js(lab.readouts()), "value");
            assert_eq!(text(&value, "kind"), "single");
            assert_eq!(text(&value, "name"), act.name());
            let (f, slope) = (number(&value, "f"), number(&value, "slope"));
            assert!((f - act.exact(z as f64)).abs() < 1e-12, "{act}({z}) = {f}");
            assert!(
                (slope - act.exact_slope(z as f64)).abs() < 1e-12,
                "{act}′({z}) = {slope}"
            );
        }
    }
    lab.set("activation", "sigmoid");
    lab.set("z", "0");
    let value = field(&js(lab.readouts()), "value");
    assert_eq!((number(&value, "f"), number(&value, "slope")), (0.5, 0.25));
    // softmax(1, 2, 3) = e^i / (e + e² + e³).
    lab.set("activation", "softmax");
    assert_eq!(text(&js(lab.set("logits", "1,2,3")), "effect"), "live");
    let value = field(&js(lab.readouts()), "value");
    assert_eq!(text(&value, "kind"), "softmax");
    let probs = js_sys::Array::from(&field(&value, "probs"));
    let sum: f64 = (1..=3).map(|i| (i as f64).exp()).sum();
    for i in 0..3 {
        let p = probs.get(i).as_f64().unwrap();
        assert!((p - ((i + 1) as f64).exp() / sum).abs() < 1e-12, "p{i} = {p}");
    }
    let shown: Vec<String> = (0..3)
        .map(|i| format!("{:.3}", probs.get(i).as_f64().unwrap()))
        .collect();
    assert_eq!(shown, ["0.090", "0.245", "0.665"]);
    // Two logits, or a word, are refused and the three stay.
    for bad in ["1,2", "1,x,3"] {
        let refused = js(lab.set("logits", bad));
        assert_eq!(text(&field(&refused, "refused"), "code"), "malformed", "{bad}");
    }
    assert_eq!(lab.get("logits").as_deref(), Some("1,2,3"));
}

#[wasm_bindgen_test]
fn the_labs_on_the_playgrounds_network_draw_and_refuse_what_they_cannot_show() {
    use neuroplay::{BackpropLabHandle, LandscapeLabHandle, Playground};
    let mut pg = Playground::new("dataset=xor&layers=4,3&seed=2");
    pg.train_epochs(3);
    // Backprop: the walk draws, and a step taken on a network changed since is refused.
    let mut walk = BackpropLabHandle::new(&pg, "point=3");
    assert_eq!(walk.stage_count(), 2 * (4 + 3 + 1) + 2);
    // Before any stage no edge is lit; the fifth stage, a neuron's forward
    // pass, lights the edges it reads in full colour; the backward stages
    // write each ∂L/∂z in vermillion.
    let lit = |walk: &mut BackpropLabHandle, stages| {
        walk.show(stages);
        let c = canvas(640, 480);
        walk.draw_network(
            &c,
            serde_json::from_value(serde_json::json!({ "inputs": ["x₁", "x₂"], "loss": "L" })).unwrap(),
        )
        .unwrap();
        (painted(&c, BLUE) + painted(&c, ORANGE), painted(&c, VERMILLION))
    };
    let (edges, gradients) = lit(&mut walk, 0);
    assert!(edges < 200 && gradients < 10, "nothing lit yet: {edges}, {gradients}");
    let (edges, gradients) = lit(&mut walk, 5);
    assert!(
        edges > 1000 && gradients < 10,
        "the read edges lit: {edges}, {gradients}"
    );
    let all = walk.stage_count();
    let (_, gradients) = lit(&mut walk, all);
    assert!(gradients > 500, "the gradients written: {gradients}");
    // The walked point is ringed in dark ink where it lies.
    let points = canvas(300, 300);
    walk.draw_points(&points, words(&[("x", "x₁"), ("y", "x₂")])).unwrap();
    assert_eq!(
        walk.point_at(&points, ring_centre(&points).0, ring_centre(&points).1),
        3
    );
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
    assert!(inked(&l) > 50_000, "the heatmap fills the plot");
    // The weights themselves are the vermillion dot in the middle; the path is sky blue.
    let span = (-number(&r, "span"), number(&r, "span"));
    let frame = neuroplay::plot_frame(&l);
    let middle = (frame.column_of(0.0, span), frame.row_of(0.0, span));
    assert!(painted_near(&l, middle, 2, VERMILLION), "the dot at {middle:?}");
    assert!(painted(&l, SKY) > 100, "the path: {}", painted(&l, SKY));
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
    // The output map: a heatmap of many shades over the whole canvas.
    let shades: std::collections::HashSet<_> = pixels(&map).chunks(4).map(|p| [p[0], p[1], p[2], p[3]]).collect();
    let opaque = pixels(&map).chunks(4).all(|p| p[3] == 255);
    assert!(
        shades.len() > 100 && opaque,
        "the output map covers its canvas: {} shades",
        shades.len()
    );
    // The circle's two classes, orange outside and blue inside.
    assert!(
        painted(&points, ORANGE) > 100 && painted(&points, BLUE) > 100,
        "both classes' points"
    );
    // Each run's test loss: the first in vermillion, the second in orange.
    let losses = canvas(600, 300);
    free.draw_loss(
        &losses,
        words(&[
            ("x", "epoch"),
            ("y", "loss"),
            ("trainA", "a"),
            ("testA", "a"),
            ("trainB", "b"),
            ("testB", "b"),
        ]),
    )
    .unwrap();
    assert!(painted(&losses, VERMILLION) > 150, "the first run's test loss");
    assert!(painted(&losses, ORANGE) > 150, "the second run's test loss");
    // Approx: training keeps the pieces the engine's fit.
    let mut approx = ApproxLabHandle::new("neurons=6");
    approx.train(200);
    assert!(number(&js(approx.readouts()), "sumGap") < 1e-4);
    // Six pieces, each in its colour of the class palette.
    let pieces = canvas(600, 300);
    approx
        .draw_pieces(&pieces, words(&[("x", "x"), ("y", "y"), ("bias", "c")]))
        .unwrap();
    for color in [ORANGE, BLUE, GREEN, [0xCC, 0x79, 0xA7], VERMILLION, SKY] {
        assert!(painted(&pieces, color) > 100, "the piece in {color:?}");
    }
    // The target, a wide grey line, under the fit in dark ink (exact
    // colours: the words' antialiased edges hold every grey).
    let fit = canvas(600, 300);
    approx
        .draw_fit(
            &fit,
            words(&[("x", "x"), ("y", "y"), ("target", "target"), ("fit", "fit")]),
        )
        .unwrap();
    let exact = |color: [u8; 3]| pixels(&fit).chunks(4).filter(|p| is(p, color, 2)).count();
    assert!(exact([0x99; 3]) > 800, "the target: {}", exact([0x99; 3]));
    assert!(exact([0x44; 3]) > 2000, "the fit: {}", exact([0x44; 3]));
    assert!(painted(&fit, [0x44; 3]) > 300, "the fit");
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
