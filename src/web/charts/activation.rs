//! The activation chart: a hidden layer's function f and its slope f′,
//! drawn over the histogram of the pre-activations z the layer sees on the
//! training set. Bars where f′ is below a tenth of its peak are grey: points
//! there pass little gradient back, so dead ReLUs and saturated sigmoids stand out.

use super::{blank, builder, check_layout, frame_of, js_error, line_width, mesh, note, text, BLUE, GUIDE, ORANGE, SKY};
use crate::view::chart_frame::ChartFrame;
use crate::view::preactivations::{is_small, samples, value_range, LayerSummary};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use wasm_bindgen::JsValue;
use web_sys::HtmlCanvasElement;

/// Samples of each curve.
const SAMPLES: usize = 240;
/// The tallest bar reaches this share of the plot's height.
const BAR_HEIGHT: f32 = 0.9;
/// Bars where f′ is below a tenth of its peak.
const FLAT_BAR: RGBColor = RGBColor(0xA0, 0xA0, 0xA0);
/// The note above the plot shrinks to fit, down to this share of the text size.
const SMALLEST_NOTE: f64 = 0.7;

/// The words of the activation chart, from the page.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    /// The x-axis title.
    pub x: &'a str,
    /// The line above the plot (for example the share where f′ ≈ 0); shown
    /// alone in the middle when there is no layer to plot.
    pub note: &'a str,
}

/// The layout of the activation chart on `canvas`: one line of text above the plot.
pub fn frame(canvas: &HtmlCanvasElement) -> ChartFrame {
    frame_of(canvas).with_text_line()
}

/// The pre-activation z under pixel column `x`, when it lies over the plot.
pub fn z_under(summary: &LayerSummary, frame: &ChartFrame, x: f64) -> Option<f32> {
    let h = &summary.histogram;
    frame.value_at(x, (h.lo as f64, h.hi as f64)).map(|z| z as f32)
}

/// Draws `summary` on `canvas`, or only `words.note` when there is no layer (`None`).
pub fn draw(
    canvas: &HtmlCanvasElement,
    summary: Option<&LayerSummary>,
    hover_x: Option<f64>,
    words: Words,
) -> Result<(), JsValue> {
    let (root, _) = blank(canvas)?;
    let frame = frame(canvas);
    let Some(summary) = summary else {
        return note(&root, &frame, words.note);
    };
    if !frame.has_room() {
        return Ok(());
    }
    let act = summary.activation;
    let h = &summary.histogram;
    let (zlo, zhi) = (h.lo, h.hi);
    let (ylo, yhi) = value_range(act, (zlo, zhi));
    let mut chart = builder(&root, &frame)
        .build_cartesian_2d(zlo..zhi, ylo..yhi)
        .map_err(js_error)?;
    check_layout(&chart, &frame);
    let label = |v: &f32| super::tick(*v as f64);
    mesh(&mut chart, &frame)
        .x_labels(7)
        .y_labels(5)
        .x_label_formatter(&label)
        .y_label_formatter(&label)
        .x_desc(words.x)
        .draw()
        .map_err(js_error)?;

    // The histogram, scaled so the tallest bar nearly fills the plot; grey where f′ is small.
    let top = h.max_count().max(1) as f32;
    let bars = (0..h.bins()).filter(|&i| h.counts[i] > 0).map(|i| {
        let (x0, x1) = h.edges(i);
        let y1 = ylo + BAR_HEIGHT * (yhi - ylo) * h.counts[i] as f32 / top;
        let colour = if is_small(act, 0.5 * (x0 + x1)) {
            FLAT_BAR.mix(0.5)
        } else {
            SKY.mix(0.55)
        };
        Rectangle::new([(x0, ylo), (x1, y1)], colour.filled())
    });
    chart.draw_series(bars).map_err(js_error)?;

    // f solid, f′ dashed, each named at its right end.
    let width = line_width(&frame);
    chart
        .draw_series(LineSeries::new(
            samples(act, (zlo, zhi), SAMPLES).map(|(z, a, _)| (z, a)),
            BLUE.stroke_width(width),
        ))
        .map_err(js_error)?;
    let dash = frame.font / 2;
    chart
        .draw_series(DashedLineSeries::new(
            samples(act, (zlo, zhi), SAMPLES).map(|(z, _, d)| (z, d)),
            dash,
            dash / 2,
            ORANGE.stroke_width(width),
        ))
        .map_err(js_error)?;
    let (end_f, end_d) = {
        let a = act.apply(zhi);
        (a, act.derivative(zhi, a))
    };
    // The upper curve's name goes above its line, the lower one's below.
    let f_above = end_f >= end_d;
    let pad = (frame.font / 4) as i32;
    for (name, y, colour, above) in [("f", end_f, BLUE, f_above), ("f′", end_d, ORANGE, !f_above)] {
        let (v, dy) = if above { (VPos::Bottom, -pad) } else { (VPos::Top, pad) };
        let style = text(&frame, 1.0).color(&colour).pos(Pos::new(HPos::Right, v));
        chart
            .plotting_area()
            .draw(&(EmptyElement::at((zhi, y)) + Text::new(name, (-pad, dy), style)))
            .map_err(js_error)?;
    }

    if let Some(z) = hover_x.and_then(|x| z_under(summary, &frame, x)) {
        let (a, d, _) = summary.at(z);
        chart
            .draw_series(LineSeries::new([(z, ylo), (z, yhi)], GUIDE.stroke_width(1)))
            .map_err(js_error)?;
        let r = 2 * width;
        chart
            .draw_series([(a, BLUE), (d, ORANGE)].map(|(v, c)| Circle::new((z, v), r, c.filled())))
            .map_err(js_error)?;
    }

    // The note on its own line above the plot, shrunk to fit the canvas.
    let (left, right) = (frame.margin as i32, (frame.width - frame.margin) as i32);
    let mut scale = 1.0;
    let mut style = text(&frame, scale);
    while scale > SMALLEST_NOTE {
        let (w, _) = root.estimate_text_size(words.note, &style).map_err(js_error)?;
        if w as i32 <= right - left {
            break;
        }
        scale -= 0.05;
        style = text(&frame, scale);
    }
    let at = (left, (frame.margin + frame.top_band / 2) as i32);
    let style = style.pos(Pos::new(HPos::Left, VPos::Center));
    root.draw(&Text::new(words.note, at, style)).map_err(js_error)?;
    root.present().map_err(js_error)
}
