//! What the loss and accuracy charts share: train, validation and test
//! curves over epochs with a legend, a guide at the hovered epoch, and the
//! best epoch's marker.

use super::backend::Canvas;
use super::{check_layout, js_error, legend, line_width, mesh, text, Area, GUIDE, TEST, TRAIN, VALIDATION};
use crate::train::{History, Record};
use crate::view::chart_frame::ChartFrame;
use crate::view::curves::{epoch_axis, record_near, Curves};
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf32;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use wasm_bindgen::JsValue;

/// The axis titles and the curves' names, from the page.
#[derive(Clone, Copy)]
pub struct Titles<'a> {
    pub x: &'a str,
    pub y: &'a str,
    /// The names of the train, validation and test curves, for the legend.
    pub parts: [&'a str; 3],
}

/// The layout of an epoch chart on `canvas`: a line above the plot for the legend.
pub fn frame(canvas: &web_sys::HtmlCanvasElement) -> ChartFrame {
    super::frame_of(canvas).with_text_line()
}

/// An epoch axis's tick label: ticks fall on whole epochs, and a tick
/// between two epochs gets no label.
pub fn epoch_label(x: &f32) -> String {
    if (x - x.round()).abs() < 1e-3 {
        let style = crate::web::numbers::style();
        crate::view::number::format(f64::from(x.round()), crate::view::number::Digits::Whole, style)
    } else {
        String::new()
    }
}

/// The record under pixel column `x` of a chart laid out as `frame`, when
/// `x` lies over the plot.
pub fn record_under<'h>(history: &'h History, frame: &ChartFrame, x: f64) -> Option<&'h Record> {
    let axis = epoch_axis(history.last().map_or(0, |r| r.epoch));
    frame.value_at(x, axis).and_then(|epoch| record_near(history, epoch))
}

/// One epoch chart, ready to draw on a chart whose y axis spans `y`.
pub struct EpochPlot<'a> {
    pub curves: &'a Curves,
    pub y: (f32, f32),
    /// The hovered epoch, its train and test values.
    pub hover: Option<(usize, f32, f32)>,
    /// The best epoch of early stopping and its label.
    pub best: Option<(usize, &'a str)>,
    pub titles: Titles<'a>,
    pub y_label: &'a dyn Fn(&f32) -> String,
}

/// Draws the axes, the curves with their legend above the plot, the
/// best-epoch marker and the hover guide. Returns the legend's box.
pub fn draw<Y>(
    root: &Area,
    chart: &mut ChartContext<'_, Canvas, Cartesian2d<RangedCoordf32, Y>>,
    frame: &ChartFrame,
    plot: &EpochPlot,
) -> Result<Option<[i32; 4]>, JsValue>
where
    Y: Ranged<ValueType = f32> + ValueFormatter<f32>,
{
    check_layout(chart, frame);
    mesh(chart, frame)
        .x_labels(5)
        .y_labels(5)
        .x_label_formatter(&epoch_label)
        .y_label_formatter(plot.y_label)
        .x_desc(plot.titles.x)
        .y_desc(plot.titles.y)
        .draw()
        .map_err(js_error)?;

    let (lo, hi) = plot.y;
    let width = line_width(frame);
    let end = plot.curves.epochs().1 as f32;
    if let Some((epoch, label)) = plot.best {
        let x = epoch as f32;
        let dash = frame.font / 2;
        chart
            .draw_series(DashedLineSeries::new(
                [(x, lo), (x, hi)],
                dash,
                dash / 2,
                GUIDE.stroke_width(width),
            ))
            .map_err(js_error)?;
        // The label sits right of the line, or left of it near the right edge.
        let pad = (frame.font / 3) as i32;
        let (anchor, dx) = if x > 0.75 * end {
            (HPos::Right, -pad)
        } else {
            (HPos::Left, pad)
        };
        let style = text(frame, 0.9).pos(Pos::new(anchor, VPos::Top));
        chart
            .plotting_area()
            .draw(&(EmptyElement::at((x, hi)) + Text::new(label.to_string(), (dx, pad / 2), style)))
            .map_err(js_error)?;
    }
    let curves = [
        (&plot.curves.train, TRAIN),
        (&plot.curves.validation, VALIDATION),
        (&plot.curves.test, TEST),
    ];
    let mut names = Vec::new();
    for ((curve, colour), name) in curves.into_iter().zip(plot.titles.parts) {
        if curve.is_empty() {
            continue;
        }
        chart
            .draw_series(LineSeries::new(curve.iter().copied(), colour.stroke_width(width)))
            .map_err(js_error)?;
        names.push((name, colour));
    }
    let legend = legend(root, frame, &names)?;
    if let Some((epoch, train, test)) = plot.hover {
        let x = epoch as f32;
        chart
            .draw_series(LineSeries::new([(x, lo), (x, hi)], GUIDE.stroke_width(1)))
            .map_err(js_error)?;
        let r = 2 * width;
        let dots = [(train, TRAIN), (test, TEST)]
            .into_iter()
            .filter(|&(v, _)| v.is_finite() && v >= lo && v <= hi)
            .map(|(v, colour)| Circle::new((x, v), r, colour.filled()));
        chart.draw_series(dots).map_err(js_error)?;
    }
    Ok(legend)
}
