//! The loss chart: train and test loss over epochs on a linear or a
//! logarithmic axis, the best epoch of early stopping marked, and a guide
//! at the hovered epoch.

use super::epochs::{self, EpochPlot, Titles};
use super::{blank, builder, js_error, report_boxes};
use crate::train::History;
use crate::view::curves::{log_ticks, Curves, Measure, MAX_POINTS};
use plotters::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::HtmlCanvasElement;

/// What the loss chart shows.
pub struct LossChart<'a> {
    pub history: &'a History,
    /// The epoch early stopping would restore (None when it is off).
    pub best_epoch: Option<usize>,
    /// A logarithmic loss axis.
    pub log: bool,
    /// The pointer's pixel column, while it is over the canvas.
    pub hover_x: Option<f64>,
    pub titles: Titles<'a>,
    /// The word marking the best epoch.
    pub best_label: &'a str,
}

/// Draws the chart on `canvas`. Returns the number of points drawn, which
/// is at most 2 × [`MAX_POINTS`] at any history length.
pub fn draw(canvas: &HtmlCanvasElement, chart: &LossChart) -> Result<usize, JsValue> {
    let (root, _) = blank(canvas)?;
    let frame = epochs::frame(canvas);
    if !frame.has_room() {
        return Ok(0);
    }
    let curves = Curves::new(chart.history, Measure::Loss, MAX_POINTS);
    let (lo, hi) = curves.loss_range(chart.log);
    let hover = chart
        .hover_x
        .and_then(|x| epochs::record_under(chart.history, &frame, x))
        .map(|r| (r.epoch, r.train.loss, r.test.loss));
    let y_label = |v: &f32| super::tick(*v as f64);
    let plot = EpochPlot {
        curves: &curves,
        y: (lo, hi),
        hover,
        best: chart.best_epoch.map(|e| (e, chart.best_label)),
        titles: chart.titles,
        y_label: &y_label,
    };
    let x = 0f32..curves.epochs().1 as f32;
    let legend = if chart.log {
        let mut c = builder(&root, &frame)
            .build_cartesian_2d(x, (lo..hi).log_scale().with_key_points(log_ticks((lo, hi))))
            .map_err(js_error)?;
        epochs::draw(&root, &mut c, &frame, &plot)?
    } else {
        let mut c = builder(&root, &frame).build_cartesian_2d(x, lo..hi).map_err(js_error)?;
        epochs::draw(&root, &mut c, &frame, &plot)?
    };
    report_boxes(canvas, &frame, legend)?;
    root.present().map_err(js_error)?;
    Ok(curves.points())
}
