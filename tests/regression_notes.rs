//! The regression lab's sentences about standardisation, checked against
//! figures computed here independently (the Hessian's eigenvalues in closed
//! form, gradient descent written out again) over every kind of table the
//! lab can hold: the lecture's, random ones of 1 to 50 points at small and
//! large x, every point at one x, x already standardised, x far from 0 and
//! close together; with x² on and off, raw and standardised, and learning
//! rates over the whole range the lab allows.

use neuroplay::labs::regression::{
    Features, RegressionLab, RegressionSettings, COMPARE_STEPS, FAIR, LONGEST, MAX_COORDINATE, MAX_POINTS, ROUND,
};
use neuroplay::message::{Code, Message, Param};

/// A small linear congruential generator: the tables are the same every run.
struct Lcg(u64);

impl Lcg {
    /// Uniform in [0, 1).
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Every kind of table the lab can hold.
fn tables() -> Vec<Vec<[f32; 2]>> {
    let lecture = RegressionSettings::default().points;
    let mut tables = vec![
        lecture,
        vec![[2.0, 5.0]],
        vec![[3.0, 1.0], [3.0, 7.0], [3.0, -2.0]],
        vec![[-1.0, 2.0], [1.0, -4.0]],
        vec![[-1.0, 0.5], [0.0, 1.0], [1.0, 3.0]],
        // A shallow valley, 2.9 times longer than wide.
        vec![[0.0, 1.0], [1.0, 2.0], [2.0, 5.0]],
        vec![[1000.0, 3.0], [1000.25, 5.0], [1000.5, 4.0], [999.75, 1.0]],
        vec![[-1000.0, 1000.0], [1000.0, -1000.0], [0.0, 0.0], [500.0, 250.0]],
        vec![[0.001, 0.002], [0.002, 0.001], [0.003, 0.004]],
    ];
    let mut rng = Lcg(21);
    for (size, scale, offset) in [
        (2, 1.0, 0.0),
        (3, 10.0, 0.0),
        (5, 1.0, 5.0),
        (8, 100.0, -50.0),
        (13, 0.1, 0.0),
        (20, 1000.0, 0.0),
        (MAX_POINTS, 20.0, 30.0),
        (MAX_POINTS, 1.0, 900.0),
    ] {
        let table = (0..size)
            .map(|_| {
                let x = (offset + scale * (2.0 * rng.next() - 1.0)).clamp(-1000.0, 1000.0);
                let y = 300.0 * (2.0 * rng.next() - 1.0) + 0.1 * x;
                [
                    x as f32,
                    y.clamp(-(MAX_COORDINATE as f64), MAX_COORDINATE as f64) as f32,
                ]
            })
            .collect();
        tables.push(table);
    }
    tables
}

/// Learning rates over the lab's whole range, 10⁻⁷ to 1.
fn rates() -> Vec<f32> {
    (0..=28).map(|i| 10f32.powf(-7.0 + i as f32 * 0.25)).collect()
}

/// The features as the lab trains on them, standardised or not, with their
/// own mean and population deviation (1 for a constant feature).
fn inputs(points: &[[f32; 2]], features: Features, standardize: bool) -> Vec<Vec<f64>> {
    let raw: Vec<Vec<f64>> = points
        .iter()
        .map(|p| {
            let x = p[0] as f64;
            match features {
                Features::X => vec![x],
                Features::XSquared => vec![x, x * x],
            }
        })
        .collect();
    if !standardize {
        return raw;
    }
    let n = raw.len() as f64;
    let k = raw[0].len();
    let mean: Vec<f64> = (0..k).map(|j| raw.iter().map(|r| r[j]).sum::<f64>() / n).collect();
    let std: Vec<f64> = (0..k)
        .map(|j| {
            let var = raw.iter().map(|r| (r[j] - mean[j]).powi(2)).sum::<f64>() / n;
            if var > 1e-24 {
                var.sqrt()
            } else {
                1.0
            }
        })
        .collect();
    raw.iter()
        .map(|r| (0..k).map(|j| (r[j] - mean[j]) / std[j]).collect())
        .collect()
}

/// λ_max + λ_min and λ_max/λ_min of the MSE's Hessian (2/n)·Σ x·xᵀ (bias
/// column last), in closed form: the quadratic formula for a line, the
/// trigonometric solution of the characteristic cubic with x² (good to
/// about √ε, 1e-8, where eigenvalues repeat).
fn eigen(rows: &[Vec<f64>]) -> (f64, f64) {
    let n = rows.len() as f64;
    let k = rows[0].len() + 1;
    let mut h = vec![vec![0.0; k]; k];
    for r in rows {
        let x: Vec<f64> = r.iter().copied().chain([1.0]).collect();
        for i in 0..k {
            for j in 0..k {
                h[i][j] += 2.0 * x[i] * x[j] / n;
            }
        }
    }
    if k == 2 {
        let (a, b, c) = (h[0][0], h[0][1], h[1][1]);
        let max = (a + c) / 2.0 + (((a - c) / 2.0).powi(2) + b * b).sqrt();
        // The determinant is 4·var(x), computed about the mean to keep its digits.
        let mean = rows.iter().map(|r| r[0]).sum::<f64>() / n;
        let var = rows.iter().map(|r| (r[0] - mean).powi(2)).sum::<f64>() / n;
        let min = 4.0 * var / max;
        return (max + min, max / min);
    }
    let p1 = h[0][1].powi(2) + h[0][2].powi(2) + h[1][2].powi(2);
    if p1 == 0.0 {
        let diagonal = [h[0][0], h[1][1], h[2][2]];
        let (max, min) = (
            diagonal.iter().copied().fold(0.0, f64::max),
            diagonal.iter().copied().fold(f64::INFINITY, f64::min),
        );
        return (max + min, max / min);
    }
    let q = (h[0][0] + h[1][1] + h[2][2]) / 3.0;
    let p2 = (h[0][0] - q).powi(2) + (h[1][1] - q).powi(2) + (h[2][2] - q).powi(2) + 2.0 * p1;
    let p = (p2 / 6.0).sqrt();
    let b: Vec<Vec<f64>> = (0..3)
        .map(|i| (0..3).map(|j| (h[i][j] - if i == j { q } else { 0.0 }) / p).collect())
        .collect();
    let det = b[0][0] * (b[1][1] * b[2][2] - b[1][2] * b[2][1]) - b[0][1] * (b[1][0] * b[2][2] - b[1][2] * b[2][0])
        + b[0][2] * (b[1][0] * b[2][1] - b[1][1] * b[2][0]);
    let phi = (det / 2.0).clamp(-1.0, 1.0).acos() / 3.0;
    let max = q + 2.0 * p * phi.cos();
    let min = q + 2.0 * p * (phi + 2.0 * std::f64::consts::PI / 3.0).cos();
    (max + min, max / min.max(0.0))
}

/// The MSE after `steps` steps of θ ← θ − α·(2/n)·Σ (θ·x + b − y)·x from zero.
fn descend(rows: &[Vec<f64>], points: &[[f32; 2]], alpha: f64, steps: usize) -> f64 {
    let n = rows.len() as f64;
    let k = rows[0].len();
    let (mut w, mut b) = (vec![0.0; k], 0.0);
    let error = |w: &[f64], b: f64, r: &[f64], y: f64| b + r.iter().zip(w).map(|(x, w)| x * w).sum::<f64>() - y;
    for _ in 0..steps {
        let (mut gw, mut gb) = (vec![0.0; k], 0.0);
        for (r, p) in rows.iter().zip(points) {
            let e = error(&w, b, r, p[1] as f64);
            for j in 0..k {
                gw[j] += 2.0 * e * r[j] / n;
            }
            gb += 2.0 * e / n;
        }
        for j in 0..k {
            w[j] -= alpha * gw[j];
        }
        b -= alpha * gb;
    }
    rows.iter()
        .zip(points)
        .map(|(r, p)| error(&w, b, r, p[1] as f64).powi(2))
        .sum::<f64>()
        / n
}

fn number(message: &Message, name: &str) -> f64 {
    match message.param(name) {
        Some(Param::Number(v)) => *v,
        other => panic!("{:?} has no number {name}: {other:?}", message.code),
    }
}

/// `shown` is `exact` as the page writes it, to two significant digits.
fn rounds_to(shown: f64, exact: f64) -> bool {
    (shown - exact).abs() <= 0.051 * exact.abs() + 1e-300
}

#[test]
fn every_sentence_about_standardising_holds_for_every_table_the_lab_can_hold() {
    let mut checked = [0usize; 3];
    for points in tables() {
        for features in [Features::X, Features::XSquared] {
            // Independent figures, [raw, standardised].
            let rows = [false, true].map(|s| inputs(&points, features, s));
            let sums = rows.clone().map(|r| eigen(&r));
            let best = sums.map(|(sum, _)| 2.0 / sum);
            let start = descend(&rows[0], &points, 0.0, 0);
            let after = [0, 1].map(|i| descend(&rows[i], &points, best[i], COMPARE_STEPS));
            for standardize in [false, true] {
                for learning_rate in rates() {
                    let lab = RegressionLab::new(RegressionSettings {
                        points: points.clone(),
                        features,
                        standardize,
                        learning_rate,
                        ..RegressionSettings::default()
                    });
                    let notes = lab.notes().expect("a table with points");
                    let context = format!("{points:?} {features} standardize={standardize} lr={learning_rate}");
                    // The figures the page writes in `std-compare`.
                    let c = &notes.comparison;
                    for i in 0..2 {
                        assert!(
                            (c.best_step[i] - best[i]).abs() <= 1e-6 * best[i],
                            "best step {i}: {} against {}: {context}",
                            c.best_step[i],
                            best[i]
                        );
                        assert!(
                            (c.mse_after[i] - after[i]).abs() <= 1e-6 * start.max(1e-12),
                            "MSE after {COMPARE_STEPS} steps {i}: {} against {}: {context}",
                            c.mse_after[i],
                            after[i]
                        );
                    }
                    // Which one gets closer, said only where it is so.
                    let gap = (after[0] - after[1]).abs() / after[0].max(after[1]);
                    if gap > 2e-3 {
                        let expected = if after[1] < after[0] {
                            Code::RegressionCloser
                        } else {
                            Code::RegressionFarther
                        };
                        assert_eq!(notes.compare.code, expected, "{after:?}: {context}");
                        checked[0] += 1;
                    } else if gap < 5e-4 {
                        assert_eq!(notes.compare.code, Code::RegressionAsClose, "{after:?}: {context}");
                    }
                    assert_eq!(number(&notes.compare, "steps"), COMPARE_STEPS as f64);
                    // α as a share of each best step, and whether that is fair.
                    let alpha = learning_rate as f64;
                    let shares = best.map(|b| alpha / b);
                    assert!(rounds_to(number(&notes.rate, "rate"), alpha), "{context}");
                    assert!(
                        rounds_to(number(&notes.rate, "raw"), shares[0]),
                        "{shares:?}: {context}"
                    );
                    assert!(
                        rounds_to(number(&notes.rate, "standardized"), shares[1]),
                        "{shares:?}: {context}"
                    );
                    let apart = shares[0].max(shares[1]) / shares[0].min(shares[1]);
                    if (apart / FAIR - 1.0).abs() > 1e-3 {
                        let expected = if apart < FAIR {
                            Code::RegressionFair
                        } else {
                            Code::RegressionUnfair
                        };
                        assert_eq!(notes.rate.code, expected, "{shares:?}: {context}");
                        checked[1] += 1;
                    }
                    // The surface's shape, for a line only: with x² there is none over (w, b).
                    let which = usize::from(standardize);
                    match (features, &notes.surface) {
                        (Features::XSquared, surface) => assert_eq!(surface, &None, "{context}"),
                        (Features::X, None) => panic!("a line has its surface: {context}"),
                        (Features::X, Some(shape)) => {
                            let ratio = sums[which].1.sqrt();
                            if ratio > LONGEST * 1.001 || !ratio.is_finite() {
                                assert_eq!(shape.code, Code::RegressionFlat, "{ratio}: {context}");
                                assert_eq!(number(shape, "most"), LONGEST);
                            } else if ratio < LONGEST * 0.999 {
                                let expected = if ratio <= ROUND {
                                    Code::RegressionBowl
                                } else {
                                    Code::RegressionValley
                                };
                                if (ratio / ROUND - 1.0).abs() > 1e-3 {
                                    assert_eq!(shape.code, expected, "{ratio}: {context}");
                                }
                                assert!(rounds_to(number(shape, "ratio"), ratio), "{ratio}: {context}");
                            }
                            checked[2] += 1;
                        }
                    }
                }
            }
        }
    }
    // The checks above ran, not only their exceptions.
    assert!(checked.iter().all(|&n| n > 100), "{checked:?}");
}

#[test]
fn standardised_inputs_never_leave_a_line_farther_from_the_bottom_on_any_table() {
    // For a line on standardised x the Hessian is 2·I: the best step, 1/2,
    // lands on the least-squares line in one step. So the page may say
    // "closer" or "as close", never "farther".
    for points in tables() {
        let lab = RegressionLab::new(RegressionSettings {
            points: points.clone(),
            ..RegressionSettings::default()
        });
        let notes = lab.notes().expect("points");
        assert_ne!(notes.compare.code, Code::RegressionFarther, "{points:?}");
    }
}
