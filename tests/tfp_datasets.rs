//! The two-class sets and the 2D regression sets follow TensorFlow
//! Playground's generators (src/dataset.ts in tensorflow/playground), noise
//! included: its noise percentage p is our noise p / 100. Each check is its
//! formula, at no noise and at its 25 %.

use neuroplay::data::datasets::{gauss_variance, view_domain, DatasetKind, BUMPS};
use neuroplay::data::Dataset;
use neuroplay::random::seeded;
use std::f32::consts::PI;

const N: usize = 2000;
/// Its 25 %.
const NOISE: f32 = 0.25;

fn make(kind: DatasetKind, noise: f32) -> Dataset {
    kind.generate(N, noise, 2, &mut seeded(11, 1))
}

fn radius(p: [f32; 2]) -> f32 {
    p[0].hypot(p[1])
}

fn count(d: &Dataset, class: f32) -> usize {
    d.targets.iter().filter(|&&y| y == class).count()
}

/// How many points carry the other class than their place says.
fn flipped(d: &Dataset, place: impl Fn([f32; 2]) -> f32) -> usize {
    d.points
        .iter()
        .zip(&d.targets)
        .filter(|(p, y)| place(**p) != **y)
        .count()
}

#[test]
fn circle_a_disc_of_radius_2_5_in_a_ring_from_3_5_to_5_whose_labels_flip_near_the_edge() {
    let inside = |p: [f32; 2]| if radius(p) < 2.5 { 1.0 } else { 0.0 };
    for noise in [0.0, NOISE] {
        let d = make(DatasetKind::Circle, noise);
        // The points stay where they are drawn, whatever the noise.
        for (i, p) in d.points.iter().enumerate() {
            let r = radius(*p);
            let ok = if i < N / 2 { r <= 2.5 } else { (3.5..=5.0).contains(&r) };
            assert!(ok, "noise {noise}: point {i} at r = {r}");
        }
        let flips = flipped(&d, inside);
        if noise == 0.0 {
            assert_eq!(flips, 0);
            assert_eq!(count(&d, 1.0), N / 2, "half inside, half outside");
        } else {
            // The label is read at a position jittered by up to 5·noise in x and y.
            let reach = 5.0 * noise * 2f32.sqrt();
            for (p, &y) in d.points.iter().zip(&d.targets) {
                if inside(*p) != y {
                    assert!((radius(*p) - 2.5).abs() < reach, "a flip far from the edge at {p:?}");
                }
            }
            assert!(flips > N / 50, "labels flip near the edge: {flips}");
        }
    }
}

#[test]
fn xor_quadrants_padded_by_0_3_whose_labels_flip_near_the_axes() {
    let quadrant = |p: [f32; 2]| if p[0] * p[1] >= 0.0 { 1.0 } else { 0.0 };
    for noise in [0.0, NOISE] {
        let d = make(DatasetKind::Xor, noise);
        assert!(d.points.iter().flatten().all(|v| (0.3..=5.3).contains(&v.abs())));
        let flips = flipped(&d, quadrant);
        if noise == 0.0 {
            assert_eq!(flips, 0);
        } else {
            for (p, &y) in d.points.iter().zip(&d.targets) {
                if quadrant(*p) != y {
                    assert!(
                        p[0].abs().min(p[1].abs()) < 5.0 * noise,
                        "a flip far from the axes at {p:?}"
                    );
                }
            }
            assert!(flips > N / 50, "{flips}");
        }
        let ones = count(&d, 1.0) as f32 / N as f32;
        assert!((ones - 0.5).abs() < 0.05, "about balanced: {ones}");
    }
}

#[test]
fn gauss_two_clouds_at_plus_and_minus_2_with_variance_half_plus_7_noise() {
    assert_eq!(gauss_variance(0.0), 0.5);
    assert_eq!(gauss_variance(0.5), 4.0, "its 50 %");
    for noise in [0.0, NOISE] {
        let d = make(DatasetKind::Gauss, noise);
        assert_eq!(count(&d, 1.0), N / 2);
        for (class, centre) in [(1.0, 2.0), (0.0, -2.0)] {
            let xs: Vec<f32> = d
                .points
                .iter()
                .zip(&d.targets)
                .filter(|(_, &y)| y == class)
                .flat_map(|(p, _)| *p)
                .collect();
            let mean = xs.iter().sum::<f32>() / xs.len() as f32;
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / xs.len() as f32;
            let expected = 0.5 + 7.0 * noise;
            assert!((mean - centre).abs() < 0.1, "mean {mean}");
            assert!(
                (var / expected - 1.0).abs() < 0.08,
                "noise {noise}: variance {var}, not {expected}"
            );
        }
    }
}

#[test]
fn spiral_two_arms_of_1_75_turns_class_1_the_arm_through_0_r_jittered_by_noise() {
    for noise in [0.0, NOISE] {
        let d = make(DatasetKind::Spiral, noise);
        assert_eq!(count(&d, 1.0), N / 2);
        let per_arm = N / 2;
        for class in [1.0, 0.0] {
            // Its arm of the positive class starts at angle 0, the other at π.
            let offset = if class == 1.0 { 0.0 } else { PI };
            let arm: Vec<[f32; 2]> = d
                .points
                .iter()
                .zip(&d.targets)
                .filter(|(_, &y)| y == class)
                .map(|(p, _)| *p)
                .collect();
            for (k, p) in arm.iter().enumerate() {
                let step = k as f32 / per_arm as f32;
                let (r, t) = (5.0 * step, 1.75 * 2.0 * PI * step + offset);
                let (dx, dy) = (p[0] - r * t.sin(), p[1] - r * t.cos());
                assert!(
                    dx.abs() <= noise + 1e-4 && dy.abs() <= noise + 1e-4,
                    "class {class}, point {k}: off by ({dx}, {dy})"
                );
            }
        }
    }
}

#[test]
fn regression_values_are_read_at_the_jittered_place() {
    let cone = |p: [f32; 2]| {
        BUMPS
            .iter()
            .map(|&(cx, cy, s): &(f32, f32, f32)| s * (1.0 - (p[0] - cx).hypot(p[1] - cy) / 2.0).clamp(0.0, 1.0))
            .fold(0.0_f32, |m, v| if v.abs() > m.abs() { v } else { m })
    };
    let plane = |p: [f32; 2]| (p[0] + p[1]) / 10.0;
    for (kind, f) in [
        (DatasetKind::Plane, &plane as &dyn Fn([f32; 2]) -> f32),
        (DatasetKind::Gaussians, &cone),
    ] {
        let d = make(kind, 0.0);
        for (p, &y) in d.points.iter().zip(&d.targets) {
            assert!((y - f(*p)).abs() < 1e-5, "{kind}: {p:?} {y}");
        }
        let noisy = make(kind, NOISE);
        assert!(
            noisy.points.iter().flatten().all(|v| v.abs() <= 6.0),
            "{kind}: points stay"
        );
        let moved = noisy
            .points
            .iter()
            .zip(&noisy.targets)
            .filter(|(p, &y)| (y - f(**p)).abs() > 1e-3)
            .count();
        assert!(moved > N / 4, "{kind}: values read elsewhere {moved}");
    }
}

#[test]
fn no_point_leaves_the_view_at_any_noise_level() {
    for kind in DatasetKind::ALL.into_iter().filter(|k| !k.is_own()) {
        for noise in [0.0, 0.25, 0.5, 1.0] {
            let d = kind.generate(N, noise, 4, &mut seeded(5, 1));
            let ([x0, x1], [y0, y1]) = view_domain(kind, &d);
            assert!(
                x0 <= -6.0 && x1 >= 6.0 || kind == DatasetKind::Table,
                "{kind}: the usual view at least"
            );
            for (p, &y) in d.points.iter().zip(&d.targets) {
                let v = if kind.is_1d() { [p[0], y] } else { *p };
                assert!(
                    (x0..=x1).contains(&v[0]) && (y0..=y1).contains(&v[1]),
                    "{kind} at {noise}: {v:?} outside"
                );
            }
        }
    }
    // At no noise the usual square.
    let d = DatasetKind::Circle.generate(N, 0.0, 2, &mut seeded(5, 1));
    assert_eq!(view_domain(DatasetKind::Circle, &d), ([-6.0, 6.0], [-6.0, 6.0]));
}
