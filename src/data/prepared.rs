//! A dataset made ready for training: generated, split, featurised, standardised.

use super::datasets::Dataset;
use super::features::{FeatureSet, Standardizer};
use crate::config::DataSettings;
use crate::random::{normal, seeded, shuffle, Rng};

/// Random streams derived from the one seed, so that each use is independent.
pub mod stream {
    /// Generating the dataset's points.
    pub const DATA: u64 = 1;
    /// Shuffling the points into train, validation and test.
    pub const SPLIT: u64 = 2;
    /// Initialising the weights (the seed offset per ensemble member).
    pub const WEIGHTS: u64 = 3;
    /// Minibatch order, augmentation jitter and dropout masks.
    pub const TRAINING: u64 = 4;
}

/// One part of the data as the network sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Part {
    /// The raw points, for drawing and for augmentation.
    pub points: Vec<[f32; 2]>,
    /// Features, rows × width, standardised when asked.
    pub x: Vec<f32>,
    /// Targets: class indices or values.
    pub y: Vec<f32>,
}

impl Part {
    /// Number of points.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// Whether the part has no point.
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }
}

/// The data of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// The input features computed from each point.
    pub features: FeatureSet,
    /// Number of features, the network's input width.
    pub width: usize,
    /// Identity unless standardisation is on; fitted on the training part.
    pub standardizer: Standardizer,
    /// The points the network is fitted on.
    pub train: Part,
    /// Held out from the training data for early stopping (empty when off).
    pub validation: Part,
    /// Held out from training, for the test figures.
    pub test: Part,
    /// This epoch's jittered training inputs while augmentation is on; the
    /// clean ones stay in `train.x` for evaluation.
    jittered: Option<Vec<f32>>,
}

impl Prepared {
    /// Generates and splits the data `settings` describe from `seed`,
    /// holding out a `validation` share of the training points (for early stopping).
    pub fn new(settings: &DataSettings, validation: Option<f32>, seed: u32) -> Prepared {
        let mut rng = seeded(seed as u64, stream::DATA);
        let data = if settings.dataset.is_own() {
            super::datasets::own_data(&settings.rows, &settings.units)
        } else {
            settings
                .dataset
                .generate(settings.points, settings.noise, settings.classes, &mut rng)
        };
        let mut order: Vec<usize> = (0..data.len()).collect();
        shuffle(&mut seeded(seed as u64, stream::SPLIT), &mut order);

        let n = data.len();
        // Below two points there is no split: what there is trains (and the trainer waits for more).
        let n_train = if n < 2 {
            n
        } else {
            ((n as f32 * settings.train_share).round() as usize).clamp(1, n - 1)
        };
        // Early stopping holds out at least one point for validation and keeps
        // at least one for training; with a single training point it cannot.
        let n_val = match validation {
            Some(share) if n_train >= 2 => ((n_train as f32 * share).round() as usize).clamp(1, n_train - 1),
            _ => 0,
        };
        let features = settings.effective_features();
        let width = features.len();
        let pick = |idx: &[usize]| Part {
            points: idx.iter().map(|&i| data.points[i]).collect(),
            x: Vec::new(),
            y: idx.iter().map(|&i| data.targets[i]).collect(),
        };
        let (train_idx, rest) = order.split_at(n_train);
        let (fit_idx, val_idx) = train_idx.split_at(n_train - n_val);
        let mut prepared = Prepared {
            features,
            width,
            standardizer: Standardizer::identity(width),
            train: pick(fit_idx),
            validation: pick(val_idx),
            test: pick(rest),
            jittered: None,
        };
        let mut train_x = Vec::new();
        prepared.featurize(&prepared.train.points, &mut train_x);
        if settings.standardize {
            prepared.standardizer = Standardizer::fit(&train_x, width);
        }
        for part in [&mut prepared.train, &mut prepared.validation, &mut prepared.test] {
            let mut x = Vec::new();
            featurize_with(features, &prepared.standardizer, &part.points, &mut x);
            part.x = x;
        }
        prepared
    }

    /// Data made elsewhere, such as the digits lab's images: `width` inputs
    /// a row in each part's `x`, already scaled, and no 2D points (so no
    /// augmentation; `features` is the playground's default and unused).
    pub fn from_parts(width: usize, train: Part, validation: Part, test: Part) -> Prepared {
        Prepared {
            features: FeatureSet::XY,
            width,
            standardizer: Standardizer::identity(width),
            train,
            validation,
            test,
            jittered: None,
        }
    }

    /// All points in one dataset (train, validation, test), for drawing.
    pub fn all(&self) -> Dataset {
        let mut d = Dataset::default();
        for part in [&self.train, &self.validation, &self.test] {
            d.points.extend_from_slice(&part.points);
            d.targets.extend_from_slice(&part.y);
        }
        d
    }

    /// The network inputs of `points`: features, then standardisation.
    pub fn featurize(&self, points: &[[f32; 2]], out: &mut Vec<f32>) {
        featurize_with(self.features, &self.standardizer, points, out);
    }

    /// The inputs training steps read: this epoch's jittered ones while
    /// augmenting, the clean ones otherwise.
    pub fn train_inputs(&self) -> &[f32] {
        self.jittered.as_deref().unwrap_or(&self.train.x)
    }

    /// Back to the clean training inputs (augmentation switched off).
    pub fn stop_augmenting(&mut self) {
        self.jittered = None;
    }

    /// Computes this epoch's training inputs from the clean points plus fresh
    /// N(0, σ²) jitter on x1 and x2: augmentation that differs every epoch.
    pub fn augment(&mut self, sigma: f32, is_1d: bool, rng: &mut Rng) {
        let jittered: Vec<[f32; 2]> = self
            .train
            .points
            .iter()
            .map(|&[x1, x2]| {
                [
                    x1 + sigma * normal(rng),
                    if is_1d { x2 } else { x2 + sigma * normal(rng) },
                ]
            })
            .collect();
        let mut x = self.jittered.take().unwrap_or_default();
        self.featurize(&jittered, &mut x);
        self.jittered = Some(x);
    }
}

fn featurize_with(features: FeatureSet, standardizer: &Standardizer, points: &[[f32; 2]], out: &mut Vec<f32>) {
    let width = features.len();
    out.resize(points.len() * width, 0.0);
    for (p, row) in points.iter().zip(out.chunks_exact_mut(width)) {
        features.compute(*p, row);
    }
    standardizer.apply(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_sizes_follow_the_shares() {
        let s = DataSettings {
            points: 200,
            train_share: 0.7,
            ..DataSettings::default()
        };
        let p = Prepared::new(&s, None, 1);
        assert_eq!((p.train.len(), p.validation.len(), p.test.len()), (140, 0, 60));
        let p = Prepared::new(&s, Some(0.25), 1);
        assert_eq!((p.train.len(), p.validation.len(), p.test.len()), (105, 35, 60));
    }

    #[test]
    fn standardisation_uses_training_statistics_only() {
        let s = DataSettings {
            standardize: true,
            features: FeatureSet::parse("x1,x1sq").unwrap(),
            ..DataSettings::default()
        };
        let p = Prepared::new(&s, None, 1);
        let n = p.train.len() as f32;
        for j in 0..2 {
            let col: Vec<f32> = p.train.x.iter().skip(j).step_by(2).copied().collect();
            let mean = col.iter().sum::<f32>() / n;
            let var = col.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / n;
            assert!(
                mean.abs() < 1e-4 && (var - 1.0).abs() < 1e-3,
                "feature {j}: {mean} {var}"
            );
        }
        let test_mean: f32 = p.test.x.iter().step_by(2).sum::<f32>() / p.test.len() as f32;
        assert!(
            test_mean.abs() > 1e-6,
            "the test set is not standardised by its own mean"
        );
    }

    #[test]
    fn augmentation_jitters_training_inputs_freshly_each_time() {
        let mut p = Prepared::new(&DataSettings::default(), None, 1);
        let clean = p.train.x.clone();
        let mut rng = seeded(1, 9);
        p.augment(0.5, false, &mut rng);
        let first = p.train_inputs().to_vec();
        p.augment(0.5, false, &mut rng);
        assert_ne!(first, clean);
        assert_ne!(first, p.train_inputs());
        assert_eq!(p.train.x, clean, "evaluation keeps the clean inputs");
        p.stop_augmenting();
        assert_eq!(p.train_inputs(), &clean[..], "switching off restores them");
    }
}
