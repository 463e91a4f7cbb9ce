//! The charts, drawn with plotters-canvas: one module per figure, each with
//! one `draw` function. Their layout, curves and histograms come from
//! `view`, where they are tested natively; every word drawn comes from the
//! page, already translated.

pub mod accuracy;
pub mod activation;
pub mod backend;
pub mod epochs;
pub mod gradients;
pub mod loss;
pub mod summary;

use crate::view::chart_frame::{tick_label, ChartFrame, MIN_FONT};
use backend::Canvas;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlCanvasElement};

/// The train curve: dark grey, as in the page's legend.
pub const TRAIN: RGBColor = RGBColor(0x33, 0x33, 0x33);
/// Okabe–Ito vermillion.
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe–Ito bluish green.
pub const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// The test curve: vermillion, as in the page's legend.
pub const TEST: RGBColor = VERMILLION;
/// The validation curve: Okabe–Ito bluish green.
pub const VALIDATION: RGBColor = GREEN;
/// Okabe–Ito blue: the activation f.
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito orange: the activation's slope f′.
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Okabe–Ito sky blue: the histogram of pre-activations.
pub const SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Tick labels, axis titles and notes.
pub const INK: RGBColor = RGBColor(0x44, 0x44, 0x44);
/// The hover guide and the best-epoch marker.
pub const GUIDE: RGBColor = RGBColor(0x77, 0x77, 0x77);

/// A tick label in the page's language ([`tick_label`], through
/// `view::number`, the page's one number formatter).
pub fn tick(v: f64) -> String {
    tick_label(v, crate::web::numbers::style())
}

/// The whole canvas as a plotters drawing area.
pub type Area = DrawingArea<Canvas, Shift>;

/// Turns a plotters error into the boundary's error type, in this one place.
pub fn js_error(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&format!("chart: {e}"))
}

/// The layout of a chart on `canvas`, for its size in device pixels, the
/// ratio of device to CSS pixels it is shown at, and the smallest text the
/// page asks for: the canvas's CSS `font-size` (the style sheet's one
/// place for chart text, larger in presenter mode).
pub fn frame_of(canvas: &HtmlCanvasElement) -> ChartFrame {
    let smallest = css_font_size(canvas).unwrap_or(MIN_FONT);
    ChartFrame::with_smallest_text(canvas.width(), canvas.height(), pixel_ratio(canvas), smallest)
}

/// Device pixels per CSS pixel of `canvas` as shown (1 when it is not shown).
pub(crate) fn pixel_ratio(canvas: &HtmlCanvasElement) -> f64 {
    let shown = canvas.unchecked_ref::<Element>().client_width();
    if shown > 0 {
        canvas.width() as f64 / shown as f64
    } else {
        1.0
    }
}

/// The element's computed CSS font size in CSS pixels, when it has one.
fn css_font_size(element: &HtmlCanvasElement) -> Option<f64> {
    let window = web_sys::window()?;
    let computed = window.get_computed_style(element).ok()??;
    let size = computed.get_property_value("font-size").ok()?;
    size.strip_suffix("px")?.parse().ok()
}

/// The smallest text the page asks for on `canvas` (its CSS `font-size`),
/// in the canvas's own pixels.
pub fn smallest_text(canvas: &HtmlCanvasElement) -> f64 {
    css_font_size(canvas).unwrap_or(MIN_FONT) * pixel_ratio(canvas)
}

/// The text height the chart on `canvas` is drawn with, in CSS pixels.
pub fn text_css_pixels(canvas: &HtmlCanvasElement) -> f64 {
    f64::from(frame_of(canvas).font) / pixel_ratio(canvas)
}

/// Clears `canvas` to white; returns its drawing area and the chart layout for it.
pub fn blank(canvas: &HtmlCanvasElement) -> Result<(Area, ChartFrame), JsValue> {
    let backend = Canvas::new(canvas).ok_or_else(|| js_error("no 2d context"))?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(js_error)?;
    Ok((root, frame_of(canvas)))
}

/// A chart builder whose plotting area is `frame`'s.
pub fn builder<'a, 'b>(root: &'a Area, frame: &ChartFrame) -> ChartBuilder<'a, 'b, Canvas> {
    let mut b = ChartBuilder::on(root);
    b.margin_top(frame.margin + frame.top_band)
        .margin_bottom(frame.margin)
        .margin_left(frame.margin)
        .margin_right(frame.margin)
        .x_label_area_size(frame.x_label_area)
        .y_label_area_size(frame.y_label_area);
    b
}

/// Checks (in debug builds) that plotters placed the plot where `frame`
/// says, since hovering maps the pointer through `frame`.
pub fn check_layout<X: Ranged, Y: Ranged>(chart: &ChartContext<'_, Canvas, Cartesian2d<X, Y>>, frame: &ChartFrame) {
    let (x, y) = chart.plotting_area().get_pixel_range();
    debug_assert_eq!((x.start, x.end), frame.columns(), "plot columns");
    debug_assert_eq!((y.start, y.end), frame.rows(), "plot rows");
}

/// The mesh every chart shares: light horizontal grid lines, grey axes,
/// labels and titles in the frame's text size; the caller adds its labels.
pub fn mesh<'a, 'b, X, Y>(
    chart: &'b mut ChartContext<'a, Canvas, Cartesian2d<X, Y>>,
    frame: &ChartFrame,
) -> plotters::chart::MeshStyle<'a, 'b, X, Y, Canvas>
where
    X: Ranged + ValueFormatter<X::ValueType>,
    Y: Ranged + ValueFormatter<Y::ValueType>,
{
    let mut m = chart.configure_mesh();
    m.disable_x_mesh()
        .bold_line_style(RGBColor(0xE6, 0xE6, 0xE6))
        .light_line_style(TRANSPARENT)
        .axis_style(GUIDE)
        .label_style(text(frame, 1.0))
        .axis_desc_style(text(frame, 1.0));
    m
}

/// Text `scale` times the frame's text height.
pub fn text(frame: &ChartFrame, scale: f64) -> TextStyle<'static> {
    ("sans-serif", f64::from(frame.font) * scale).into_font().color(&INK)
}

/// Width of the curves.
pub fn line_width(frame: &ChartFrame) -> u32 {
    (frame.font / 5).max(2)
}

/// The smallest share of the text size a legend shrinks to, to fit its line.
const SMALLEST_LEGEND: f64 = 0.7;

/// A legend on the line above the plot (the frame's text band): a short
/// line in each colour followed by its name, left to right from the plot's
/// left edge, shrunk to fit the canvas. Beside the plot, never over it.
/// Returns the box it takes, in canvas pixels (see [`report_boxes`]).
pub fn legend(root: &Area, frame: &ChartFrame, entries: &[(&str, RGBColor)]) -> Result<Option<[i32; 4]>, JsValue> {
    if entries.is_empty() || frame.top_band == 0 {
        return Ok(None);
    }
    let (left, right) = frame.columns();
    let mut scale = 1.0;
    let layout = |scale: f64| -> Result<(i32, i32, Vec<i32>), JsValue> {
        let font = f64::from(frame.font) * scale;
        let (swatch, gap) = ((1.2 * font) as i32, (0.35 * font) as i32);
        let mut widths = Vec::new();
        for (name, _) in entries {
            let (w, _) = root.estimate_text_size(name, &text(frame, scale)).map_err(js_error)?;
            widths.push(w as i32);
        }
        Ok((swatch, gap, widths))
    };
    let total = |(swatch, gap, widths): &(i32, i32, Vec<i32>)| {
        widths.iter().map(|w| swatch + gap + w + 3 * gap).sum::<i32>() - 3 * gap
    };
    let mut sizes = layout(scale)?;
    while scale > SMALLEST_LEGEND && total(&sizes) > right - left {
        scale -= 0.05;
        sizes = layout(scale)?;
    }
    let (swatch, gap, widths) = sizes;
    let y = (frame.margin + frame.top_band / 2) as i32;
    let width = line_width(frame);
    let mut x = left;
    for ((name, colour), w) in entries.iter().zip(widths) {
        root.draw(&PathElement::new([(x, y), (x + swatch, y)], colour.stroke_width(width)))
            .map_err(js_error)?;
        let style = text(frame, scale).pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(name.to_string(), (x + swatch + gap, y), style))
            .map_err(js_error)?;
        x += swatch + gap + w + 3 * gap;
    }
    let half = (frame.top_band / 2) as i32;
    Ok(Some([left, y - half, right, y + half]))
}

/// Records on `canvas` where the last drawing put its plot and its legend
/// (`data-plot`, `data-legend`: "left top right bottom" in canvas pixels,
/// right and bottom exclusive), so that a test can check in pixels that no
/// curve passes under a legend.
pub fn report_boxes(canvas: &HtmlCanvasElement, frame: &ChartFrame, legend: Option<[i32; 4]>) -> Result<(), JsValue> {
    let ((l, r), (t, b)) = (frame.columns(), frame.rows());
    canvas.set_attribute("data-plot", &format!("{l} {t} {r} {b}"))?;
    match legend {
        Some([l, t, r, b]) => canvas.set_attribute("data-legend", &format!("{l} {t} {r} {b}")),
        None => canvas.remove_attribute("data-legend"),
    }
}

/// Writes `message` in the middle of the canvas: a chart with nothing to plot says why.
pub fn note(root: &Area, frame: &ChartFrame, message: &str) -> Result<(), JsValue> {
    let style = text(frame, 1.0).pos(Pos::new(HPos::Center, VPos::Center));
    let centre = (frame.width as i32 / 2, frame.height as i32 / 2);
    root.draw(&Text::new(message.to_string(), centre, style))
        .map_err(js_error)?;
    root.present().map_err(js_error)
}
