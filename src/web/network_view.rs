//! The network diagram's canvas: edges coloured by sign and sized by
//! magnitude, bias marks, and every neuron's thumbnail, all on one canvas
//! (hundreds of small canvases would each cost the browser a layer to paint).

use super::canvas::{context, css};
use crate::nn::Mlp;
use crate::view::colormap::{mix, CLASS_COLORS, WHITE};
use crate::view::network::{strength, weight_index, Diagram, Edge, MAX_WIDTH};
use crate::view::THUMB_SIZE;
use wasm_bindgen::{Clamped, JsValue};
use web_sys::HtmlCanvasElement;

/// The most edges between two columns that are drawn as curves; beyond,
/// the strongest this many are drawn, straight.
const CURVED_MAX: usize = 256;

/// Strength levels per sign that edges are drawn in.
const LEVELS: usize = 12;

/// The group of a weight: sign, then strength rounded to one of LEVELS.
fn level_of(w: f32) -> usize {
    let level = ((strength(w) * (LEVELS - 1) as f32).round() as usize).min(LEVELS - 1);
    if w >= 0.0 {
        LEVELS + level
    } else {
        level
    }
}

/// A weight that stands for group `g` when drawn.
fn weight_of_level(g: usize) -> f32 {
    let (sign, level) = if g >= LEVELS { (1.0, g - LEVELS) } else { (-1.0, g) };
    sign * level as f32 / (LEVELS - 1) as f32 * crate::view::network::FULL_WEIGHT
}

/// The colour of a weight or bias: blue when positive, orange when negative,
/// fading towards white as it shrinks.
fn weight_color(w: f32) -> String {
    let base = if w >= 0.0 { CLASS_COLORS[1] } else { CLASS_COLORS[0] };
    css(mix(WHITE, base, 0.25 + 0.75 * strength(w)))
}

/// Clears `canvas` and draws every edge of `mlp` between the diagram's nodes,
/// with a bias mark on the left of every neuron. `highlight` is drawn on top.
pub fn draw_edges(
    canvas: &HtmlCanvasElement,
    diagram: &Diagram,
    mlp: &Mlp,
    highlight: Option<Edge>,
) -> Result<(), JsValue> {
    let ctx = context(canvas)?;
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    ctx.clear_rect(0.0, 0.0, w, h);
    // Thinner lines where layers are dense, so wide networks stay readable.
    let densest = diagram
        .columns
        .windows(2)
        .map(|c| c[0].len() * c[1].len())
        .max()
        .unwrap_or(1);
    let base = (w / 600.0).clamp(1.0, 2.5) * (64.0 / densest as f64).sqrt().clamp(0.35, 1.0);
    // Dense layers get straight edges: thousands of curves are slow to paint
    // and no easier to read.
    let curved = densest <= CURVED_MAX;
    // Edges are grouped by sign and strength level, one stroked path per
    // group: a few strokes a frame instead of one per edge. Between dense
    // layers only the strongest are drawn: the rest would be a faint haze
    // that costs the browser most of a frame to paint.
    let mut groups: Vec<Vec<Edge>> = vec![Vec::new(); 2 * LEVELS];
    let mut pair: Vec<(f32, Edge)> = Vec::new();
    for layer in 0..diagram.columns.len().saturating_sub(1) {
        pair.clear();
        pair.extend(
            diagram
                .edges()
                .filter(|e| e.layer == layer)
                .map(|e| (mlp.params[weight_index(mlp, e)], e)),
        );
        if pair.len() > CURVED_MAX {
            pair.select_nth_unstable_by(CURVED_MAX, |a, b| b.0.abs().total_cmp(&a.0.abs()));
            pair.truncate(CURVED_MAX);
        }
        for &(weight, e) in &pair {
            groups[level_of(weight)].push(e);
        }
    }
    for (g, edges) in groups.iter().enumerate().filter(|(_, edges)| !edges.is_empty()) {
        let weight = weight_of_level(g);
        ctx.set_stroke_style_str(&weight_color(weight));
        ctx.set_line_width(base * (0.5 + (MAX_WIDTH - 0.5) as f64 * strength(weight) as f64));
        ctx.begin_path();
        for &e in edges {
            let (a, b) = diagram.segment(e);
            let ((x0, y0), (x1, y1)) = ((a[0] as f64, a[1] as f64), (b[0] as f64, b[1] as f64));
            ctx.move_to(x0, y0);
            let mid = (x0 + x1) / 2.0;
            if curved {
                // A gentle S-curve, as in TensorFlow Playground.
                ctx.bezier_curve_to(mid, y0, mid, y1, x1, y1);
            } else {
                ctx.line_to(x1, y1);
            }
        }
        ctx.stroke();
    }
    if let Some(e) = highlight {
        let (a, b) = diagram.segment(e);
        ctx.set_stroke_style_str("#111111");
        ctx.set_line_width(base * 1.5);
        ctx.set_line_dash(&js_sys::Array::of2(
            &JsValue::from(4.0 * base),
            &JsValue::from(3.0 * base),
        ))?;
        ctx.begin_path();
        ctx.move_to(a[0] as f64, a[1] as f64);
        let mid = (a[0] + b[0]) as f64 / 2.0;
        ctx.bezier_curve_to(mid, a[1] as f64, mid, b[1] as f64, b[0] as f64, b[1] as f64);
        ctx.stroke();
        ctx.set_line_dash(&js_sys::Array::new())?;
    }
    // Bias marks: a square left of each neuron, coloured and sized by the bias.
    for (l, layer) in mlp.layers.iter().enumerate() {
        for (j, node) in diagram.columns[l + 1].iter().enumerate() {
            let bias = mlp.params[layer.biases + j];
            let size = base * (3.0 + 5.0 * strength(bias) as f64);
            ctx.set_fill_style_str(&weight_color(bias));
            ctx.fill_rect(
                node.left as f64 - size - 2.0 * base,
                node.y as f64 - size / 2.0,
                size,
                size,
            );
        }
    }
    Ok(())
}

/// Draws thumbnail k of the strip `atlas` (THUMB_SIZE wide, one thumbnail
/// under the other, in column order) into node k's box on `canvas`.
pub fn draw_thumbnails(
    canvas: &HtmlCanvasElement,
    diagram: &Diagram,
    atlas: &HtmlCanvasElement,
) -> Result<(), JsValue> {
    let ctx = context(canvas)?;
    ctx.set_image_smoothing_enabled(true);
    let t = THUMB_SIZE as f64;
    for (k, node) in diagram.columns.iter().flatten().enumerate() {
        let side = (node.right - node.left) as f64;
        ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            atlas,
            0.0,
            k as f64 * t,
            t,
            t,
            node.left as f64,
            node.y as f64 - side / 2.0,
            side,
            side,
        )?;
    }
    Ok(())
}

/// Puts every thumbnail (THUMB_SIZE² RGBA each, one after the other) into
/// `atlas`, one under the other.
pub fn fill_atlas(atlas: &HtmlCanvasElement, thumbs: &[u8]) -> Result<(), JsValue> {
    let count = (thumbs.len() / (THUMB_SIZE * THUMB_SIZE * 4)) as u32;
    let (w, h) = (THUMB_SIZE as u32, THUMB_SIZE as u32 * count.max(1));
    if atlas.width() != w || atlas.height() != h {
        atlas.set_width(w);
        atlas.set_height(h);
    }
    if count == 0 {
        return Ok(());
    }
    let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(thumbs), w, h)?;
    context(atlas)?.put_image_data(&image, 0.0, 0.0)
}
