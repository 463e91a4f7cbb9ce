//! Input features computed from a point (x1, x2), and their standardisation.

use std::fmt;

/// One input feature the user can switch on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    /// x1.
    X1,
    /// x2.
    X2,
    /// x1².
    X1Squared,
    /// x2².
    X2Squared,
    /// x1·x2.
    X1X2,
    /// sin x1.
    SinX1,
    /// sin x2.
    SinX2,
}

named_enum!(
    Feature,
    "feature",
    [
        X1 => "x1",
        X2 => "x2",
        X1Squared => "x1sq",
        X2Squared => "x2sq",
        X1X2 => "x1x2",
        SinX1 => "sinx1",
        SinX2 => "sinx2",
    ]
);

impl Feature {
    /// The feature's value at the point `p`.
    #[inline]
    pub fn value(self, p: [f32; 2]) -> f32 {
        let [x1, x2] = p;
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Squared => x1 * x1,
            Feature::X2Squared => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => x1.sin(),
            Feature::SinX2 => x2.sin(),
        }
    }

    /// Whether the feature depends on x2 (meaningless for 1D datasets).
    pub fn uses_x2(self) -> bool {
        matches!(self, Feature::X2 | Feature::X2Squared | Feature::X1X2 | Feature::SinX2)
    }

    fn bit(self) -> u8 {
        1 << Feature::ALL.iter().position(|&f| f == self).expect("feature is listed")
    }
}

/// A set of enabled features, in the fixed order of [`Feature::ALL`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FeatureSet(u8);

impl FeatureSet {
    /// x1 and x2 alone, TensorFlow Playground's default.
    pub const XY: FeatureSet = FeatureSet(0b11);
    /// x1 alone, for 1D datasets.
    pub const X1: FeatureSet = FeatureSet(0b1);

    /// Whether `f` is enabled.
    pub fn contains(self, f: Feature) -> bool {
        self.0 & f.bit() != 0
    }

    /// This set with `f` switched on or off.
    pub fn with(self, f: Feature, on: bool) -> FeatureSet {
        if on {
            FeatureSet(self.0 | f.bit())
        } else {
            FeatureSet(self.0 & !f.bit())
        }
    }

    /// The enabled features in order.
    pub fn iter(self) -> impl Iterator<Item = Feature> {
        Feature::ALL.into_iter().filter(move |&f| self.contains(f))
    }

    /// Number of enabled features: the network's input width.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether no feature is enabled.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The features that make sense for a 1D dataset: those of x1 alone,
    /// or x1 itself if none is left.
    pub fn for_1d(self) -> FeatureSet {
        let kept = self
            .iter()
            .filter(|f| !f.uses_x2())
            .fold(FeatureSet(0), |s, f| s.with(f, true));
        if kept.is_empty() {
            FeatureSet::X1
        } else {
            kept
        }
    }

    /// Writes the enabled features of `p` into `out` (length `self.len()`).
    #[inline]
    pub fn compute(self, p: [f32; 2], out: &mut [f32]) {
        for (o, f) in out.iter_mut().zip(self.iter()) {
            *o = f.value(p);
        }
    }

    /// Reads a comma-separated list of feature names, each named once: a
    /// set cannot hold a repeat or an empty name as written.
    pub fn parse(s: &str) -> Result<FeatureSet, String> {
        let mut set = FeatureSet(0);
        for name in s.split(',') {
            let f: Feature = name.parse()?;
            if set.contains(f) {
                return Err(format!("{name} is listed twice"));
            }
            set = set.with(f, true);
        }
        if set.is_empty() {
            return Err("no input feature".into());
        }
        Ok(set)
    }
}

impl fmt::Display for FeatureSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.iter().map(Feature::name).collect();
        f.write_str(&names.join(","))
    }
}

/// Per-feature mean μ and standard deviation σ, fitted on the training set.
#[derive(Clone, Debug, PartialEq)]
pub struct Standardizer {
    /// μ of each feature.
    pub mean: Vec<f32>,
    /// σ of each feature (1 for a constant one).
    pub std: Vec<f32>,
}

impl Standardizer {
    /// μ and σ of each column of a rows × `width` matrix. A constant column
    /// gets σ = 1, so it maps to zero rather than to infinity.
    pub fn fit(rows: &[f32], width: usize) -> Standardizer {
        let n = (rows.len() / width).max(1) as f64;
        let mut mean = vec![0.0_f64; width];
        let mut var = vec![0.0_f64; width];
        for row in rows.chunks_exact(width) {
            for j in 0..width {
                mean[j] += row[j] as f64;
            }
        }
        mean.iter_mut().for_each(|m| *m /= n);
        for row in rows.chunks_exact(width) {
            for j in 0..width {
                var[j] += (row[j] as f64 - mean[j]).powi(2);
            }
        }
        let std = var
            .iter()
            .map(|v| {
                let s = (v / n).sqrt();
                if s > 1e-6 {
                    s as f32
                } else {
                    1.0
                }
            })
            .collect();
        Standardizer {
            mean: mean.into_iter().map(|m| m as f32).collect(),
            std,
        }
    }

    /// The identity transform for `width` features.
    pub fn identity(width: usize) -> Standardizer {
        Standardizer {
            mean: vec![0.0; width],
            std: vec![1.0; width],
        }
    }

    /// (x − μ) / σ, in place, for every row.
    pub fn apply(&self, rows: &mut [f32]) {
        let width = self.mean.len();
        for row in rows.chunks_exact_mut(width) {
            for j in 0..width {
                row[j] = (row[j] - self.mean[j]) / self.std[j];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_compute_in_order() {
        let all = Feature::ALL.iter().fold(FeatureSet(0), |s, &f| s.with(f, true));
        let mut out = [0.0; 7];
        all.compute([2.0, -3.0], &mut out);
        assert_eq!(&out[..5], &[2.0, -3.0, 4.0, 9.0, -6.0]);
        assert!((out[5] - 2.0_f32.sin()).abs() < 1e-7);
    }

    #[test]
    fn parse_round_trips_and_rejects_nonsense() {
        let s = FeatureSet::parse("x1,x1sq,sinx2").unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(FeatureSet::parse(&s.to_string()).unwrap(), s);
        assert!(FeatureSet::parse("x3").is_err());
        assert!(FeatureSet::parse("").is_err());
        for written_otherwise in ["x1,x1,x1", "x1,,x2", "x1,", ",x1"] {
            assert!(FeatureSet::parse(written_otherwise).is_err(), "{written_otherwise}");
        }
    }

    #[test]
    fn one_d_keeps_only_x1_features() {
        assert_eq!(FeatureSet::parse("x2,x1x2").unwrap().for_1d(), FeatureSet::X1);
        assert_eq!(FeatureSet::parse("x1sq,x2").unwrap().for_1d().to_string(), "x1sq");
    }

    #[test]
    fn standardised_columns_have_zero_mean_unit_variance() {
        let mut rows = vec![1.0, 10.0, 2.0, 10.0, 3.0, 10.0, 6.0, 10.0];
        let s = Standardizer::fit(&rows, 2);
        assert!((s.mean[0] - 3.0).abs() < 1e-6);
        assert!((s.std[0] - 3.5_f32.sqrt()).abs() < 1e-6);
        assert_eq!(s.std[1], 1.0, "constant column keeps σ = 1");
        s.apply(&mut rows);
        let col: Vec<f32> = rows.iter().step_by(2).copied().collect();
        let mean: f32 = col.iter().sum::<f32>() / 4.0;
        let var: f32 = col.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / 4.0;
        assert!(mean.abs() < 1e-6 && (var - 1.0).abs() < 1e-5);
        assert!(rows.iter().skip(1).step_by(2).all(|&v| v == 0.0));
    }
}
