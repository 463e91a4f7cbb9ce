//! The labs' figures, drawn with plotters like the playground's charts: an
//! x–y plot with axes, optionally over a heatmap with contour lines, with
//! lines, dots, arrows and segments on top, and a legend in rows above the
//! plot, never over it. Every word comes from the page, already translated.

use crate::view::chart_frame::ChartFrame;
use crate::view::field::Field;
use crate::view::geometry::clip;
use crate::web::canvas::{context, scratch_canvas};
use crate::web::charts::{blank, builder, frame_of, js_error, line_width, report_boxes, text, tick, Area, GUIDE};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use wasm_bindgen::{Clamped, JsValue};
use web_sys::HtmlCanvasElement;

/// A polyline.
pub struct Line {
    /// Its points, in plot coordinates.
    pub points: Vec<(f64, f64)>,
    /// Its colour.
    pub color: RGBColor,
    /// Width in multiples of the chart's line width.
    pub width: f64,
    /// Dashed rather than solid.
    pub dashed: bool,
}

/// A filled circle, ringed in white.
pub struct Dot {
    /// Where, in plot coordinates.
    pub at: (f64, f64),
    /// Its colour.
    pub color: RGBColor,
    /// Radius in multiples of the chart's line width.
    pub size: f64,
}

/// A straight stroke from one point to another, in a colour.
pub type Stroke = ((f64, f64), (f64, f64), RGBColor);

/// Everything one figure shows.
pub struct Plot<'a> {
    /// The x axis's range.
    pub x: (f64, f64),
    /// The y axis's range.
    pub y: (f64, f64),
    /// The axes' titles.
    pub titles: (&'a str, &'a str),
    /// A heatmap under everything, filling the plotting area.
    pub heatmap: Option<&'a Field>,
    /// Contour segments, drawn thin and pale over the heatmap.
    pub contours: &'a [[[f64; 2]; 2]],
    /// Polylines.
    pub lines: Vec<Line>,
    /// Segments (residuals): from, to and colour.
    pub segments: Vec<Stroke>,
    /// Arrows: from, to and colour.
    pub arrows: Vec<Stroke>,
    /// Filled areas under everything but the heatmap: a polygon and its colour.
    pub areas: Vec<(Vec<(f64, f64)>, RGBAColor)>,
    /// Dots, drawn last.
    pub dots: Vec<Dot>,
    /// Words written at points (beside an arrow's tip), in a colour.
    pub labels: Vec<((f64, f64), String, RGBColor)>,
    /// Names of the colours, shown in rows above the plot.
    pub legend: Vec<(String, RGBColor)>,
}

impl Plot<'_> {
    /// An empty plot over the given ranges.
    pub fn new<'a>(x: (f64, f64), y: (f64, f64), titles: (&'a str, &'a str)) -> Plot<'a> {
        Plot {
            x,
            y,
            titles,
            heatmap: None,
            contours: &[],
            lines: Vec::new(),
            segments: Vec::new(),
            arrows: Vec::new(),
            areas: Vec::new(),
            dots: Vec::new(),
            labels: Vec::new(),
            legend: Vec::new(),
        }
    }

    /// A path taken step by step: the polyline through `points`, `width`
    /// wide, with a dot of size `dot` at every step.
    pub fn path(&mut self, points: Vec<(f64, f64)>, color: RGBColor, width: f64, dot: f64, dashed: bool) {
        self.dots.extend(points.iter().map(|&at| Dot { at, color, size: dot }));
        self.lines.push(Line {
            points,
            color,
            width,
            dashed,
        });
    }
}

/// The plot value under pixel (px, py) of a figure on `canvas` whose axes
/// span `x` and `y`, or None outside the plotting area.
pub fn value_at(canvas: &HtmlCanvasElement, x: (f64, f64), y: (f64, f64), px: f64, py: f64) -> Option<[f64; 2]> {
    let frame = frame(canvas);
    Some([frame.value_at(px, x)?, frame.y_value_at(py, y)?])
}

/// The canvas attribute that keeps how many rows of legend the last drawing
/// put above the plot, so that a pointer maps through the frame drawn.
const LEGEND_ROWS: &str = "data-legend-rows";

/// The layout of the figure last drawn on `canvas`: the chart frame with
/// the band its legend took above the plot. Hit tests map through this.
pub fn frame(canvas: &HtmlCanvasElement) -> ChartFrame {
    let rows = canvas
        .get_attribute(LEGEND_ROWS)
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    with_legend_rows(frame_of(canvas), rows)
}

/// `frame` with a band of `rows` lines of legend above the plot.
fn with_legend_rows(frame: ChartFrame, rows: u32) -> ChartFrame {
    ChartFrame {
        top_band: rows * legend_line(&frame) as u32,
        ..frame
    }
}

/// The height of one line of legend.
fn legend_line(frame: &ChartFrame) -> i32 {
    (frame.font as f64 * 1.3) as i32
}

/// Draws `plot` on `canvas`; `scratch` keeps the heatmap's canvas between calls.
pub fn draw(canvas: &HtmlCanvasElement, plot: &Plot, scratch: &mut Option<HtmlCanvasElement>) -> Result<(), JsValue> {
    let (root, frame) = blank(canvas)?;
    let rows = legend_rows(&root, &frame, &plot.legend)?;
    canvas.set_attribute(LEGEND_ROWS, &rows.len().to_string())?;
    let frame = with_legend_rows(frame, rows.len() as u32);
    if !frame.has_room() {
        return Ok(());
    }
    let mut chart = builder(&root, &frame)
        .build_cartesian_2d(plot.x.0..plot.x.1, plot.y.0..plot.y.1)
        .map_err(js_error)?;
    let label = |v: &f64| tick(*v);
    // As many ticks as fit without their labels touching, six at most.
    let ((left, right), (top, bottom)) = (frame.columns(), frame.rows());
    let fit = |room: i32, each: f64| ((room as f64 / (each * frame.font as f64)) as usize).clamp(2, 6);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(fit(right - left, 3.5))
        .y_labels(fit(bottom - top, 1.8))
        .axis_style(GUIDE)
        .label_style(text(&frame, 1.0))
        .axis_desc_style(text(&frame, 1.0))
        .x_label_formatter(&label)
        .y_label_formatter(&label)
        .x_desc(plot.titles.0)
        .y_desc(plot.titles.1);
    if plot.heatmap.is_some() {
        mesh.disable_mesh();
    } else {
        mesh.disable_x_mesh()
            .bold_line_style(RGBColor(0xE6, 0xE6, 0xE6))
            .light_line_style(TRANSPARENT);
    }
    mesh.draw().map_err(js_error)?;
    root.present().map_err(js_error)?;

    if let Some(field) = plot.heatmap {
        blit_heatmap(canvas, &frame, field, scratch)?;
    }
    for (polygon, color) in &plot.areas {
        chart
            .draw_series([Polygon::new(polygon.clone(), color.filled())])
            .map_err(js_error)?;
    }
    let width = line_width(&frame) as f64;
    let pale = RGBColor(0xff, 0xff, 0xff).mix(0.45);
    chart
        .draw_series(
            plot.contours
                .iter()
                .map(|s| PathElement::new(vec![(s[0][0], s[0][1]), (s[1][0], s[1][1])], pale.stroke_width(1))),
        )
        .map_err(js_error)?;
    for &(a, b, color) in &plot.segments {
        chart
            .draw_series(LineSeries::new([a, b], color.stroke_width(width.max(1.0) as u32)))
            .map_err(js_error)?;
    }
    for line in &plot.lines {
        let style = line.color.stroke_width((width * line.width).round().max(1.0) as u32);
        // Only what lies inside the axes: a steep line is cut at the border, not bent along it.
        for run in clip(&line.points, plot.x, plot.y) {
            if line.dashed {
                let dash = frame.font / 2;
                chart
                    .draw_series(DashedLineSeries::new(run, dash, dash / 2, style))
                    .map_err(js_error)?;
            } else {
                chart.draw_series(LineSeries::new(run, style)).map_err(js_error)?;
            }
        }
    }
    // Pixels per unit on each axis, to draw arrow heads of a fixed size in pixels.
    let sx = (right - left) as f64 / (plot.x.1 - plot.x.0);
    let sy = (bottom - top) as f64 / (plot.y.1 - plot.y.0);
    for &(a, b, color) in &plot.arrows {
        let style = color.stroke_width((width * 1.5).round() as u32);
        chart.draw_series(LineSeries::new([a, b], style)).map_err(js_error)?;
        let (dx, dy) = ((b.0 - a.0) * sx, (b.1 - a.1) * sy);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1e-9 {
            continue;
        }
        let (ux, uy) = (dx / len, dy / len);
        let head = frame.font as f64 * 0.7;
        for side in [-0.5, 0.5] {
            let back = (
                b.0 + (-head * ux - side * head * uy) / sx,
                b.1 + (-head * uy + side * head * ux) / sy,
            );
            chart.draw_series(LineSeries::new([b, back], style)).map_err(js_error)?;
        }
    }
    for dot in &plot.dots {
        let r = (width * dot.size).round().max(2.0) as i32;
        chart
            .draw_series([
                Circle::new(dot.at, r + 1, WHITE.filled()),
                Circle::new(dot.at, r, dot.color.filled()),
            ])
            .map_err(js_error)?;
    }
    for (at, word, color) in &plot.labels {
        // Up and to the right of its point, or flipped to the other side
        // where that would cross the plot's edge.
        let style = text(&frame, 1.0).color(color);
        let (w, h) = root.estimate_text_size(word, &style).map_err(js_error)?;
        let (px, py) = (frame.column_of(at.0, plot.x) as i32, frame.row_of(at.1, plot.y) as i32);
        let nudge = frame.font as i32 / 3;
        let (hpos, x) = if px + nudge + w as i32 > right {
            (HPos::Right, px - nudge)
        } else {
            (HPos::Left, px + nudge)
        };
        let (vpos, y) = if py - nudge - (h as i32) < top {
            (VPos::Top, py + nudge)
        } else {
            (VPos::Bottom, py - nudge)
        };
        root.draw(&Text::new(word.clone(), (x, y), style.pos(Pos::new(hpos, vpos))))
            .map_err(js_error)?;
    }
    let legend = draw_legend(&root, &frame, plot, &rows)?;
    report_boxes(canvas, &frame, legend)?;
    root.present().map_err(js_error)
}

/// The heatmap's cells stretched over the plotting area, smoothed.
fn blit_heatmap(
    canvas: &HtmlCanvasElement,
    frame: &ChartFrame,
    field: &Field,
    scratch: &mut Option<HtmlCanvasElement>,
) -> Result<(), JsValue> {
    let n = field.size as u32;
    if scratch.as_ref().is_none_or(|s| s.width() != n) {
        *scratch = Some(scratch_canvas(n, n)?);
    }
    let scratch = scratch.as_ref().expect("made above");
    let mut rgba = Vec::new();
    field.rgba(&mut rgba);
    let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), n, n)?;
    context(scratch)?.put_image_data(&image, 0.0, 0.0)?;
    let ctx = context(canvas)?;
    ctx.set_image_smoothing_enabled(true);
    let ((left, right), (top, bottom)) = (frame.columns(), frame.rows());
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
        scratch,
        left as f64,
        top as f64,
        (right - left) as f64,
        (bottom - top) as f64,
    )
}

/// The legend's entries split into rows that fit the plot's width, each a
/// list of (entry index, x offset from the plot's left edge); none for no legend.
fn legend_rows(
    root: &Area,
    frame: &ChartFrame,
    legend: &[(String, RGBColor)],
) -> Result<Vec<Vec<(usize, i32)>>, JsValue> {
    let (left, right) = frame.columns();
    let (line, pad) = (legend_line(frame), frame.font as i32 / 3);
    let style = legend_style(frame);
    let mut rows: Vec<Vec<(usize, i32)>> = Vec::new();
    let mut x = 0;
    for (i, (name, _)) in legend.iter().enumerate() {
        let width = line + pad + root.estimate_text_size(name, &style).map_err(js_error)?.0 as i32;
        if rows.is_empty() || (x > 0 && x + width > right - left) {
            rows.push(Vec::new());
            x = 0;
        }
        rows.last_mut().expect("pushed above").push((i, x));
        x += width + 2 * line;
    }
    Ok(rows)
}

/// The legend's text: the chart's text size, dark.
fn legend_style(frame: &ChartFrame) -> TextStyle<'static> {
    text(frame, 1.0).color(&RGBColor(0x22, 0x22, 0x22))
}

/// Each name in dark text after a swatch of its colour, in `rows` above the
/// plot (the frame's top band): beside the data, never over it. Returns the
/// box the legend takes, in canvas pixels.
fn draw_legend(
    root: &Area,
    frame: &ChartFrame,
    plot: &Plot,
    rows: &[Vec<(usize, i32)>],
) -> Result<Option<[i32; 4]>, JsValue> {
    if rows.is_empty() {
        return Ok(None);
    }
    let (left, right) = frame.columns();
    let (line, pad) = (legend_line(frame), frame.font as i32 / 3);
    let style = legend_style(frame);
    let top = frame.margin as i32;
    for (r, row) in rows.iter().enumerate() {
        let y = top + line / 2 + r as i32 * line;
        for &(i, x) in row {
            let (name, color) = &plot.legend[i];
            let x = left + x;
            let swatch = [(x, y - 3), (x + line - 4, y + 3)];
            root.draw(&Rectangle::new(swatch, color.filled())).map_err(js_error)?;
            // Ringed, so that a white swatch (the minimum's dot) shows too.
            root.draw(&Rectangle::new(swatch, RGBColor(0x88, 0x88, 0x88).stroke_width(1)))
                .map_err(js_error)?;
            root.draw(&Text::new(
                name.clone(),
                (x + line + pad - 4, y),
                style.pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(js_error)?;
        }
    }
    Ok(Some([left, top, right, top + rows.len() as i32 * line]))
}
