//! The digits lab's handle: the images taken from the page once fetched,
//! training in units of work, the loss and accuracy charts (the
//! playground's), the test gallery, the confusion matrix, the first
//! layer's weights as 8×8 pictures, and the drawing pad read as it is drawn.

use super::{lab_settings, opened};
use crate::config::Effect;
use crate::data::digits::{CLASSES, MAX_COUNT, PIXELS, SIDE};
use crate::labs::digits::{DigitsLab, DigitsSettings};
use crate::message::Message;
use crate::view::colormap::{diverging_index, diverging_table, Rgb, CLASS_COLORS};
use crate::web::canvas::{context, css};
use crate::web::chart_api::{draw_accuracy, draw_loss, AccuracyWords, LossWords};
use crate::web::handle::js_error;
use crate::web::shapes::{figure, nullable, or_null, Said};
use serde::{Deserialize, Serialize};
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::HtmlCanvasElement;

/// Test images the gallery shows: the misclassified first.
pub const GALLERY: usize = 60;
/// First-layer neurons named as lit by the drawing.
const LIT: usize = 3;
/// The colour that marks a misclassified image, and the one that marks the lit features (Okabe–Ito).
const WRONG: Rgb = CLASS_COLORS[4];
const MARK: Rgb = CLASS_COLORS[1];

/// What the page shows beside the figures.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub struct DigitsReadouts {
    /// Whether the images are loaded.
    loaded: bool,
    /// Epochs trained.
    epoch: usize,
    /// Minibatch steps taken in the epoch under way.
    step_in_epoch: usize,
    /// The network's test accuracy now (mid-epoch too: what the exports
    /// report, not the last epoch's record the charts show), in [0, 1]; null before loading.
    test_accuracy: Option<f32>,
    /// The network's training accuracy now.
    train_accuracy: Option<f32>,
    /// Test images, and how many of them the network gets wrong.
    tests: usize,
    wrong: usize,
    /// First-layer neurons.
    features: usize,
    /// Why training stopped, if it did.
    halt: Option<Message>,
}

/// One image read by the network: the test image picked in the gallery, or the drawing.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct DigitsReading {
    /// The digit it is (null for the drawing).
    digit: Option<usize>,
    /// The most likely digit.
    guess: usize,
    /// The ten probabilities, digit 0 first.
    probabilities: Vec<f32>,
    /// The first-layer neurons the image lights most, most first: `[neuron, activation]`.
    lit: Vec<(usize, f32)>,
}

nullable!(DigitsReading);

/// The confusion matrix's words.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct ConfusionWords {
    /// The rows' title: the true digit.
    digit: String,
    /// The columns' title: the network's guess.
    guess: String,
}

/// The digits lab, for the page.
#[wasm_bindgen(js_name = DigitsLab)]
pub struct DigitsLabHandle {
    lab: DigitsLab,
    notices: Vec<Message>,
    /// The test image picked in the gallery (its place among the test images).
    picked: Option<usize>,
    /// The gallery's images as shown, by their place among the test images.
    shown: Vec<usize>,
    /// The pad's width in its own pixels, when last drawn on: strokes are kept in widths.
    pad_width: f64,
}

impl DigitsLabHandle {
    fn current(&self) -> DigitsSettings {
        self.lab.settings.clone()
    }

    fn apply(&mut self, next: DigitsSettings, effect: Effect) {
        self.lab.apply(next, effect);
    }

    /// The gallery's order: the misclassified test images first, then the
    /// rest, each in file order, up to [`GALLERY`].
    fn gallery(&mut self) -> Vec<usize> {
        let guesses = self.lab.test_guesses();
        let Some(t) = &self.lab.trainer else { return Vec::new() };
        let y = &t.data.test.y;
        let wrong = |i: &usize| guesses[*i] != y[*i] as usize;
        let (mut order, right): (Vec<usize>, Vec<usize>) = (0..guesses.len()).partition(wrong);
        order.extend(right);
        order.truncate(GALLERY);
        order
    }
}

lab_settings!(DigitsLabHandle, DigitsLab, crate::labs::digits::DigitsMarker);

#[wasm_bindgen(js_class = DigitsLab)]
impl DigitsLabHandle {
    /// The lab from a link's `key=value&…` (the keys after `lab=digits`),
    /// without its images until `load`.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> DigitsLabHandle {
        let (settings, notices) = opened::<crate::labs::digits::DigitsMarker>(query);
        DigitsLabHandle {
            lab: DigitsLab::new(settings),
            notices,
            picked: None,
            shown: Vec::new(),
            pad_width: 1.0,
        }
    }

    /// Takes the data file's bytes (`data/digits.bin`) and starts training
    /// on them; a damaged file is refused with what is wrong.
    pub fn load(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        self.lab.load(bytes).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Starts over: the same settings, fresh networks.
    pub fn reset(&mut self) {
        self.lab.restart();
        self.picked = None;
    }

    /// Trains for about `work` rows through the network (a training row
    /// counts three). Returns false once training cannot go on.
    pub fn train(&mut self, work: u32) -> bool {
        self.lab.train(work as u64)
    }

    /// Trains one whole epoch (the benchmark's unit). Returns false once training cannot go on.
    #[wasm_bindgen(js_name = trainEpoch)]
    pub fn train_epoch(&mut self) -> bool {
        self.lab.trainer.as_mut().is_some_and(|t| t.train_epoch())
    }

    /// The test images, as their places in the data file (the split's, for
    /// the benchmark's reference to train and test on the same images).
    #[wasm_bindgen(js_name = testImages)]
    pub fn test_images(&self) -> Vec<u32> {
        self.lab.split.test.iter().map(|&i| i as u32).collect()
    }

    /// `{loaded, epoch, stepInEpoch, testAccuracy, trainAccuracy, tests, wrong, features, halt}`.
    pub fn readouts(&mut self) -> DigitsReadouts {
        let accuracy = self.lab.accuracy();
        let guesses = self.lab.test_guesses();
        let features = self.lab.features().len();
        let t = self.lab.trainer.as_ref();
        let wrong = t.map_or(0, |t| {
            t.data
                .test
                .y
                .iter()
                .zip(&guesses)
                .filter(|(&y, &g)| y as usize != g)
                .count()
        });
        DigitsReadouts {
            loaded: t.is_some(),
            epoch: t.map_or(0, |t| t.epoch),
            step_in_epoch: t.map_or(0, |t| t.step_in_epoch()),
            test_accuracy: accuracy.and_then(|(_, test)| figure(test as f64)).map(|v| v as f32),
            train_accuracy: accuracy.and_then(|(train, _)| figure(train as f64)).map(|v| v as f32),
            tests: guesses.len(),
            wrong,
            features,
            halt: t.and_then(|t| t.halt.as_ref()).map(|h| h.message()),
        }
    }

    /// The loss over epochs, train and test (the playground's chart). `words`: `{x, y, best, train, validation, test}`.
    #[wasm_bindgen(js_name = drawLoss)]
    pub fn draw_loss(&self, canvas: &HtmlCanvasElement, words: LossWords) -> Result<u32, JsError> {
        let Some(t) = &self.lab.trainer else { return Ok(0) };
        draw_loss(canvas, &t.history, t.best.as_ref().map(|b| b.epoch), true, None, words)
    }

    /// The accuracy over epochs, train and test (the playground's chart). `words`: `{x, y, note, train, validation, test}`.
    #[wasm_bindgen(js_name = drawAccuracy)]
    pub fn draw_accuracy(&self, canvas: &HtmlCanvasElement, words: AccuracyWords) -> Result<u32, JsError> {
        let Some(t) = &self.lab.trainer else { return Ok(0) };
        draw_accuracy(canvas, &t.history, true, None, words)
    }

    /// Every first-layer neuron's 64 incoming weights as an 8×8 picture on
    /// the diverging palette (blue positive, orange negative, each neuron
    /// scaled by its largest |w|); the neurons the drawing lights most framed.
    #[wasm_bindgen(js_name = drawFeatures)]
    pub fn draw_features(&self, canvas: &HtmlCanvasElement) -> Result<(), JsError> {
        let features = self.lab.features();
        let table = diverging_table();
        let tiles: Vec<[[u8; 4]; PIXELS]> = features
            .iter()
            .map(|w| {
                let scale = w.iter().fold(1e-6_f32, |m, v| m.max(v.abs()));
                w.map(|v| table[diverging_index(v / scale)])
            })
            .collect();
        let layout = Mosaic::new(canvas, tiles.len());
        layout.paint(canvas, &tiles)?;
        let ctx = context(canvas).map_err(js_error)?;
        for (j, _) in self.lab.lit(LIT) {
            layout.frame(&ctx, j, MARK)?;
        }
        Ok(())
    }

    /// The gallery of test images (the misclassified first, framed), each
    /// with the network's guess; the picked one framed in blue.
    #[wasm_bindgen(js_name = drawGallery)]
    pub fn draw_gallery(&mut self, canvas: &HtmlCanvasElement) -> Result<(), JsError> {
        let order = self.gallery();
        let guesses = self.lab.test_guesses();
        let Some(t) = &self.lab.trainer else { return Ok(()) };
        let d = self.lab.digits().expect("a session has its images");
        let tiles: Vec<[[u8; 4]; PIXELS]> = order.iter().map(|&k| ink(d.image(self.lab.split.test[k]))).collect();
        let layout = Mosaic::new(canvas, tiles.len());
        layout.paint(canvas, &tiles)?;
        let ctx = context(canvas).map_err(js_error)?;
        let font = (layout.cell * 0.3).max(10.0);
        ctx.set_font(&format!("bold {font}px sans-serif"));
        for (place, &k) in order.iter().enumerate() {
            let wrong = guesses[k] != t.data.test.y[k] as usize;
            if wrong {
                layout.frame(&ctx, place, WRONG)?;
            }
            if self.picked == Some(k) {
                layout.frame(&ctx, place, MARK)?;
            }
            let (x, y) = layout.corner(place);
            ctx.set_fill_style_str(&css(if wrong { WRONG } else { [0x33; 3] }));
            ctx.fill_text(&guesses[k].to_string(), x + layout.cell - font * 0.75, y + font)
                .map_err(js_error)?;
        }
        self.shown = order;
        Ok(())
    }

    /// Picks the gallery's image under pixel (x, y) of `canvas`; returns whether there was one.
    #[wasm_bindgen(js_name = pickAt)]
    pub fn pick_at(&mut self, canvas: &HtmlCanvasElement, x: f64, y: f64) -> bool {
        let layout = Mosaic::new(canvas, self.shown.len());
        let place = layout.at(x, y);
        self.picked = place.map(|p| self.shown[p]);
        self.picked.is_some()
    }

    /// The picked test image as the network reads it, or null.
    pub fn picked(&mut self) -> Nullable<DigitsReading> {
        let Some(k) = self.picked else { return Nullable::Null };
        let Some(d) = self.lab.digits() else {
            return Nullable::Null;
        };
        let counts: [u8; PIXELS] = d.image(self.lab.split.test[k]).try_into().expect("64 counts");
        let digit = d.labels[self.lab.split.test[k]] as usize;
        or_null(self.lab.read(&counts).map(|r| DigitsReading {
            digit: Some(digit),
            guess: r.guess,
            probabilities: r.probabilities.to_vec(),
            lit: Vec::new(),
        }))
    }

    /// The picked test image, large.
    #[wasm_bindgen(js_name = drawPicked)]
    pub fn draw_picked(&self, canvas: &HtmlCanvasElement) -> Result<(), JsError> {
        let (Some(k), Some(d)) = (self.picked, self.lab.digits()) else {
            Mosaic::new(canvas, 0).paint(canvas, &[])?;
            return pixel_grid(canvas);
        };
        let tile = ink(d.image(self.lab.split.test[k]));
        Mosaic::new(canvas, 1).paint(canvas, &[tile])?;
        pixel_grid(canvas)
    }

    /// The 10×10 confusion matrix of the test images: a row per true
    /// digit, a column per guess, each cell's count written, the diagonal
    /// blue and the mistakes orange by their share of the row.
    #[wasm_bindgen(js_name = drawConfusion)]
    pub fn draw_confusion(&mut self, canvas: &HtmlCanvasElement, words: ConfusionWords) -> Result<(), JsError> {
        let m = self.lab.confusion();
        let ctx = context(canvas).map_err(js_error)?;
        let (w, h) = (canvas.width() as f64, canvas.height() as f64);
        ctx.set_fill_style_str("#fff");
        ctx.fill_rect(0.0, 0.0, w, h);
        let title = crate::web::charts::text_css_pixels(canvas) * crate::web::charts::pixel_ratio(canvas);
        // Room for the titles and the digits on the left and on top.
        let margin = 2.6 * title;
        let cell = ((w - margin) / CLASSES as f64)
            .min((h - margin) / CLASSES as f64)
            .max(1.0);
        let table = diverging_table();
        ctx.set_text_align("center");
        ctx.set_text_baseline("middle");
        ctx.set_font(&format!("{}px sans-serif", (cell * 0.4).min(title)));
        for (digit, row) in m.iter().enumerate() {
            let total = row.iter().sum::<u32>().max(1) as f32;
            for (guess, &n) in row.iter().enumerate() {
                let share = n as f32 / total;
                let s = if digit == guess { share } else { -(share * 4.0).min(1.0) };
                let [r, g, b, _] = table[diverging_index(if n == 0 { 0.0 } else { s })];
                let (x, y) = (margin + guess as f64 * cell, margin + digit as f64 * cell);
                ctx.set_fill_style_str(&css([r, g, b]));
                ctx.fill_rect(x, y, cell - 1.0, cell - 1.0);
                if n > 0 {
                    ctx.set_fill_style_str("#222");
                    ctx.fill_text(&n.to_string(), x + cell / 2.0, y + cell / 2.0)
                        .map_err(js_error)?;
                }
            }
        }
        ctx.set_fill_style_str("#222");
        for k in 0..CLASSES {
            let middle = margin + (k as f64 + 0.5) * cell;
            ctx.fill_text(&k.to_string(), margin - 0.6 * title, middle)
                .map_err(js_error)?;
            ctx.fill_text(&k.to_string(), middle, margin - 0.6 * title)
                .map_err(js_error)?;
        }
        ctx.set_font(&format!("{title}px sans-serif"));
        ctx.fill_text(&words.guess, margin + 5.0 * cell, 0.6 * title)
            .map_err(js_error)?;
        ctx.save();
        ctx.translate(0.6 * title, margin + 5.0 * cell).map_err(js_error)?;
        ctx.rotate(-std::f64::consts::FRAC_PI_2).map_err(js_error)?;
        ctx.fill_text(&words.digit, 0.0, 0.0).map_err(js_error)?;
        ctx.restore();
        Ok(())
    }

    /// Starts a stroke at pixel (x, y) of the pad `canvas`.
    #[wasm_bindgen(js_name = penDown)]
    pub fn pen_down(&mut self, canvas: &HtmlCanvasElement, x: f64, y: f64) {
        self.pad_width = canvas.width().max(1) as f64;
        let p = self.pad_point(x, y);
        self.lab.strokes.push(vec![p]);
    }

    /// Extends the stroke under way to pixel (x, y) of the pad.
    #[wasm_bindgen(js_name = penTo)]
    pub fn pen_to(&mut self, x: f64, y: f64) {
        let p = self.pad_point(x, y);
        if let Some(stroke) = self.lab.strokes.last_mut() {
            stroke.push(p);
        }
    }

    /// The images as CSV (`p0`…`p63`, `label`, `split`); none before they are loaded.
    #[wasm_bindgen(js_name = exportData)]
    pub fn export_data(&self) -> Option<String> {
        self.lab.csv()
    }

    /// The network as a model file's JSON (`docs/model-format.md`).
    #[wasm_bindgen(js_name = exportModel)]
    pub fn export_model(&self) -> Option<String> {
        let file = self.lab.model_file()?;
        Some(serde_json::to_string(&file).expect("a model file serialises"))
    }

    /// The network as a NumPy script that reads the CSV of [`Self::export_data`].
    #[wasm_bindgen(js_name = exportPython)]
    pub fn export_python(&self) -> Option<String> {
        Some(crate::train::python::numpy_columns(&self.lab.model_file()?))
    }

    /// The network as a PyTorch script that reads the same CSV.
    #[wasm_bindgen(js_name = exportPytorch)]
    pub fn export_pytorch(&self) -> Option<String> {
        Some(crate::train::python::pytorch_columns(&self.lab.model_file()?))
    }

    /// Loads a model file this lab exported (its text): its settings and
    /// network replace the current ones. Null when loaded; the reason
    /// when refused (not JSON, saved elsewhere, not fitting), nothing changed.
    #[wasm_bindgen(js_name = loadModel)]
    pub fn load_model(&mut self, text: &str) -> Nullable<Said> {
        let refused = self.lab.load_model(text).err();
        if refused.is_none() {
            self.picked = None;
        }
        or_null(refused.map(Said))
    }

    /// Clears the pad.
    #[wasm_bindgen(js_name = clearPad)]
    pub fn clear_pad(&mut self) {
        self.lab.strokes.clear();
    }

    /// The strokes on the pad `canvas`, in ink.
    #[wasm_bindgen(js_name = drawPad)]
    pub fn draw_pad(&self, canvas: &HtmlCanvasElement) -> Result<(), JsError> {
        let ctx = context(canvas).map_err(js_error)?;
        let w = canvas.width() as f64;
        let h = canvas.height() as f64;
        ctx.set_fill_style_str("#fff");
        ctx.fill_rect(0.0, 0.0, w, h);
        // A faint cross through the middle: where a digit goes (it is
        // scaled and centred whatever its place and size).
        ctx.set_stroke_style_str("#ddd");
        ctx.set_line_width((w / 200.0).max(1.0));
        ctx.begin_path();
        ctx.move_to(w / 2.0, h * 0.1);
        ctx.line_to(w / 2.0, h * 0.9);
        ctx.move_to(w * 0.1, h / 2.0);
        ctx.line_to(w * 0.9, h / 2.0);
        ctx.stroke();
        ctx.set_stroke_style_str("#111");
        ctx.set_fill_style_str("#111");
        ctx.set_line_width(w / 18.0);
        ctx.set_line_cap("round");
        ctx.set_line_join("round");
        for stroke in &self.lab.strokes {
            ctx.begin_path();
            for (i, p) in stroke.iter().enumerate() {
                let (x, y) = (p[0] as f64 * w, p[1] as f64 * w);
                if i == 0 {
                    ctx.move_to(x, y);
                }
                ctx.line_to(x + if stroke.len() == 1 { 0.01 } else { 0.0 }, y);
            }
            ctx.stroke();
        }
        Ok(())
    }

    /// The drawing as the network's input: its 8×8 block counts in grey.
    #[wasm_bindgen(js_name = drawInput)]
    pub fn draw_input(&self, canvas: &HtmlCanvasElement) -> Result<(), JsError> {
        Mosaic::new(canvas, 1).paint(canvas, &[ink(&self.lab.drawing())])?;
        pixel_grid(canvas)
    }

    /// The drawing's 64 block counts (0–16), row by row.
    pub fn input(&self) -> Vec<u8> {
        self.lab.drawing().to_vec()
    }

    /// The drawing as the network reads it, with the first-layer neurons it
    /// lights most; null when nothing is drawn or the images are not loaded.
    pub fn reading(&mut self) -> Nullable<DigitsReading> {
        if self.lab.is_blank() {
            return Nullable::Null;
        }
        let lit = self.lab.lit(LIT);
        or_null(self.lab.read(&self.lab.drawing()).map(|r| DigitsReading {
            digit: None,
            guess: r.guess,
            probabilities: r.probabilities.to_vec(),
            lit,
        }))
    }
}

impl DigitsLabHandle {
    /// A pad pixel in pad widths (the pad is square): strokes keep their
    /// place when the pad's pixels change size.
    fn pad_point(&self, x: f64, y: f64) -> [f32; 2] {
        [(x / self.pad_width) as f32, (y / self.pad_width) as f32]
    }
}

/// Faint lines between the 8×8 pixels of a one-image canvas: an empty input is still seen to be 64 pixels.
fn pixel_grid(canvas: &HtmlCanvasElement) -> Result<(), JsError> {
    let ctx = context(canvas).map_err(js_error)?;
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    let side = w.min(h) / SIDE as f64;
    ctx.set_stroke_style_str("#ccc");
    ctx.set_line_width(1.0);
    ctx.begin_path();
    for k in 1..SIDE {
        let at = (k as f64 * side).round() + 0.5;
        ctx.move_to(at, 0.0);
        ctx.line_to(at, side * SIDE as f64);
        ctx.move_to(0.0, at);
        ctx.line_to(side * SIDE as f64, at);
    }
    ctx.stroke();
    Ok(())
}

/// An image's block counts in grey: white for 0, black for 16.
fn ink(counts: &[u8]) -> [[u8; 4]; PIXELS] {
    std::array::from_fn(|i| {
        let v = 255 - (counts[i].min(MAX_COUNT) as u32 * 255 / MAX_COUNT as u32) as u8;
        [v, v, v, 255]
    })
}

/// Square tiles of 8×8 pictures laid out in rows over a canvas, a gap between them.
struct Mosaic {
    columns: usize,
    /// A tile's side with its gap, in the canvas's pixels.
    cell: f64,
}

impl Mosaic {
    /// The layout of `n` tiles over `canvas`: the most columns that let every tile be largest.
    fn new(canvas: &HtmlCanvasElement, n: usize) -> Mosaic {
        let (w, h) = (canvas.width().max(1) as f64, canvas.height().max(1) as f64);
        let n = n.max(1);
        let (columns, cell) = (1..=n)
            .map(|c| {
                let rows = n.div_ceil(c);
                (c, (w / c as f64).min(h / rows as f64))
            })
            .fold((1, 0.0), |best, next| if next.1 > best.1 { next } else { best });
        Mosaic { columns, cell }
    }

    /// The gap around a tile.
    fn gap(&self) -> f64 {
        if self.columns == 1 && self.cell > 0.0 {
            0.0
        } else {
            (self.cell / 12.0).max(1.0)
        }
    }

    /// The top-left corner of tile `i`'s cell.
    fn corner(&self, i: usize) -> (f64, f64) {
        (
            (i % self.columns) as f64 * self.cell,
            (i / self.columns) as f64 * self.cell,
        )
    }

    /// The tile under pixel (x, y), if any.
    fn at(&self, x: f64, y: f64) -> Option<usize> {
        if x < 0.0 || y < 0.0 || self.cell <= 0.0 {
            return None;
        }
        let (c, r) = ((x / self.cell) as usize, (y / self.cell) as usize);
        (c < self.columns).then_some(r * self.columns + c)
    }

    /// Paints `tiles` (RGBA pixels, row by row) onto `canvas`, white around them, in one blit.
    fn paint(&self, canvas: &HtmlCanvasElement, tiles: &[[[u8; 4]; PIXELS]]) -> Result<(), JsError> {
        let (w, h) = (canvas.width() as usize, canvas.height() as usize);
        let mut rgba = vec![255u8; w * h * 4];
        let (gap, cell) = (self.gap(), self.cell);
        let side = ((cell - gap) / SIDE as f64).max(0.0);
        for (i, tile) in tiles.iter().enumerate() {
            let (x0, y0) = self.corner(i);
            let (x0, y0) = (x0 + gap / 2.0, y0 + gap / 2.0);
            let (right, bottom) = ((x0 + side * SIDE as f64) as usize, (y0 + side * SIDE as f64) as usize);
            for y in (y0 as usize)..bottom.min(h) {
                let row = (((y as f64 - y0) / side) as usize).min(SIDE - 1);
                for x in (x0 as usize)..right.min(w) {
                    let col = (((x as f64 - x0) / side) as usize).min(SIDE - 1);
                    rgba[(y * w + x) * 4..(y * w + x) * 4 + 4].copy_from_slice(&tile[row * SIDE + col]);
                }
            }
        }
        if w == 0 || h == 0 {
            return Ok(());
        }
        let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), w as u32, h as u32)
            .map_err(js_error)?;
        context(canvas)
            .map_err(js_error)?
            .put_image_data(&image, 0.0, 0.0)
            .map_err(js_error)
    }

    /// Frames tile `i` in `color`.
    fn frame(&self, ctx: &web_sys::CanvasRenderingContext2d, i: usize, color: Rgb) -> Result<(), JsError> {
        let (x, y) = self.corner(i);
        let line = (self.cell / 14.0).max(2.0);
        ctx.set_stroke_style_str(&css(color));
        ctx.set_line_width(line);
        ctx.stroke_rect(x + line / 2.0, y + line / 2.0, self.cell - line, self.cell - line);
        Ok(())
    }
}
