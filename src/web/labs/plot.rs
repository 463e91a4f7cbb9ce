//! The labs' figures, drawn with plotters like the playground's charts: an
//! x–y plot with axes, optionally over a heatmap with contour lines, with
//! lines, dots, arrows and segments on top, and a legend. Every word comes
//! from the page, already translated.

use crate::view::chart_frame::ChartFrame;
use crate::view::field::Field;
use crate::view::geometry::clip;
use crate::web::canvas::{context, scratch_canvas};
use crate::web::charts::{blank, builder, frame_of, js_error, line_width, text, tick, GUIDE};
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
    /// Names of the colours, shown in a top corner.
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
    let frame = frame_of(canvas);
    Some([frame.value_at(px, x)?, frame.y_value_at(py, y)?])
}

/// Draws `plot` on `canvas`; `scratch` keeps the heatmap's canvas between calls.
pub fn draw(canvas: &HtmlCanvasElement, plot: &Plot, scratch: &mut Option<HtmlCanvasElement>) -> Result<(), JsValue> {
    let (root, frame) = blank(canvas)?;
    if !frame.has_room() {
        return Ok(());
    }
    let mut chart = builder(&root, &frame)
        .build_cartesian_2d(plot.x.0..plot.x.1, plot.y.0..plot.y.1)
        .map_err(js_error)?;
    let label = |v: &f64| tick(*v);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(6)
        .y_labels(6)
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
    let ((left, right), (top, bottom)) = (frame.columns(), frame.rows());
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
        let style = text(&frame, 0.9).color(color).pos(Pos::new(HPos::Left, VPos::Bottom));
        let (px, py) = (frame.column_of(at.0, plot.x) as i32, frame.row_of(at.1, plot.y) as i32);
        let nudge = frame.font as i32 / 3;
        root.draw(&Text::new(word.clone(), (px + nudge, py - nudge), style))
            .map_err(js_error)?;
    }
    draw_legend(&root, &frame, plot)?;
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

/// Each name in dark text beside a swatch of its colour, in the top corner
/// (right or left) that hides fewer of the plot's lines and dots.
fn draw_legend(root: &crate::web::charts::Area, frame: &ChartFrame, plot: &Plot) -> Result<(), JsValue> {
    let legend = &plot.legend;
    if legend.is_empty() {
        return Ok(());
    }
    let ((left, right), (top, _)) = (frame.columns(), frame.rows());
    let line = (frame.font as f64 * 1.3) as i32;
    let pad = frame.font as i32 / 3;
    let style = text(frame, 0.9).color(&RGBColor(0x22, 0x22, 0x22));
    let mut widest = 0;
    for (name, _) in legend {
        widest = widest.max(root.estimate_text_size(name, &style).map_err(js_error)?.0 as i32);
    }
    let (width, height) = (widest + line + 3 * pad, legend.len() as i32 * line + pad);
    let corner = if hidden_under(plot, frame, (left, top), (width, height))
        < hidden_under(plot, frame, (right - width, top), (width, height))
    {
        left
    } else {
        right - width
    };
    root.draw(&Rectangle::new(
        [(corner, top), (corner + width, top + height)],
        WHITE.mix(0.85).filled(),
    ))
    .map_err(js_error)?;
    for (i, (name, color)) in legend.iter().enumerate() {
        let y = top + pad / 2 + line / 2 + i as i32 * line;
        let swatch = [(corner + pad, y - 3), (corner + pad + line - 4, y + 3)];
        root.draw(&Rectangle::new(swatch, color.filled())).map_err(js_error)?;
        root.draw(&Rectangle::new(swatch, RGBColor(0x88, 0x88, 0x88).stroke_width(1)))
            .map_err(js_error)?;
        let at = (corner + 2 * pad + line - 4, y);
        root.draw(&Text::new(
            name.clone(),
            at,
            style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(js_error)?;
    }
    Ok(())
}

/// How many of the plot's line points and dots fall in the pixel box at
/// `(x, y)` of size `(w, h)`: what a legend there would hide.
fn hidden_under(plot: &Plot, frame: &ChartFrame, (x, y): (i32, i32), (w, h): (i32, i32)) -> usize {
    let inside = |&(a, b): &(f64, f64)| {
        let (px, py) = (frame.column_of(a, plot.x), frame.row_of(b, plot.y));
        (x as f64..=(x + w) as f64).contains(&px) && (y as f64..=(y + h) as f64).contains(&py)
    };
    // Each segment of a line at 8 points along it; a dot counts as much as a stretch of line.
    let along = plot.lines.iter().flat_map(|l| l.points.windows(2)).flat_map(|ab| {
        let ((x0, y0), (x1, y1)) = (ab[0], ab[1]);
        (0..8).map(move |i| {
            let t = i as f64 / 8.0;
            (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
        })
    });
    along.filter(inside).count() + 10 * plot.dots.iter().filter(|d| inside(&d.at)).count()
}
