//! Colours: a colour-blind-safe class palette and the maps built on it.

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// Class colours from the Okabe–Ito palette, safe for the common forms of
/// colour blindness. Class 0 is orange and class 1 blue, as in TensorFlow
/// Playground's two-class sets.
pub const CLASS_COLORS: [Rgb; 6] = [
    [0xE6, 0x9F, 0x00], // orange
    [0x00, 0x72, 0xB2], // blue
    [0x00, 0x9E, 0x73], // bluish green
    [0xCC, 0x79, 0xA7], // reddish purple
    [0xD5, 0x5E, 0x00], // vermillion
    [0x56, 0xB4, 0xE9], // sky blue
];

/// The background the maps fade into.
pub const WHITE: Rgb = [0xFF, 0xFF, 0xFF];

/// How strongly a background map is tinted at full certainty, so that the
/// points drawn over it keep standing out.
pub const BACKGROUND_STRENGTH: f32 = 0.65;

/// The colour `t` of the way from `a` to `b` (t in [0, 1]).
#[inline]
pub fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| (a[i] as f32 + (b[i] as f32 - a[i] as f32) * t + 0.5) as u8)
}

/// Steps of the diverging map on each side of zero: −1, 0 and 1 are exact.
const HALF_STEPS: f32 = 256.0;
/// The diverging map's colours as RGBA pixels, opaque, from −1 to 1.
pub type DivergingTable = [[u8; 4]; 2 * HALF_STEPS as usize + 1];
static DIVERGING: std::sync::OnceLock<DivergingTable> = std::sync::OnceLock::new();

/// The diverging map as a table of 513 opaque RGBA pixels: a pixel costs
/// an index and a four-byte copy, not a blend. Look it up once per figure.
pub fn diverging_table() -> &'static DivergingTable {
    DIVERGING.get_or_init(|| {
        std::array::from_fn(|i| {
            let [r, g, b] = diverging_exact(i as f32 / HALF_STEPS - 1.0);
            [r, g, b, 255]
        })
    })
}

/// The entry of [`diverging_table`] nearest to `s` in [−1, 1] (beyond it,
/// the end; NaN is the middle, white). Rounds by adding a half and
/// truncating, and clamps the whole number: in wasm a saturating
/// truncation and two integer compares, where `f32::round` is a library call.
#[inline(always)]
pub fn diverging_index(s: f32) -> usize {
    let i = (s * HALF_STEPS + (HALF_STEPS + 0.5)) as i32;
    if s.is_nan() {
        HALF_STEPS as usize
    } else {
        i.clamp(0, 2 * HALF_STEPS as i32) as usize
    }
}

/// A value in [−1, 1] on the diverging orange–white–blue map (see
/// [`diverging_table`]). NaN is white.
#[inline]
pub fn diverging(s: f32) -> Rgb {
    let [r, g, b, _] = diverging_table()[diverging_index(s)];
    [r, g, b]
}

/// The diverging map computed by blending.
pub fn diverging_exact(s: f32) -> Rgb {
    if s >= 0.0 {
        mix(WHITE, CLASS_COLORS[1], s * BACKGROUND_STRENGTH)
    } else {
        mix(WHITE, CLASS_COLORS[0], -s * BACKGROUND_STRENGTH)
    }
}

/// Class colours blended by probability `p`, fading to white where the
/// model is unsure (all classes equally likely).
pub fn blend(p: &[f32]) -> Rgb {
    let k = p.len() as f32;
    let mut acc = [0.0_f32; 3];
    let mut top = 0.0_f32;
    for (c, &pk) in CLASS_COLORS.iter().zip(p) {
        for i in 0..3 {
            acc[i] += pk * c[i] as f32;
        }
        top = top.max(pk);
    }
    let certainty = ((top - 1.0 / k) / (1.0 - 1.0 / k)).clamp(0.0, 1.0);
    mix(WHITE, acc.map(|v| (v + 0.5) as u8), certainty * BACKGROUND_STRENGTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diverging_map_ends_and_middle() {
        assert_eq!(diverging(0.0), WHITE);
        assert_eq!(diverging(1.0), mix(WHITE, CLASS_COLORS[1], BACKGROUND_STRENGTH));
        assert_eq!(diverging(-1.0), mix(WHITE, CLASS_COLORS[0], BACKGROUND_STRENGTH));
    }

    #[test]
    fn the_table_matches_the_blend_within_one_step() {
        for i in -1000..=1000 {
            let s = i as f32 / 1000.0;
            let (a, b) = (diverging(s), diverging_exact(s));
            assert!(
                (0..3).all(|c| (a[c] as i32 - b[c] as i32).abs() <= 1),
                "s={s}: {a:?} vs {b:?}"
            );
        }
        assert_eq!(diverging(f32::NAN), WHITE);
        assert_eq!(diverging(7.0), diverging(1.0));
        assert_eq!(diverging(-7.0), diverging(-1.0));
        assert_eq!(diverging(f32::NEG_INFINITY), diverging(-1.0));
    }

    #[test]
    fn every_value_is_within_one_of_the_exact_map() {
        // Every f32 from −1 to 1 at a step finer than the table's, halfway
        // points between entries included.
        let steps = 1 << 18;
        for i in 0..=steps {
            let s = 2.0 * i as f32 / steps as f32 - 1.0;
            let (a, b) = (diverging(s), diverging_exact(s));
            assert!(
                (0..3).all(|c| (a[c] as i32 - b[c] as i32).abs() <= 1),
                "s={s}: {a:?} vs {b:?}"
            );
        }
    }

    #[test]
    fn blend_is_white_when_unsure_and_the_class_colour_when_sure() {
        assert_eq!(blend(&[1.0 / 3.0; 3]), WHITE);
        assert_eq!(
            blend(&[0.0, 0.0, 1.0]),
            mix(WHITE, CLASS_COLORS[2], BACKGROUND_STRENGTH)
        );
    }
}
