//! The accuracy chart: train and test accuracy over epochs, with a guide
//! at the hovered epoch. Regression has no accuracy: the chart says so.

use super::epochs::{self, EpochPlot, Titles};
use super::{blank, builder, js_error, note, report_boxes};
use crate::train::History;
use crate::view::curves::{Curves, Measure, MAX_POINTS};
use wasm_bindgen::JsValue;
use web_sys::HtmlCanvasElement;

/// What the accuracy chart shows.
pub struct AccuracyChart<'a> {
    pub history: &'a History,
    /// False for regression, which has no accuracy.
    pub classification: bool,
    /// The pointer's pixel column, while it is over the canvas.
    pub hover_x: Option<f64>,
    pub titles: Titles<'a>,
    /// Shown instead of the chart for regression.
    pub note: &'a str,
}

/// Draws the chart on `canvas`. Returns the number of points drawn, which
/// is at most 2 × [`MAX_POINTS`] at any history length.
pub fn draw(canvas: &HtmlCanvasElement, chart: &AccuracyChart) -> Result<usize, JsValue> {
    let (root, _) = blank(canvas)?;
    let frame = epochs::frame(canvas);
    if !chart.classification {
        note(&root, &frame, chart.note)?;
        return Ok(0);
    }
    if !frame.has_room() {
        return Ok(0);
    }
    let curves = Curves::new(chart.history, Measure::Accuracy, MAX_POINTS);
    let hover = chart
        .hover_x
        .and_then(|x| epochs::record_under(chart.history, &frame, x))
        .map(|r| (r.epoch, r.train.accuracy, r.test.accuracy));
    let y_label = |v: &f32| format!("{:.0} %", v * 100.0);
    let plot = EpochPlot {
        curves: &curves,
        y: (0.0, 1.0),
        hover,
        best: None,
        titles: chart.titles,
        y_label: &y_label,
    };
    let mut c = builder(&root, &frame)
        .build_cartesian_2d(0f32..curves.epochs().1 as f32, 0f32..1f32)
        .map_err(js_error)?;
    let legend = epochs::draw(&root, &mut c, &frame, &plot)?;
    report_boxes(canvas, &frame, legend)?;
    root.present().map_err(js_error)?;
    Ok(curves.points())
}
