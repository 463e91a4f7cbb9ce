//! The handwritten digits of the digits lab: UCI "Optical Recognition of
//! Handwritten Digits" (Alpaydin & Kaynak, 1998, CC BY 4.0; see
//! `www/data/README.md`), 1,797 images of 8×8 block counts 0–16 with their
//! digit. Here: the data file read and checked, the stratified seeded
//! split, and a drawing made into such an image the way the set was made
//! (a 32×32 bitmap of the digit scaled to its bounding box, counted in 4×4 blocks).

use super::prepared::Part;
use crate::random::{seeded, shuffle};

/// Pixels on a side of an image.
pub const SIDE: usize = 8;
/// Pixels of an image: the network's inputs.
pub const PIXELS: usize = SIDE * SIDE;
/// The digits 0–9.
pub const CLASSES: usize = 10;
/// The largest block count: a 4×4 block all ink.
pub const MAX_COUNT: u8 = 16;
/// Pixels on a side of the bitmap the counts are taken from.
pub const BITMAP: usize = 32;
/// Pixels on a side of a block.
pub const BLOCK: usize = BITMAP / SIDE;
/// Half the pen's width on the 32×32 bitmap, in its pixels: a stroke 4
/// pixels wide gives a drawn "0" about the ink of the set's zeros (about
/// 310 ink pixels of 1,024; a test checks it).
pub const PEN_RADIUS: f32 = 2.0;
/// Bytes of an image in the data file: the counts row by row, then the digit.
const RECORD: usize = PIXELS + 1;
/// The images of the set.
pub const IMAGES: usize = 1797;

/// Why a data file was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum DigitsError {
    /// Its length is not a whole number of images.
    Length(usize),
    /// Image `image` holds `value`, which is no count (0–16) or no digit (0–9).
    Value {
        /// The image, counted from 0.
        image: usize,
        /// The byte.
        value: u8,
    },
}

impl std::fmt::Display for DigitsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DigitsError::Length(n) => write!(f, "{n} bytes are not whole images of {RECORD} bytes"),
            DigitsError::Value { image, value } => write!(f, "image {image} holds {value}"),
        }
    }
}

/// The images and their digits.
#[derive(Clone, Debug, PartialEq)]
pub struct Digits {
    /// Block counts 0–16, images × 64, each row by row from the top left.
    pub pixels: Vec<u8>,
    /// Each image's digit.
    pub labels: Vec<u8>,
}

/// Which images train and which test, as indices into [`Digits`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DigitSplit {
    /// The images the network is fitted on, in file order.
    pub train: Vec<usize>,
    /// Held out from the training images for early stopping, in file order.
    pub validation: Vec<usize>,
    /// Held out for the test figures, in file order.
    pub test: Vec<usize>,
}

impl Digits {
    /// Reads the data file: 65 bytes an image (see `tools/digits.py`).
    pub fn parse(bytes: &[u8]) -> Result<Digits, DigitsError> {
        if bytes.is_empty() || !bytes.len().is_multiple_of(RECORD) {
            return Err(DigitsError::Length(bytes.len()));
        }
        let mut digits = Digits {
            pixels: Vec::with_capacity(bytes.len() / RECORD * PIXELS),
            labels: Vec::with_capacity(bytes.len() / RECORD),
        };
        for (image, record) in bytes.chunks_exact(RECORD).enumerate() {
            let (counts, label) = (&record[..PIXELS], record[PIXELS]);
            let bad = counts.iter().find(|&&v| v > MAX_COUNT).copied();
            if let Some(value) = bad.or((label as usize >= CLASSES).then_some(label)) {
                return Err(DigitsError::Value { image, value });
            }
            digits.pixels.extend_from_slice(counts);
            digits.labels.push(label);
        }
        Ok(digits)
    }

    /// The number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there is no image.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Image `i`'s 64 block counts.
    pub fn image(&self, i: usize) -> &[u8] {
        &self.pixels[i * PIXELS..(i + 1) * PIXELS]
    }

    /// The split of `seed`: of each digit's images, a `test_share` tests (rounded);
    /// of the rest, a `validation` share is held out when early stopping
    /// (stratified again). The same seed gives the same split.
    pub fn split(&self, test_share: f32, validation: Option<f32>, seed: u32) -> DigitSplit {
        let all: Vec<usize> = (0..self.len()).collect();
        let mut rng = seeded(seed as u64, super::prepared::stream::SPLIT);
        let (train, test) = self.stratified(&all, test_share, &mut rng);
        let (train, validation) = match validation {
            Some(share) => self.stratified(&train, share, &mut rng),
            None => (train, Vec::new()),
        };
        DigitSplit {
            train,
            validation,
            test,
        }
    }

    /// `indices` parted in two, taking `share` of each digit's (rounded) into the second; both in file order.
    fn stratified(&self, indices: &[usize], share: f32, rng: &mut crate::random::Rng) -> (Vec<usize>, Vec<usize>) {
        let (mut kept, mut taken) = (Vec::new(), Vec::new());
        for digit in 0..CLASSES as u8 {
            let mut of: Vec<usize> = indices.iter().copied().filter(|&i| self.labels[i] == digit).collect();
            shuffle(rng, &mut of);
            let n = (of.len() as f32 * share).round() as usize;
            taken.extend_from_slice(&of[..n]);
            kept.extend_from_slice(&of[n..]);
        }
        kept.sort_unstable();
        taken.sort_unstable();
        (kept, taken)
    }

    /// The images `indices` as the network sees them: counts scaled by 1/16
    /// into [0, 1], the digit as the target.
    pub fn part(&self, indices: &[usize]) -> Part {
        let mut x = Vec::with_capacity(indices.len() * PIXELS);
        for &i in indices {
            x.extend(self.image(i).iter().map(|&v| scale(v)));
        }
        Part {
            points: Vec::new(),
            x,
            y: indices.iter().map(|&i| self.labels[i] as f32).collect(),
        }
    }
}

/// A block count as an input: count / 16.
pub fn scale(count: u8) -> f32 {
    count as f32 / MAX_COUNT as f32
}

/// A 32×32 bitmap, row by row: true where there is ink.
pub type Bitmap = [bool; BITMAP * BITMAP];

/// Strokes (each a polyline, in any units with y down) drawn as the set's
/// bitmaps were normalised: the strokes' bounding box scaled, keeping its
/// aspect ratio, until its longer side spans the bitmap (less the pen's
/// radius at each end), centred, and drawn with a pen [`PEN_RADIUS`] wide
/// each side of the line. A "1" stays narrow. No stroke: an empty bitmap.
pub fn rasterize(strokes: &[Vec<[f32; 2]>]) -> Bitmap {
    let mut bitmap = [false; BITMAP * BITMAP];
    let points = strokes
        .iter()
        .flatten()
        .filter(|p| p[0].is_finite() && p[1].is_finite());
    let (mut lo, mut hi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for p in points {
        for k in 0..2 {
            lo[k] = lo[k].min(p[k]);
            hi[k] = hi[k].max(p[k]);
        }
    }
    if lo[0] > hi[0] {
        return bitmap;
    }
    let extent = (hi[0] - lo[0]).max(hi[1] - lo[1]);
    let room = BITMAP as f32 - 2.0 * PEN_RADIUS;
    let scale = if extent > 0.0 { room / extent } else { 0.0 };
    let centre = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    let half = BITMAP as f32 / 2.0;
    let place = |p: &[f32; 2]| [half + (p[0] - centre[0]) * scale, half + (p[1] - centre[1]) * scale];
    for stroke in strokes {
        let placed: Vec<[f32; 2]> = stroke.iter().map(place).collect();
        let segments = placed.windows(2).map(|w| (w[0], w[1]));
        let dots = (placed.len() == 1).then(|| (placed[0], placed[0]));
        for (a, b) in segments.chain(dots) {
            ink_segment(&mut bitmap, a, b);
        }
    }
    bitmap
}

/// Sets every pixel whose centre lies within [`PEN_RADIUS`] of the segment a–b.
fn ink_segment(bitmap: &mut Bitmap, a: [f32; 2], b: [f32; 2]) {
    let r = PEN_RADIUS;
    let span = |lo: f32, hi: f32| {
        let from = (lo - r - 0.5).floor().max(0.0) as usize;
        let to = ((hi + r + 0.5).ceil().max(0.0) as usize).min(BITMAP);
        from..to
    };
    let (d, len2) = (
        [b[0] - a[0], b[1] - a[1]],
        (b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2),
    );
    for row in span(a[1].min(b[1]), a[1].max(b[1])) {
        for col in span(a[0].min(b[0]), a[0].max(b[0])) {
            let c = [col as f32 + 0.5, row as f32 + 0.5];
            // The nearest point of the segment: a + t·d, t in [0, 1].
            let t = if len2 > 0.0 {
                (((c[0] - a[0]) * d[0] + (c[1] - a[1]) * d[1]) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let (dx, dy) = (c[0] - a[0] - t * d[0], c[1] - a[1] - t * d[1]);
            if dx * dx + dy * dy <= r * r {
                bitmap[row * BITMAP + col] = true;
            }
        }
    }
}

/// The on-pixels of each 4×4 block of `bitmap`, counted (0–16): the set's 8×8 image.
pub fn blocks(bitmap: &Bitmap) -> [u8; PIXELS] {
    let mut counts = [0u8; PIXELS];
    for (i, &on) in bitmap.iter().enumerate() {
        let (row, col) = (i / BITMAP, i % BITMAP);
        counts[(row / BLOCK) * SIDE + col / BLOCK] += u8::from(on);
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The data file the page fetches.
    pub(crate) const FILE: &[u8] = include_bytes!("../../www/data/digits.bin");

    #[test]
    fn the_file_holds_1797_images_with_balanced_digits() {
        let digits = Digits::parse(FILE).unwrap();
        assert_eq!(digits.len(), IMAGES);
        let mut counts = [0usize; CLASSES];
        for &l in &digits.labels {
            counts[l as usize] += 1;
        }
        let mean = IMAGES as f64 / CLASSES as f64;
        for (digit, &n) in counts.iter().enumerate() {
            assert!(
                (n as f64 - mean).abs() <= 0.1 * mean,
                "digit {digit}: {n} images of {IMAGES}"
            );
        }
        // The first image is the set's first zero, as scikit-learn ships it.
        assert_eq!(digits.labels[0], 0);
        assert_eq!(&digits.image(0)[..8], &[0, 0, 5, 13, 9, 1, 0, 0]);
    }

    #[test]
    fn a_damaged_file_is_refused_with_what_is_wrong() {
        assert_eq!(Digits::parse(&FILE[..100]), Err(DigitsError::Length(100)));
        let mut bad = FILE[..2 * RECORD].to_vec();
        bad[RECORD + 3] = 17;
        assert_eq!(Digits::parse(&bad), Err(DigitsError::Value { image: 1, value: 17 }));
        bad[RECORD + 3] = 0;
        bad[2 * RECORD - 1] = 10;
        assert_eq!(Digits::parse(&bad), Err(DigitsError::Value { image: 1, value: 10 }));
    }

    #[test]
    fn the_split_is_stratified_seeded_and_disjoint() {
        let digits = Digits::parse(FILE).unwrap();
        let split = digits.split(0.25, None, 1);
        assert_eq!(split.train.len() + split.test.len(), IMAGES);
        for digit in 0..CLASSES as u8 {
            let of = |idx: &[usize]| idx.iter().filter(|&&i| digits.labels[i] == digit).count();
            let (train, test) = (of(&split.train), of(&split.test));
            let share = test as f64 / (train + test) as f64;
            assert!((share - 0.25).abs() < 0.01, "digit {digit}: {test} of {}", train + test);
        }
        let mut all: Vec<usize> = split.train.iter().chain(&split.test).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..IMAGES).collect::<Vec<_>>(), "every image once");
        assert_eq!(digits.split(0.25, None, 1), split, "the same seed, the same split");
        assert_ne!(
            digits.split(0.25, None, 2).test,
            split.test,
            "another seed, another split"
        );
        // Early stopping's validation images come out of the training images, stratified too.
        let held = digits.split(0.25, Some(0.2), 1);
        assert_eq!(held.test, split.test, "validation leaves the test images alone");
        assert_eq!(held.train.len() + held.validation.len(), split.train.len());
        let zeros = held.validation.iter().filter(|&&i| digits.labels[i] == 0).count();
        assert!((zeros as f64 - 0.2 * 0.75 * 178.0).abs() <= 1.0, "{zeros} zeros");
    }

    #[test]
    fn block_counts_of_a_synthetic_bitmap_are_its_on_pixels() {
        // Ink in the top-left block's first row (4 pixels) and a whole
        // block at block row 2, column 5 (16), and one pixel of the last.
        let mut bitmap = [false; BITMAP * BITMAP];
        bitmap[..4].fill(true);
        for row in 8..12 {
            bitmap[row * BITMAP + 20..row * BITMAP + 24].fill(true);
        }
        bitmap[BITMAP * BITMAP - 1] = true;
        let counts = blocks(&bitmap);
        let mut expected = [0u8; PIXELS];
        (expected[0], expected[2 * SIDE + 5], expected[PIXELS - 1]) = (4, 16, 1);
        assert_eq!(counts, expected);
    }

    #[test]
    fn a_vertical_stroke_stays_narrow_and_spans_the_height() {
        // A "1": one vertical stroke, drawn anywhere at any size.
        let one = blocks(&rasterize(&[vec![[300.0, 40.0], [300.0, 90.0], [300.0, 410.0]]]));
        // The pen (4 pixels wide) around x = 16: pixels 14–17, two in block
        // column 3 and two in 4, in every block row all the way down; the
        // line runs from y = 2 to 30, and the pen's round ends miss the
        // corner pixels of rows 0 and 31 (centres 2.1 from the end).
        let mut expected: Vec<u8> = [0, 0, 0, 8, 8, 0, 0, 0].repeat(SIDE);
        for end in [3, 4, PIXELS - 5, PIXELS - 4] {
            expected[end] = 7;
        }
        assert_eq!(one.to_vec(), expected);
        // A slanted "1", 10 wide and 370 high, stays as narrow: its ink only
        // in block columns 3 and 4 (scaled to its box, it would fill the width).
        let slanted = blocks(&rasterize(&[vec![[300.0, 40.0], [310.0, 410.0]]]));
        let outside: Vec<u8> = (0..PIXELS)
            .filter(|i| !(3..=4).contains(&(i % SIDE)))
            .map(|i| slanted[i])
            .collect();
        assert!(outside.iter().all(|&c| c == 0), "{slanted:?}");
        // The same stroke lying down fills the middle block rows instead.
        let dash = blocks(&rasterize(&[vec![[0.0, 5.0], [100.0, 5.0]]]));
        let column: Vec<u8> = (0..SIDE).map(|r| dash[r * SIDE + 2]).collect();
        assert_eq!(column, [0, 0, 0, 8, 8, 0, 0, 0], "{dash:?}");
    }

    #[test]
    fn a_drawn_zero_has_about_the_ink_of_the_sets_zeros() {
        let digits = Digits::parse(FILE).unwrap();
        let zeros: Vec<usize> = (0..digits.len()).filter(|&i| digits.labels[i] == 0).collect();
        let set: f64 = zeros
            .iter()
            .map(|&i| digits.image(i).iter().map(|&v| v as f64).sum::<f64>())
            .sum::<f64>()
            / zeros.len() as f64;
        // An upright ellipse, 3 wide to 4 high, as a hand draws a zero.
        let ring: Vec<[f32; 2]> = (0..=64)
            .map(|k| {
                let a = k as f32 / 64.0 * std::f32::consts::TAU;
                [150.0 + 75.0 * a.sin(), 150.0 - 100.0 * a.cos()]
            })
            .collect();
        let drawn: f64 = blocks(&rasterize(&[ring])).iter().map(|&v| v as f64).sum();
        assert!(
            (drawn / set - 1.0).abs() < 0.25,
            "drawn {drawn}, the set's zeros {set:.0}"
        );
        assert!(rasterize(&[]).iter().all(|&on| !on), "no stroke, no ink");
        let dot = blocks(&rasterize(&[vec![[5.0, 5.0]]]));
        assert!(
            dot[3 * SIDE + 3] > 0 && dot[4 * SIDE + 4] > 0,
            "a dot sits in the middle: {dot:?}"
        );
    }
}
