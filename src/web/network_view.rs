//! The network diagram's canvas: edges coloured by sign and sized by
//! magnitude, bias marks, and every neuron's thumbnail.

use super::canvas::{context, css};
use crate::nn::Mlp;
use crate::view::colormap::{mix, CLASS_COLORS, WHITE};
use crate::view::network::{strength, weight_index, Diagram, Edge, MAX_WIDTH};
use crate::view::THUMB_SIZE;
use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::HtmlCanvasElement;

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
    // Edges are grouped by sign and strength level, one stroked path per
    // group: a few strokes a frame instead of one per edge.
    let mut groups: Vec<Vec<Edge>> = vec![Vec::new(); 2 * LEVELS];
    for e in diagram.edges() {
        let weight = mlp.params[weight_index(mlp, e)];
        groups[level_of(weight)].push(e);
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
            // A gentle S-curve, as in TensorFlow Playground.
            let mid = (x0 + x1) / 2.0;
            ctx.bezier_curve_to(mid, y0, mid, y1, x1, y1);
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

/// Puts thumbnail k of `thumbs` (THUMB_SIZE² RGBA each) into canvas k.
pub fn draw_thumbnails(canvases: &js_sys::Array, thumbs: &[u8]) -> Result<(), JsValue> {
    let size = THUMB_SIZE * THUMB_SIZE * 4;
    for (k, rgba) in thumbs.chunks_exact(size).enumerate() {
        let Ok(canvas) = canvases.get(k as u32).dyn_into::<HtmlCanvasElement>() else {
            break;
        };
        let image =
            web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), THUMB_SIZE as u32, THUMB_SIZE as u32)?;
        context(&canvas)?.put_image_data(&image, 0.0, 0.0)?;
    }
    Ok(())
}
