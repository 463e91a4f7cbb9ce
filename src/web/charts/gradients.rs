//! The gradient chart: each layer's gradient size, the mean |∂L/∂w| over
//! its weights, over epochs on a logarithmic axis. Where the early layers'
//! lines lie decades below the late ones, the gradient vanishes on its way
//! back to the input.

use super::epochs::{epoch_label, record_under};
use super::{blank, builder, check_layout, js_error, legend, line_width, mesh, report_boxes, GUIDE};
use crate::train::History;
use crate::view::curves::{decades, gradient_curves, log_ticks, MAX_POINTS};
use plotters::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::HtmlCanvasElement;

/// What the gradient chart shows.
pub struct GradientChart<'a> {
    pub history: &'a History,
    /// The pointer's pixel column, while it is over the canvas.
    pub hover_x: Option<f64>,
    /// The axis titles.
    pub x: &'a str,
    pub y: &'a str,
    /// Each layer's name for the legend, input side first.
    pub names: &'a [String],
}

/// The colour of layer `i` of `n`: from light blue at the input to dark
/// blue at the output, so the order of the lines reads as the order of the layers.
pub fn layer_colour(i: usize, n: usize) -> RGBColor {
    let t = if n > 1 { i as f64 / (n - 1) as f64 } else { 1.0 };
    let mix = |a: u8, b: u8| (a as f64 + t * (b as f64 - a as f64)).round() as u8;
    // Okabe–Ito sky blue to a deep blue.
    RGBColor(mix(0x56, 0x08), mix(0xB4, 0x30), mix(0xE9, 0x6B))
}

/// Draws the chart on `canvas`. Returns the number of points drawn, at
/// most [`MAX_POINTS`] per layer at any history length.
pub fn draw(canvas: &HtmlCanvasElement, chart: &GradientChart) -> Result<usize, JsValue> {
    let (root, _) = blank(canvas)?;
    let frame = super::epochs::frame(canvas);
    if !frame.has_room() {
        return Ok(0);
    }
    let curves = gradient_curves(chart.history, MAX_POINTS);
    let (lo, hi) = decades(curves.iter().flatten().map(|p| p.1));
    let last = chart.history.last().map_or(0, |r| r.epoch);
    let (x0, x1) = crate::view::curves::epoch_axis(last);
    let mut c = builder(&root, &frame)
        .build_cartesian_2d(
            x0 as f32..x1 as f32,
            (lo..hi).log_scale().with_key_points(log_ticks((lo, hi))),
        )
        .map_err(js_error)?;
    check_layout(&c, &frame);
    let y_label = |v: &f32| super::tick(*v as f64);
    mesh(&mut c, &frame)
        .x_labels(5)
        .x_label_formatter(&epoch_label)
        .y_label_formatter(&y_label)
        .x_desc(chart.x)
        .y_desc(chart.y)
        .draw()
        .map_err(js_error)?;
    let width = line_width(&frame);
    let n = curves.len();
    let mut names = Vec::new();
    for (i, curve) in curves.iter().enumerate() {
        let colour = layer_colour(i, n);
        c.draw_series(LineSeries::new(curve.iter().copied(), colour.stroke_width(width)))
            .map_err(js_error)?;
        if let Some(name) = chart.names.get(i) {
            names.push((name.as_str(), colour));
        }
    }
    if let Some(r) = chart.hover_x.and_then(|x| record_under(chart.history, &frame, x)) {
        let x = r.epoch as f32;
        c.draw_series(LineSeries::new([(x, lo), (x, hi)], GUIDE.stroke_width(1)))
            .map_err(js_error)?;
        let dots = r
            .gradients
            .as_slice()
            .iter()
            .enumerate()
            .filter(|&(_, &v)| v >= lo && v <= hi)
            .map(|(i, &v)| Circle::new((x, v), 2 * width, layer_colour(i, n).filled()));
        c.draw_series(dots).map_err(js_error)?;
    }
    // Many layers: the first, the last hidden one and the output name the
    // ends of the colour ramp, the lines between take the colours between.
    if names.len() > 3 {
        names = vec![names[0], names[names.len() - 2], names[names.len() - 1]];
    }
    let legend = legend(&root, &frame, &names)?;
    report_boxes(canvas, &frame, legend)?;
    root.present().map_err(js_error)?;
    Ok(curves.iter().map(Vec::len).sum())
}
