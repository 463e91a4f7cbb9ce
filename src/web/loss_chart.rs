//! The live chart of train and test loss, drawn with plotters-canvas.

use crate::train::History;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsValue;
use web_sys::HtmlCanvasElement;

/// Most points drawn per curve: the chart costs the same at any history length.
const MAX_POINTS: usize = 300;

/// Line colours: train in dark grey, test in the palette's vermillion.
const TRAIN: RGBColor = RGBColor(0x33, 0x33, 0x33);
const TEST: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// Draws the loss history onto `canvas`.
pub fn draw(canvas: &HtmlCanvasElement, history: &History) -> Result<(), JsValue> {
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(|| JsValue::from_str("no canvas"))?;
    let root = backend.into_drawing_area();
    let err = |e: DrawingAreaErrorKind<_>| JsValue::from_str(&e.to_string());
    root.fill(&WHITE).map_err(err)?;

    let points: Vec<_> = history.downsampled(MAX_POINTS).collect();
    let last_epoch = points.last().map_or(1, |r| r.epoch).max(1);
    let top = points
        .iter()
        .flat_map(|r| [r.train.loss, r.test.loss])
        .filter(|v| v.is_finite())
        .fold(0.0_f32, f32::max)
        .max(1e-3)
        * 1.05;

    let font = (canvas.height() / 14).max(11);
    let mut chart = ChartBuilder::on(&root)
        .margin(8)
        .x_label_area_size(font * 2)
        .y_label_area_size(font * 3)
        .build_cartesian_2d(0f32..last_epoch as f32, 0f32..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(5)
        .y_labels(4)
        .light_line_style(WHITE.mix(0.0))
        .label_style(("sans-serif", font).into_font().color(&RGBColor(0x44, 0x44, 0x44)))
        .x_label_formatter(&|x| format!("{}", x.round() as i64))
        .x_desc("epoch")
        .draw()
        .map_err(err)?;
    let width = (canvas.width() / 250).max(2);
    for (color, pick) in [(TRAIN, 0), (TEST, 1)] {
        let series = points.iter().filter_map(|r| {
            let v = if pick == 0 { r.train.loss } else { r.test.loss };
            v.is_finite().then_some((r.epoch as f32, v))
        });
        chart
            .draw_series(LineSeries::new(series, color.stroke_width(width)))
            .map_err(err)?;
    }
    root.present().map_err(err)
}
