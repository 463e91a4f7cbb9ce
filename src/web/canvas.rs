//! Blits and point marks on 2D canvases.

use crate::data::Dataset;
use crate::view::colormap::{Rgb, CLASS_COLORS};
use crate::view::Grid;
use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The 2D context of a canvas.
pub fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("canvas has no 2d context"))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| JsValue::from_str("not a 2d context"))
}

/// How near (in CSS pixels) the pointer must be to grab a point or a
/// handle, or to remove a point: the one radius of every hit test.
pub const GRAB_RADIUS: f64 = 12.0;

/// [`GRAB_RADIUS`] in `canvas`'s own pixels, as shown: what the page passes
/// to a hit test.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = grabRadius)]
pub fn grab_radius(canvas: &HtmlCanvasElement) -> f64 {
    GRAB_RADIUS * super::charts::pixel_ratio(canvas)
}

/// A small canvas holding a `size` × `size` pixel buffer, scaled onto
/// visible canvases with smoothing.
pub struct Blitter {
    scratch: HtmlCanvasElement,
}

/// A canvas of the page's document that is not on the page.
pub fn scratch_canvas(width: u32, height: u32) -> Result<HtmlCanvasElement, JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width(width);
    canvas.set_height(height);
    Ok(canvas)
}

impl Blitter {
    pub fn new(size: u32) -> Result<Blitter, JsValue> {
        Ok(Blitter {
            scratch: scratch_canvas(size, size)?,
        })
    }

    /// Puts `rgba` on the scratch canvas, then stretches it over `target`.
    pub fn blit(&self, rgba: &[u8], size: u32, target: &HtmlCanvasElement) -> Result<(), JsValue> {
        let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), size, size)?;
        context(&self.scratch)?.put_image_data(&image, 0.0, 0.0)?;
        let ctx = context(target)?;
        ctx.set_image_smoothing_enabled(true);
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            &self.scratch,
            0.0,
            0.0,
            target.width() as f64,
            target.height() as f64,
        )
    }
}

/// The CSS `rgb(r,g,b)` form of a colour.
pub fn css(rgb: Rgb) -> String {
    format!("rgb({},{},{})", rgb[0], rgb[1], rgb[2])
}

/// The colour of a point: its class, or for regression its value's sign.
fn point_color(y: f32, classification: bool, range: f32) -> Rgb {
    if classification {
        CLASS_COLORS[(y as usize).min(CLASS_COLORS.len() - 1)]
    } else {
        crate::view::colormap::mix(
            [0x55; 3],
            CLASS_COLORS[usize::from(y >= 0.0)],
            (y.abs() / range).min(1.0),
        )
    }
}

/// The radius of a point's mark on a canvas `w` pixels wide.
fn point_radius(w: f64) -> f64 {
    (w / 110.0).max(2.5)
}

/// A ring around each of `points`, wide enough to read over the point's
/// own mark: the points of one minibatch.
pub fn ring_points(canvas: &HtmlCanvasElement, grid: &Grid, points: &[[f32; 2]]) -> Result<(), JsValue> {
    let ctx = context(canvas)?;
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    let r = point_radius(w);
    for (colour, width) in [("#ffffff", r), ("#111111", r / 2.5)] {
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(width.max(1.0));
        ctx.begin_path();
        for p in points {
            let (x, y) = grid.to_canvas(*p, w, h);
            ctx.move_to(x + 2.0 * r, y);
            let _ = ctx.arc(x, y, 2.0 * r, 0.0, std::f64::consts::TAU);
        }
        ctx.stroke();
    }
    Ok(())
}

/// Clears `canvas` and marks every point: training points with a white
/// ring, test points with a black ring and a square shape.
pub fn draw_points(
    canvas: &HtmlCanvasElement,
    grid: &Grid,
    train: &Dataset,
    test: Option<&Dataset>,
    classification: bool,
    range: f32,
) -> Result<(), JsValue> {
    let ctx = context(canvas)?;
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    ctx.clear_rect(0.0, 0.0, w, h);
    let r = point_radius(w);
    ctx.set_line_width((r / 3.0).max(1.0));
    let mark = |set: &Dataset, ring: &str, square: bool| {
        ctx.set_stroke_style_str(ring);
        for (p, &y) in set.points.iter().zip(&set.targets) {
            let (x, yy) = grid.to_canvas(*p, w, h);
            ctx.set_fill_style_str(&css(point_color(y, classification, range)));
            ctx.begin_path();
            if square {
                ctx.rect(x - r, yy - r, 2.0 * r, 2.0 * r);
            } else {
                let _ = ctx.arc(x, yy, r, 0.0, std::f64::consts::TAU);
            }
            ctx.fill();
            ctx.stroke();
        }
    };
    mark(train, "#ffffff", false);
    if let Some(test) = test {
        mark(test, "#111111", true);
    }
    draw_axes(&ctx, grid, w, h);
    Ok(())
}

/// Tick labels along the bottom and left edges, with a white halo so they
/// read over any colour.
fn draw_axes(ctx: &CanvasRenderingContext2d, grid: &Grid, w: f64, h: f64) {
    let ([x0, x1], [y0, y1]) = grid.domain;
    let font = (h / 26.0).max(12.0);
    ctx.set_font(&format!("{font:.0}px system-ui, sans-serif"));
    ctx.set_line_width(font / 4.0);
    ctx.set_stroke_style_str("rgba(255,255,255,0.85)");
    ctx.set_fill_style_str("#444444");
    let label = |text: &str, x: f64, y: f64| {
        let _ = ctx.stroke_text(text, x, y);
        let _ = ctx.fill_text(text, x, y);
    };
    let fmt = |v: f32| crate::web::charts::tick(f64::from(v));
    ctx.set_text_align("center");
    ctx.set_text_baseline("bottom");
    for x in crate::view::grid::ticks(x0, x1, 6) {
        let (cx, _) = grid.to_canvas([x, y0], w, h);
        if cx > font && cx < w - font {
            label(&fmt(x), cx, h - 2.0);
        }
    }
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    for y in crate::view::grid::ticks(y0, y1, 6) {
        let (_, cy) = grid.to_canvas([x0, y], w, h);
        if cy > font && cy < h - 1.5 * font {
            label(&fmt(y), 3.0, cy);
        }
    }
}

/// The ground under a 1D model's curve and its points: white, with the zero line.
pub fn draw_curve_ground(canvas: &HtmlCanvasElement, grid: &Grid) -> Result<(), JsValue> {
    let ctx = context(canvas)?;
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, w, h);
    let (_, zero) = grid.to_canvas([0.0, 0.0], w, h);
    ctx.set_stroke_style_str("#cccccc");
    ctx.set_line_width(1.0);
    ctx.begin_path();
    ctx.move_to(0.0, zero);
    ctx.line_to(w, zero);
    ctx.stroke();
    Ok(())
}

/// The width of a 1D model's curve on a canvas `w` pixels wide: wider than
/// a point's radius, so the fit reads above the data it is drawn over.
pub fn curve_width(w: f64) -> f64 {
    1.3 * point_radius(w)
}

/// Draws a 1D model's curve, `ys` over the grid's x values, on a canvas
/// above the points: dark on a white halo, thicker than a point's radius.
pub fn draw_curve(canvas: &HtmlCanvasElement, grid: &Grid, ys: &[f32]) -> Result<(), JsValue> {
    let ctx = context(canvas)?;
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    ctx.begin_path();
    for (i, (p, &y)) in grid.points.iter().zip(ys).enumerate() {
        let (cx, cy) = grid.to_canvas([p[0], y], w, h);
        let cy = cy.clamp(-h, 2.0 * h);
        if i == 0 {
            ctx.move_to(cx, cy);
        } else {
            ctx.line_to(cx, cy);
        }
    }
    ctx.set_line_join("round");
    let width = curve_width(w);
    for (colour, line) in [("rgba(255,255,255,0.9)", width * 1.8), ("#222222", width)] {
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(line);
        ctx.stroke();
    }
    Ok(())
}
