//! A function of two variables over a rectangle, sampled on a grid, for
//! the labs' heatmaps: shaded on a colour-blind-safe sequential map, with
//! contour lines by marching squares. Values are shaded through asinh, so
//! that a surface spanning many orders of magnitude (w2³, Rosenbrock's
//! valley) still shows its shape.

use super::colormap::Rgb;

/// The cividis map (Nuñez, Anderton and Renslow, 2018), made for every kind
/// of colour vision: dark blue for the lowest values to yellow for the highest.
const CIVIDIS: [Rgb; 6] = [
    [0x00, 0x20, 0x4c],
    [0x31, 0x44, 0x6b],
    [0x66, 0x69, 0x70],
    [0x95, 0x8f, 0x78],
    [0xcb, 0xba, 0x69],
    [0xff, 0xea, 0x46],
];

/// The cividis colour of `t` in [0, 1].
pub fn cividis(t: f64) -> Rgb {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 1.0 };
    let x = t * (CIVIDIS.len() - 1) as f64;
    let i = (x.floor() as usize).min(CIVIDIS.len() - 2);
    let f = x - i as f64;
    let (a, b) = (CIVIDIS[i], CIVIDIS[i + 1]);
    [0, 1, 2].map(|k| (a[k] as f64 + (b[k] as f64 - a[k] as f64) * f).round() as u8)
}

/// Samples of a function on a `size` × `size` grid of cell centres.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Cells per side.
    pub size: usize,
    /// [x range] and [y range].
    pub window: ([f64; 2], [f64; 2]),
    /// The function at each cell centre, row by row from the top (largest y).
    pub values: Vec<f64>,
    /// The values as shaded, in [0, 1]: asinh-compressed and normalised.
    pub shades: Vec<f64>,
}

impl Field {
    /// Samples `f` over `window`.
    pub fn sample(size: usize, window: ([f64; 2], [f64; 2]), f: impl Fn([f64; 2]) -> f64) -> Field {
        let ([x0, x1], [y0, y1]) = window;
        let mut values = Vec::with_capacity(size * size);
        for row in 0..size {
            let y = y1 - (row as f64 + 0.5) / size as f64 * (y1 - y0);
            for col in 0..size {
                let x = x0 + (col as f64 + 0.5) / size as f64 * (x1 - x0);
                values.push(f([x, y]));
            }
        }
        let shades = shade(&values);
        Field {
            size,
            window,
            values,
            shades,
        }
    }

    /// The field shaded around `levels` (a surface's values at its
    /// stationary points): asinh((v − c)/s), c the lowest level and s their
    /// spread (a hundredth of the field's range for a single level), mapped
    /// onto [0, 1]. Values near the levels get most of the colours, so a
    /// shallow local minimum and a saddle beside it show on a surface
    /// spanning thousands of times their depth; far values fade
    /// logarithmically. Without levels the shading stays as it is.
    pub fn shaded_around(mut self, levels: &[f64]) -> Field {
        let finite = || self.values.iter().copied().filter(|v| v.is_finite());
        let (Some(c), Some(top)) = (
            levels.iter().copied().reduce(f64::min),
            levels.iter().copied().reduce(f64::max),
        ) else {
            return self;
        };
        let (lo, hi) = finite().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
        if lo >= hi {
            return self;
        }
        let s = if top > c { top - c } else { (hi - lo) / 100.0 };
        let shade = |v: f64| ((v - c) / s).asinh();
        let (low, high) = (shade(lo), shade(hi));
        self.shades = self
            .values
            .iter()
            .map(|&v| {
                if v.is_finite() {
                    (shade(v) - low) / (high - low)
                } else {
                    1.0
                }
            })
            .collect();
        self
    }

    /// The heatmap as RGBA, one pixel a cell.
    pub fn rgba(&self, out: &mut Vec<u8>) {
        out.clear();
        for &t in &self.shades {
            let c = cividis(t);
            out.extend_from_slice(&[c[0], c[1], c[2], 255]);
        }
    }

    /// Where `p` falls as a share of the window: x from the left, y from the top.
    pub fn to_unit(&self, p: [f64; 2]) -> [f64; 2] {
        let ([x0, x1], [y0, y1]) = self.window;
        [(p[0] - x0) / (x1 - x0), (y1 - p[1]) / (y1 - y0)]
    }

    /// The point at a share of the window (the inverse of [`Field::to_unit`]).
    pub fn from_unit(&self, u: [f64; 2]) -> [f64; 2] {
        let ([x0, x1], [y0, y1]) = self.window;
        [x0 + u[0] * (x1 - x0), y1 - u[1] * (y1 - y0)]
    }

    /// Contour lines at `levels` evenly spaced shades strictly between the
    /// lowest and the highest, as segments in window coordinates.
    pub fn contours(&self, levels: usize) -> Vec<[[f64; 2]; 2]> {
        let n = self.size;
        let mut segments = Vec::new();
        // The centre of cell (row, col) in window coordinates.
        let at = |row: f64, col: f64| self.from_unit([(col + 0.5) / n as f64, (row + 0.5) / n as f64]);
        for k in 1..=levels {
            let level = k as f64 / (levels + 1) as f64;
            for r in 0..n.saturating_sub(1) {
                for c in 0..n.saturating_sub(1) {
                    // Corners clockwise from the top left.
                    let v = [
                        self.shades[r * n + c],
                        self.shades[r * n + c + 1],
                        self.shades[(r + 1) * n + c + 1],
                        self.shades[(r + 1) * n + c],
                    ];
                    let corner = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)];
                    // The crossing on each edge i (from corner i to corner i + 1).
                    let mut crossings = Vec::with_capacity(4);
                    for i in 0..4 {
                        let (a, b) = (v[i], v[(i + 1) % 4]);
                        if (a < level) != (b < level) {
                            let t = (level - a) / (b - a);
                            let (p, q) = (corner[i], corner[(i + 1) % 4]);
                            crossings.push(at(r as f64 + p.0 + t * (q.0 - p.0), c as f64 + p.1 + t * (q.1 - p.1)));
                        }
                    }
                    // Two crossings make a segment; four (a saddle) make two.
                    for pair in crossings.chunks_exact(2) {
                        segments.push([pair[0], pair[1]]);
                    }
                }
            }
        }
        segments
    }
}

/// Shades in [0, 1]: asinh((v − min)/s), with s a tenth of the spread of
/// the middle 80 % of the values, normalised to the largest.
fn shade(values: &[f64]) -> Vec<f64> {
    let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.is_empty() {
        return vec![0.0; values.len()];
    }
    finite.sort_by(f64::total_cmp);
    let min = finite[0];
    let quantile = |q: f64| finite[((finite.len() - 1) as f64 * q).round() as usize];
    let s = ((quantile(0.9) - quantile(0.1)) / 10.0).max(1e-12);
    let top = ((finite[finite.len() - 1] - min) / s).asinh().max(1e-12);
    values
        .iter()
        .map(|&v| {
            if v.is_finite() {
                ((v - min) / s).asinh() / top
            } else {
                1.0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bowl_is_darkest_at_its_centre_and_its_contours_are_circles() {
        let f = Field::sample(41, ([-2.0, 2.0], [-2.0, 2.0]), |[x, y]| x * x + y * y);
        let centre = f.shades[20 * 41 + 20];
        assert!(centre < 1e-3 && f.shades[0] > 0.9, "{centre} {}", f.shades[0]);
        let segments = f.contours(3);
        assert!(!segments.is_empty());
        // Every contour point of one level lies about one radius from the centre.
        let radii: Vec<f64> = f
            .contours(1)
            .iter()
            .flatten()
            .map(|p| (p[0] * p[0] + p[1] * p[1]).sqrt())
            .collect();
        let (lo, hi) = radii
            .iter()
            .fold((f64::MAX, 0.0_f64), |(a, b), &r| (a.min(r), b.max(r)));
        assert!(hi - lo < 0.15, "a circle: radii {lo}..{hi}");
    }

    #[test]
    fn unit_coordinates_round_trip() {
        let f = Field::sample(4, ([-1.0, 3.0], [0.0, 2.0]), |_| 0.0);
        let p = [0.5, 1.5];
        let back = f.from_unit(f.to_unit(p));
        assert!((back[0] - p[0]).abs() < 1e-12 && (back[1] - p[1]).abs() < 1e-12);
        assert_eq!(f.to_unit([-1.0, 2.0]), [0.0, 0.0], "top left");
        assert_eq!(cividis(0.0), CIVIDIS[0]);
        assert_eq!(cividis(1.0), CIVIDIS[5]);
    }

    #[test]
    fn huge_ranges_still_shade_their_shape() {
        // w2³ over [−3, 3] spans −27..27, but the bowl near the minimum still shows.
        let f = Field::sample(60, ([-3.0, 3.0], [-3.0, 3.0]), |[a, b]| a * a + b * b * b - a * b);
        let distinct = {
            let mut s: Vec<u64> = f.shades.iter().map(|v| (v * 50.0) as u64).collect();
            s.sort();
            s.dedup();
            s.len()
        };
        assert!(distinct > 30, "{distinct} bands");
    }

    #[test]
    fn shaded_around_its_stationary_values_the_lectures_minimum_and_saddle_stand_out() {
        let lecture = |[a, b]: [f64; 2]| a * a + b * b * b - a * b;
        let n = 160;
        let plain = Field::sample(n, ([-3.0, 3.0], [-3.0, 3.0]), lecture);
        let around = plain.clone().shaded_around(&[-1.0 / 432.0, 0.0]);
        // The shade of the cell holding p.
        let at = |f: &Field, p: [f64; 2]| {
            let u = f.to_unit(p);
            f.shades[(u[1] * n as f64) as usize * n + (u[0] * n as f64) as usize]
        };
        // Around the minimum (1/12, 1/6) every way is up; across the saddle
        // (0, 0) two opposite quadrants are up and two are down.
        let contrast = |f: &Field| {
            let bottom = at(f, [1.0 / 12.0, 1.0 / 6.0]);
            let rim = [[0.45, 0.35], [-0.25, 0.1], [0.1, 0.5], [0.1, -0.15]].map(|p| at(f, p) - bottom);
            let saddle = at(f, [0.3, -0.3]).min(at(f, [-0.3, 0.3])) - at(f, [0.3, 0.3]).max(at(f, [-0.3, -0.3]));
            (rim.into_iter().fold(f64::INFINITY, f64::min), saddle)
        };
        let (rim, saddle) = contrast(&around);
        assert!(rim > 0.08 && saddle > 0.05, "shaded around: rim {rim}, saddle {saddle}");
        // Shaded from the map's lowest value, both are lost in one colour.
        let (rim, saddle) = contrast(&plain);
        assert!(rim < 0.02 && saddle < 0.02, "plain: rim {rim}, saddle {saddle}");
        // The order of values is kept: darker is lower.
        let mut cells: Vec<(f64, f64)> = around
            .values
            .iter()
            .copied()
            .zip(around.shades.iter().copied())
            .collect();
        cells.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(cells.windows(2).all(|w| w[0].1 <= w[1].1));
        assert_eq!(around.shades.iter().copied().fold(f64::NAN, f64::min), 0.0);
        assert!((around.shades.iter().copied().fold(f64::NAN, f64::max) - 1.0).abs() < 1e-12);
    }
}
