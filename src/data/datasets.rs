//! Seeded generators of the 2D and 1D toy datasets.
//!
//! The two-class sets and the 2D regression sets are TensorFlow
//! Playground's generators, its noise included (our noise is its percentage
//! / 100); class 1 is its "positive" class. Regression targets stay within
//! about [−1.2, 1.2], except the lecture's table, which keeps its own numbers.
//! Most sets lie on the square [−6, 6]²; at high noise some reach beyond,
//! and the view grows to hold them ([`view_domain`]).

use crate::random::{normal, uniform, Rng};
use std::f32::consts::PI;

/// Half-width of the input square the 2D datasets live on.
pub const EXTENT: f32 = 6.0;

/// The lecture's table: y = 2·x² + 1, which no line fits.
pub const LECTURE_TABLE: [(f32, f32); 6] = [
    (1.0, 3.0),
    (5.0, 51.0),
    (3.0, 19.0),
    (9.0, 163.0),
    (11.0, 243.0),
    (10.0, 201.0),
];

/// What a dataset asks the network to predict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// A class index in 0..classes.
    Classification {
        /// Number of classes.
        classes: usize,
    },
    /// A real value.
    Regression,
}

/// Every dataset the playground offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatasetKind {
    /// Two classes: a disc (class 1) inside a ring.
    Circle,
    /// Two classes: class 1 where x1·x2 ≥ 0, as in the XOR of their signs.
    Xor,
    /// Two classes: gaussian clouds around (2, 2) (class 1) and (−2, −2).
    Gauss,
    /// Two classes: two interleaved spiral arms, class 1 the arm through (0, r).
    Spiral,
    /// Two classes: two interleaved half-moons.
    Moons,
    /// 3–6 gaussian blobs, one per class.
    Blobs,
    /// A spiral with one arm per class.
    Spirals,
    /// y = (x1 + x2) / 10: a linear surface.
    Plane,
    /// Six cone-shaped bumps of either sign.
    Gaussians,
    /// 1D: y = sin x.
    Sin,
    /// 1D: y = |x| / 3 − 1.
    Abs,
    /// 1D: y = −½ for x < 0, ½ otherwise.
    Step,
    /// 1D: y = x² / 18 − 1.
    Square,
    /// 1D: the lecture's six points.
    Table,
    /// Points of 2–6 classes the user drew or imported (the link's `rows`).
    Own,
    /// Points with values the user drew or imported: 2D regression.
    OwnValues,
    /// Points (x, y) the user drew or imported: 1D regression.
    OwnCurve,
}

named_enum!(
    DatasetKind,
    "dataset",
    [
        Circle => "circle",
        Xor => "xor",
        Gauss => "gauss",
        Spiral => "spiral",
        Moons => "moons",
        Blobs => "blobs",
        Spirals => "spirals",
        Plane => "plane",
        Gaussians => "gaussians",
        Sin => "sin",
        Abs => "abs",
        Step => "step",
        Square => "square",
        Table => "table",
        Own => "own",
        OwnValues => "own-values",
        OwnCurve => "own-curve",
    ]
);

/// Points in the plane with their targets. 1D datasets keep x2 = 0.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    /// The inputs (x1, x2) of each point.
    pub points: Vec<[f32; 2]>,
    /// Each point's target: a class index or a value.
    pub targets: Vec<f32>,
}

impl Dataset {
    /// Number of points.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether there is no point.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    fn push(&mut self, x1: f32, x2: f32, y: f32) {
        self.points.push([x1, x2]);
        self.targets.push(y);
    }
}

impl DatasetKind {
    /// What the dataset asks for, given the number of classes the user chose
    /// (used only by the multi-class sets).
    pub fn task(self, classes: usize) -> Task {
        match self {
            DatasetKind::Circle | DatasetKind::Xor | DatasetKind::Gauss | DatasetKind::Spiral | DatasetKind::Moons => {
                Task::Classification { classes: 2 }
            }
            DatasetKind::Blobs | DatasetKind::Spirals | DatasetKind::Own => Task::Classification { classes },
            _ => Task::Regression,
        }
    }

    /// Whether the points are the user's own (drawn or imported), not generated.
    pub fn is_own(self) -> bool {
        matches!(self, DatasetKind::Own | DatasetKind::OwnValues | DatasetKind::OwnCurve)
    }

    /// Whether the set is a function of x1 alone, drawn as a curve.
    pub fn is_1d(self) -> bool {
        matches!(
            self,
            DatasetKind::Sin
                | DatasetKind::Abs
                | DatasetKind::Step
                | DatasetKind::Square
                | DatasetKind::Table
                | DatasetKind::OwnCurve
        )
    }

    /// The family the page lists the set under: "two" classes, "many"
    /// classes, or "regression".
    pub fn family(self) -> &'static str {
        if self.is_own() {
            return "own";
        }
        match self.task(3) {
            Task::Classification { classes: 2 } => "two",
            Task::Classification { .. } => "many",
            Task::Regression => "regression",
        }
    }

    /// Whether the number of classes is the user's choice.
    pub fn is_multiclass(self) -> bool {
        matches!(self, DatasetKind::Blobs | DatasetKind::Spirals)
    }

    /// The rectangle [x1 range] × [x2 range] drawn by the views. For 1D sets
    /// the second range is that of the target.
    pub fn domain(self) -> ([f32; 2], [f32; 2]) {
        match self {
            DatasetKind::Table => ([0.0, 12.0], [-20.0, 300.0]),
            DatasetKind::Sin | DatasetKind::Abs | DatasetKind::Step | DatasetKind::Square | DatasetKind::OwnCurve => {
                ([-EXTENT, EXTENT], [-2.0, 2.0])
            }
            _ => ([-EXTENT, EXTENT], [-EXTENT, EXTENT]),
        }
    }

    /// Generates `n` points (the table always has its six) with `noise` in
    /// [0, 1] and `classes` classes for the multi-class sets.
    pub fn generate(self, n: usize, noise: f32, classes: usize, rng: &mut Rng) -> Dataset {
        let mut d = Dataset::default();
        match self {
            // TensorFlow Playground's generators (its dataset.ts), with its
            // noise: our noise n is its percentage / 100.
            DatasetKind::Circle => {
                let radius = 5.0;
                for i in 0..n {
                    let r = if i < n / 2 {
                        uniform(rng, 0.0, radius * 0.5)
                    } else {
                        uniform(rng, radius * 0.7, radius)
                    };
                    let angle = uniform(rng, 0.0, 2.0 * PI);
                    let (x, y) = (r * angle.sin(), r * angle.cos());
                    // The point stays; its label is read at a jittered position,
                    // so labels flip near the boundary.
                    let jx = x + uniform(rng, -radius, radius) * noise;
                    let jy = y + uniform(rng, -radius, radius) * noise;
                    let inside = (jx * jx + jy * jy).sqrt() < radius * 0.5;
                    d.push(x, y, if inside { 1.0 } else { 0.0 });
                }
            }
            DatasetKind::Xor => {
                let padding = 0.3;
                for _ in 0..n {
                    let mut x = uniform(rng, -5.0, 5.0);
                    x += if x > 0.0 { padding } else { -padding };
                    let mut y = uniform(rng, -5.0, 5.0);
                    y += if y > 0.0 { padding } else { -padding };
                    let jx = x + uniform(rng, -5.0, 5.0) * noise;
                    let jy = y + uniform(rng, -5.0, 5.0) * noise;
                    d.push(x, y, if jx * jy >= 0.0 { 1.0 } else { 0.0 });
                }
            }
            DatasetKind::Gauss => {
                let std = gauss_variance(noise).sqrt();
                for i in 0..n {
                    let (c, label) = if i < n / 2 { (2.0, 1.0) } else { (-2.0, 0.0) };
                    d.push(c + std * normal(rng), c + std * normal(rng), label);
                }
            }
            DatasetKind::Spiral => {
                spiral_arms(&mut d, n, 2, noise, rng);
                // Its arm through (0, r) at t = 0 is its positive class: class 1 here.
                d.targets.iter_mut().for_each(|y| *y = 1.0 - *y);
            }
            DatasetKind::Spirals => spiral_arms(&mut d, n, classes, noise, rng),
            DatasetKind::Moons => {
                for i in 0..n {
                    let upper = i < n / 2;
                    let t = uniform(rng, 0.0, PI);
                    let (x, y) = if upper {
                        (t.cos(), t.sin())
                    } else {
                        (1.0 - t.cos(), 0.5 - t.sin())
                    };
                    // Centre the pair of moons and scale them onto the square.
                    let (x, y) = (3.0 * (x - 0.5), 3.0 * (y - 0.25));
                    let s = 0.1 + 3.0 * noise;
                    d.push(
                        x + s * normal(rng) * 0.3,
                        y + s * normal(rng) * 0.3,
                        if upper { 1.0 } else { 0.0 },
                    );
                }
            }
            DatasetKind::Blobs => {
                let std = 0.6 + 2.0 * noise;
                for i in 0..n {
                    let c = i % classes;
                    let angle = 2.0 * PI * c as f32 / classes as f32 + PI / 2.0;
                    let (cx, cy) = (3.5 * angle.cos(), 3.5 * angle.sin());
                    d.push(cx + std * normal(rng), cy + std * normal(rng), c as f32);
                }
            }
            // As in TensorFlow Playground, the point stays and its value is
            // read at a position jittered by up to 6·noise in each direction.
            DatasetKind::Plane | DatasetKind::Gaussians => {
                for _ in 0..n {
                    let (x, y) = (uniform(rng, -EXTENT, EXTENT), uniform(rng, -EXTENT, EXTENT));
                    let jx = x + uniform(rng, -EXTENT, EXTENT) * noise;
                    let jy = y + uniform(rng, -EXTENT, EXTENT) * noise;
                    let v = if self == DatasetKind::Plane {
                        (jx + jy) / 10.0
                    } else {
                        gaussian_bumps(jx, jy)
                    };
                    d.push(x, y, v);
                }
            }
            DatasetKind::Sin | DatasetKind::Abs | DatasetKind::Step | DatasetKind::Square => {
                for _ in 0..n {
                    let x = uniform(rng, -EXTENT, EXTENT);
                    let y = match self {
                        DatasetKind::Sin => x.sin(),
                        DatasetKind::Abs => x.abs() / 3.0 - 1.0,
                        DatasetKind::Step => {
                            if x < 0.0 {
                                -0.5
                            } else {
                                0.5
                            }
                        }
                        _ => x * x / 18.0 - 1.0,
                    };
                    d.push(x, 0.0, y + noise * normal(rng) * 0.5);
                }
            }
            DatasetKind::Table => {
                for &(x, y) in &LECTURE_TABLE {
                    d.push(x, 0.0, y);
                }
            }
            // The user's points come from the settings (see `own_data`), not from here.
            DatasetKind::Own | DatasetKind::OwnValues | DatasetKind::OwnCurve => {}
        }
        d
    }
}

/// The rectangle the views show of `kind`'s `data`: its usual domain, grown
/// to whole units until every point fits (at high noise some sets reach
/// beyond [−6, 6]); for 1D sets the range of the values grows instead.
pub fn view_domain(kind: DatasetKind, data: &Dataset) -> ([f32; 2], [f32; 2]) {
    let (a, mut b) = kind.domain();
    // A quarter unit of margin keeps a point's dot off the edge.
    let margin = 0.25;
    if kind.is_1d() {
        let (lo, hi) = data
            .targets
            .iter()
            .fold((b[0], b[1]), |(lo, hi), &y| (lo.min(y), hi.max(y)));
        if lo < b[0] {
            b[0] = (lo - margin).floor();
        }
        if hi > b[1] {
            b[1] = (hi + margin).ceil();
        }
        return (a, b);
    }
    let far = data.points.iter().flatten().fold(0.0_f32, |m, v| m.max(v.abs()));
    let half = if far > a[1] { (far + margin).ceil() } else { a[1] };
    ([-half, half], [-half, half])
}

/// The user's rows (x1, x2, target), in the file's `units`, as a dataset
/// in the view's units.
pub fn own_data(rows: &[[f32; 3]], units: &super::Units) -> Dataset {
    let mut d = Dataset::default();
    for &r in rows {
        let [x1, x2, y] = units.to_view(r);
        d.push(x1, x2, y);
    }
    d
}

/// The variance of each gauss cloud at `noise`: TensorFlow Playground's
/// line from 0.5 at no noise to 4 at 50 %, continued beyond.
pub fn gauss_variance(noise: f32) -> f32 {
    0.5 + 7.0 * noise
}

/// The regression bumps of TensorFlow Playground: centre (x1, x2) and sign.
pub const BUMPS: [(f32, f32, f32); 6] = [
    (-4.0, 2.5, 1.0),
    (0.0, 2.5, -1.0),
    (4.0, 2.5, 1.0),
    (-4.0, -2.5, -1.0),
    (0.0, -2.5, 1.0),
    (4.0, -2.5, -1.0),
];

/// Six bumps of either sign, each 1 − d/2 within distance 2 of its centre;
/// the value is the one largest in size, as in TensorFlow Playground.
fn gaussian_bumps(x: f32, y: f32) -> f32 {
    let mut value = 0.0_f32;
    for (cx, cy, sign) in BUMPS {
        let d = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
        let v = sign * (1.0 - d / 2.0).clamp(0.0, 1.0);
        if v.abs() > value.abs() {
            value = v;
        }
    }
    value
}

/// `n` points on `arms` interleaved spiral arms, arm k labelled k.
fn spiral_arms(d: &mut Dataset, n: usize, arms: usize, noise: f32, rng: &mut Rng) {
    let per_arm = n / arms;
    for i in 0..n {
        let arm = (i % arms).min(arms - 1);
        let step = (i / arms) as f32 / per_arm.max(1) as f32;
        let r = step * 5.0;
        let t = 1.75 * step * 2.0 * PI + 2.0 * PI * arm as f32 / arms as f32;
        let x = r * t.sin() + uniform(rng, -1.0, 1.0) * noise;
        let y = r * t.cos() + uniform(rng, -1.0, 1.0) * noise;
        d.push(x, y, arm as f32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::seeded;

    #[test]
    fn every_dataset_has_the_requested_size_and_valid_targets() {
        // Generated sets: the user's own points come from the settings.
        for kind in DatasetKind::ALL.into_iter().filter(|k| !k.is_own()) {
            let noisy = kind.generate(300, 0.5, 4, &mut seeded(1, 0));
            assert!(noisy.points.iter().flatten().all(|v| v.is_finite()), "{kind}");
            // Without noise every class gets its share of the points.
            let d = kind.generate(300, 0.0, 4, &mut seeded(1, 0));
            let expected = if kind == DatasetKind::Table { 6 } else { 300 };
            assert_eq!(d.len(), expected, "{kind}");
            assert!(d.points.iter().flatten().all(|v| v.is_finite()), "{kind}");
            if let Task::Classification { classes } = kind.task(4) {
                let mut counts = vec![0; classes];
                for &y in &d.targets {
                    counts[y as usize] += 1;
                }
                assert!(
                    counts.iter().all(|&c| c * classes * 10 >= 300 * 8),
                    "{kind}: {counts:?}"
                );
            }
        }
    }

    #[test]
    fn noise_free_circle_separates_by_radius() {
        let d = DatasetKind::Circle.generate(200, 0.0, 2, &mut seeded(2, 0));
        for (p, &y) in d.points.iter().zip(&d.targets) {
            let r = (p[0] * p[0] + p[1] * p[1]).sqrt();
            assert_eq!(y == 1.0, r < 3.0, "r={r} y={y}");
        }
    }

    #[test]
    fn noise_free_xor_labels_by_quadrant() {
        let d = DatasetKind::Xor.generate(200, 0.0, 2, &mut seeded(3, 0));
        for (p, &y) in d.points.iter().zip(&d.targets) {
            assert_eq!(y == 1.0, p[0] * p[1] > 0.0);
        }
    }

    #[test]
    fn the_table_is_the_lectures() {
        let d = DatasetKind::Table.generate(500, 0.5, 2, &mut seeded(4, 0));
        for (p, &y) in d.points.iter().zip(&d.targets) {
            assert_eq!(y, 2.0 * p[0] * p[0] + 1.0);
        }
    }

    /// The link spellings that the page and saved links use, in the page's
    /// order, each with what it must name (its family and whether it is a
    /// curve of x1): written out here, independently of the enum. The
    /// datasets that TensorFlow Playground's links name are read in
    /// `config::tfp`.
    #[test]
    fn each_link_spelling_names_its_dataset() {
        let spelled = [
            ("circle", "two", false),
            ("xor", "two", false),
            ("gauss", "two", false),
            ("spiral", "two", false),
            ("moons", "two", false),
            ("blobs", "many", false),
            ("spirals", "many", false),
            ("plane", "regression", false),
            ("gaussians", "regression", false),
            ("sin", "regression", true),
            ("abs", "regression", true),
            ("step", "regression", true),
            ("square", "regression", true),
            ("table", "regression", true),
            ("own", "own", false),
            ("own-values", "own", false),
            ("own-curve", "own", true),
        ];
        assert_eq!(DatasetKind::NAMES.to_vec(), spelled.map(|(name, ..)| name).to_vec());
        for (name, family, curve) in spelled {
            let kind: DatasetKind = name.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((kind.family(), kind.is_1d()), (family, curve), "{name}");
        }
        // Each generated set's targets are what its spelling promises.
        type Target = fn([f32; 2]) -> f32;
        let promised: [(&str, Target); 6] = [
            ("xor", |p| f32::from(p[0] * p[1] > 0.0)),
            ("circle", |p| f32::from(p[0].hypot(p[1]) < 3.0)),
            ("sin", |p| p[0].sin()),
            ("abs", |p| p[0].abs() / 3.0 - 1.0),
            ("step", |p| if p[0] < 0.0 { -0.5 } else { 0.5 }),
            ("square", |p| p[0] * p[0] / 18.0 - 1.0),
        ];
        for (name, target) in promised {
            let d = name
                .parse::<DatasetKind>()
                .unwrap()
                .generate(100, 0.0, 2, &mut seeded(5, 0));
            for (p, &y) in d.points.iter().zip(&d.targets) {
                assert!((y - target(*p)).abs() < 1e-6, "{name} at {p:?}: {y}");
            }
        }
        assert!(
            "reg-plane".parse::<DatasetKind>().is_err(),
            "TensorFlow Playground's spelling is read in config::tfp"
        );
    }
}
