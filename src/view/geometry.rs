//! Plane geometry the figures need: cutting a polyline to a window.

/// The parts of a polyline inside the window x × y, each a polyline of its
/// own: every segment cut where it crosses the border (Liang–Barsky).
pub fn clip(points: &[(f64, f64)], x: (f64, f64), y: (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut open = false;
    for ab in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (ab[0], ab[1]);
        let (dx, dy) = (x1 - x0, y1 - y0);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        let mut inside = true;
        for (p, q) in [(-dx, x0 - x.0), (dx, x.1 - x0), (-dy, y0 - y.0), (dy, y.1 - y0)] {
            if p == 0.0 {
                inside &= q >= 0.0;
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        if !inside || t0 > t1 || !(t0.is_finite() && t1.is_finite()) {
            open = false;
            continue;
        }
        let (a, b) = ((x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy));
        if !(open && t0 == 0.0) {
            runs.push(vec![a]);
        }
        runs.last_mut().expect("pushed").push(b);
        // The next segment continues this run only if this one reached its end.
        open = t1 == 1.0;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_cut_at_the_border_not_bent_along_it() {
        let window = ((0.0, 10.0), (0.0, 10.0));
        // A steep line through the window: one run, from border to border.
        let runs = clip(&[(0.0, -10.0), (10.0, 30.0)], window.0, window.1);
        assert_eq!(runs, vec![vec![(2.5, 0.0), (5.0, 10.0)]]);
        // A polyline that leaves and comes back: two runs.
        let runs = clip(&[(1.0, 1.0), (2.0, 20.0), (3.0, 1.0), (4.0, 2.0)], window.0, window.1);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[1].last(), Some(&(4.0, 2.0)));
        assert!(runs
            .iter()
            .flatten()
            .all(|&(x, y)| (0.0..=10.0).contains(&x) && (0.0..=10.0).contains(&y)));
        // Wholly outside: nothing.
        assert!(clip(&[(-5.0, -5.0), (-1.0, -2.0)], window.0, window.1).is_empty());
        // Wholly inside: the polyline itself.
        let inside = vec![(1.0, 1.0), (2.0, 3.0), (4.0, 4.0)];
        assert_eq!(clip(&inside, window.0, window.1), vec![inside]);
    }
}
