//! RGBA pixel buffers of the heatmaps, computed in wasm memory and blitted
//! once per frame.

use super::colormap::{blend, diverging, CLASS_COLORS};
use crate::nn::Head;

/// How the output heatmap turns a cell's outputs into a colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OutputMap {
    /// Two classes: the probability of class 1 on the orange–blue map.
    Binary,
    /// Several classes: class colours blended by probability.
    Classes,
    /// Regression: the value, scaled by `range`, on the orange–blue map.
    Value { range: f32 },
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
pub fn fill_output(out: &[f32], k: usize, head: Head, map: OutputMap, discrete: bool, rgba: &mut [u8]) {
    for (o, px) in out.chunks_exact(k).zip(rgba.chunks_exact_mut(4)) {
        let rgb = match map {
            OutputMap::Binary => {
                // Probability of class 1, as a signed certainty in [−1, 1].
                let p1 = match head {
                    Head::Tanh => (o[0] + 1.0) / 2.0,
                    Head::Softmax => o[1],
                    _ => o[0],
                };
                let s = 2.0 * p1 - 1.0;
                diverging(if discrete { s.signum() } else { s })
            }
            OutputMap::Classes => {
                if discrete {
                    super::colormap::mix(super::colormap::WHITE, CLASS_COLORS[head.predicted_class(o)], 0.65)
                } else {
                    blend(o)
                }
            }
            OutputMap::Value { range } => {
                let s = (o[0] / range).clamp(-1.0, 1.0);
                diverging(if discrete { (s * 4.0).round() / 4.0 } else { s })
            }
        };
        px[..3].copy_from_slice(&rgb);
        px[3] = 255;
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
    fn discrete_map_has_two_colours_only() {
        let mut rgba = vec![0u8; 12];
        fill_output(&[0.51, 0.99, 0.2], 1, Head::Sigmoid, OutputMap::Binary, true, &mut rgba);
        assert_eq!(rgba[..4], rgba[4..8]);
        assert_ne!(rgba[..4], rgba[8..12]);
    }
}
