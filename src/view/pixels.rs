//! RGBA pixel buffers of the heatmaps, computed in wasm memory and blitted
//! once per frame.

use super::colormap::{blend, diverging, diverging_index, diverging_table, CLASS_COLORS};
use crate::nn::{Head, Mlp, Tape};

/// How the output heatmap turns a cell's outputs into a colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OutputMap {
    /// Two classes: the probability of class 1 on the orange–blue map.
    Binary,
    /// Several classes: class colours blended by probability.
    Classes,
    /// Regression: the value, scaled by `range`, on the orange–blue map.
    Value {
        /// Largest |target|: the value at either end of the map.
        range: f32,
    },
}

impl OutputMap {
    /// The map for a head whose targets reach at most `range` in size.
    pub fn for_head(head: Head, outputs: usize, range: f32) -> OutputMap {
        match head {
            Head::Identity => OutputMap::Value { range: range.max(1e-6) },
            Head::Softmax if outputs > 2 => OutputMap::Classes,
            _ => OutputMap::Binary,
        }
    }
}

/// Fills `rgba` (4 bytes a cell) from the head outputs `out` (k per cell).
/// `discrete` paints each cell in its predicted class's colour.
///
/// The orange–blue maps are a table lookup and one four-byte write a cell:
/// the choice of map and head is made once, outside the loop over cells.
pub fn fill_output(out: &[f32], k: usize, head: Head, map: OutputMap, discrete: bool, rgba: &mut [u8]) {
    let table = diverging_table();
    let cells = out.chunks_exact(k).zip(rgba.as_chunks_mut::<4>().0);
    match map {
        // Discrete cells take the predicted class's colour, so the map
        // agrees with the accuracy even at exactly even odds.
        OutputMap::Binary if discrete => {
            let colors = [table[diverging_index(-1.0)], table[diverging_index(1.0)]];
            for (o, px) in cells {
                *px = colors[usize::from(head.predicted_class(o) == 1)];
            }
        }
        // The probability of class 1, p1, as a signed certainty 2·p1 − 1 in [−1, 1].
        OutputMap::Binary => match head {
            Head::Tanh => cells.for_each(|(o, px)| *px = table[diverging_index(2.0 * ((o[0] + 1.0) / 2.0) - 1.0)]),
            Head::Softmax => cells.for_each(|(o, px)| *px = table[diverging_index(2.0 * o[1] - 1.0)]),
            _ => cells.for_each(|(o, px)| *px = table[diverging_index(2.0 * o[0] - 1.0)]),
        },
        OutputMap::Classes => {
            for (o, px) in cells {
                let [r, g, b] = if discrete {
                    super::colormap::mix(super::colormap::WHITE, CLASS_COLORS[head.predicted_class(o)], 0.65)
                } else {
                    blend(o)
                };
                *px = [r, g, b, 255];
            }
        }
        OutputMap::Value { range } => {
            for (o, px) in cells {
                let s = (o[0] / range).clamp(-1.0, 1.0);
                *px = table[diverging_index(if discrete { (s * 4.0).round() / 4.0 } else { s })];
            }
        }
    }
}

/// Cells per side of a neuron's thumbnail heatmap.
pub const THUMB_SIZE: usize = 25;

/// Fills a `thumb` × `thumb` RGBA thumbnail from one neuron's `values` over a
/// `grid` × `grid` pass, sampling every (grid / thumb)-th cell. Values are
/// scaled by max(1, max |v|), so bounded activations keep TensorFlow
/// Playground's [−1, 1] scale and unbounded ones still show their shape.
pub fn fill_thumbnail(values: &[f32], grid: usize, thumb: usize, rgba: &mut [u8]) {
    let stride = grid / thumb;
    let offset = stride / 2;
    // The sampled cells, gathered once: the scale and the colours read them
    // in order instead of striding over the grid twice.
    let mut sampled = [0.0_f32; THUMB_SIZE * THUMB_SIZE];
    let sampled = &mut sampled[..thumb * thumb];
    for (r, out) in sampled.chunks_exact_mut(thumb).enumerate() {
        let row = &values[(r * stride + offset) * grid..];
        for (c, v) in out.iter_mut().enumerate() {
            *v = row[c * stride + offset];
        }
    }
    fill_scaled(sampled, rgba);
}

/// Colours one RGBA pixel per value on the orange–blue map, the values
/// scaled by max(1, max |v|): a thumbnail's rule, and the enlarged map's.
pub fn fill_scaled(values: &[f32], rgba: &mut [u8]) {
    let scale = values.iter().fold(1.0_f32, |m, v| m.max(v.abs()));
    let inv = 1.0 / scale;
    let table = diverging_table();
    for (v, px) in values.iter().zip(rgba.as_chunks_mut::<4>().0) {
        let v = v * inv;
        // Infinite values (a diverged network) are white, as NaN is.
        *px = table[diverging_index(if v.is_finite() { v } else { 0.0 })];
    }
}

/// Fills a `thumb` × `thumb` thumbnail with a 1D neuron's response: each
/// column is one x, filled from the middle line to the value (scaled by
/// max(1, max |v|)) in the value's colour.
pub fn fill_curve_thumbnail(values: &[f32], thumb: usize, rgba: &mut [u8]) {
    let scale = values
        .iter()
        .fold(1.0_f32, |m, v| if v.is_finite() { m.max(v.abs()) } else { m });
    rgba.fill(255);
    let mid = (thumb as f32 - 1.0) / 2.0;
    for c in 0..thumb {
        let v = values[c * (values.len() - 1) / (thumb - 1).max(1)] / scale;
        let v = if v.is_finite() { v } else { 0.0 };
        let row = (mid - v * mid).round() as usize;
        let (top, bottom) = if row as f32 <= mid {
            (row, mid.ceil() as usize)
        } else {
            (mid as usize, row)
        };
        let color = diverging(v.signum() * (0.35 + 0.65 * v.abs()));
        for r in top..=bottom.min(thumb - 1) {
            rgba[(r * thumb + c) * 4..(r * thumb + c) * 4 + 3].copy_from_slice(&color);
        }
    }
}

/// Fills `out` with one thumbnail per input feature and per neuron (hidden
/// and output), in drawing order, from a pass at the grid's probes recorded
/// on `tape`: a heatmap from THUMB_SIZE² probes, a response curve for a 1D `line`.
pub fn fill_thumbnails(mlp: &Mlp, tape: &Tape, line: bool, out: &mut Vec<u8>) {
    let neurons = mlp.inputs() + mlp.layers.iter().map(|l| l.outputs).sum::<usize>();
    let size = THUMB_SIZE * THUMB_SIZE * 4;
    out.resize(neurons * size, 0);
    let inputs = (0..mlp.inputs()).map(|i| tape.input_feature(i));
    let units = (0..mlp.layers.len()).flat_map(|l| (0..mlp.layers[l].outputs).map(move |j| tape.activation(l, j)));
    for (values, rgba) in inputs.chain(units).zip(out.chunks_exact_mut(size)) {
        if line {
            fill_curve_thumbnail(values, THUMB_SIZE, rgba);
        } else {
            fill_thumbnail(values, THUMB_SIZE, THUMB_SIZE, rgba);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::colormap::WHITE;

    #[test]
    fn binary_map_is_white_at_even_odds_and_tinted_when_sure() {
        let mut rgba = vec![0u8; 12];
        fill_output(
            &[0.5, 0.99, 0.01],
            1,
            Head::Sigmoid,
            OutputMap::Binary,
            false,
            &mut rgba,
        );
        assert_eq!(&rgba[..3], &WHITE);
        assert!(rgba[6] > rgba[4], "class 1 is blue");
        assert!(rgba[8] > rgba[10], "class 0 is orange");
        assert!(rgba.iter().skip(3).step_by(4).all(|&a| a == 255));
    }

    #[test]
    fn thumbnails_sample_the_grid_and_scale_by_the_largest_value() {
        // A 4 × 4 grid whose value is its column index minus 1.5, times 4.
        let values: Vec<f32> = (0..16).map(|i| ((i % 4) as f32 - 1.5) * 4.0).collect();
        let mut rgba = vec![0u8; 2 * 2 * 4];
        fill_thumbnail(&values, 4, 2, &mut rgba);
        // Sampled columns 1 and 3: values −2 and 6, scaled by 6.
        assert_eq!(&rgba[..3], &diverging(-2.0 / 6.0));
        assert_eq!(&rgba[4..7], &diverging(1.0));
        assert_eq!(rgba[..8], rgba[8..16], "rows alike");
    }

    #[test]
    fn curve_thumbnails_fill_from_the_middle_towards_the_value() {
        let values: Vec<f32> = (0..50).map(|i| if i < 25 { -1.0 } else { 1.0 }).collect();
        let mut rgba = vec![0u8; 5 * 5 * 4];
        fill_curve_thumbnail(&values, 5, &mut rgba);
        let px = |r: usize, c: usize| &rgba[(r * 5 + c) * 4..(r * 5 + c) * 4 + 3];
        assert_eq!(px(4, 0), &diverging(-1.0), "negative values fill downwards");
        assert_eq!(px(0, 0), &[255, 255, 255]);
        assert_eq!(px(0, 4), &diverging(1.0), "positive values fill upwards");
        assert_eq!(px(4, 4), &[255, 255, 255]);
    }

    #[test]
    fn discrete_map_agrees_with_the_prediction_at_even_odds() {
        let mut rgba = vec![0u8; 4];
        fill_output(&[0.5], 1, Head::Sigmoid, OutputMap::Binary, true, &mut rgba);
        assert_eq!(Head::Sigmoid.predicted_class(&[0.5]), 0);
        assert_eq!(&rgba[..3], &diverging(-1.0), "class 0's colour");
    }

    #[test]
    fn discrete_map_has_two_colours_only() {
        let mut rgba = vec![0u8; 12];
        fill_output(&[0.51, 0.99, 0.2], 1, Head::Sigmoid, OutputMap::Binary, true, &mut rgba);
        assert_eq!(rgba[..4], rgba[4..8]);
        assert_ne!(rgba[..4], rgba[8..12]);
    }
}
