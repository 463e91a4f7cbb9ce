//! The user's units: how an imported file's columns map into the view
//! (value′ = (value − offset) · scale, per axis), fitted to the file's
//! range or to a robust range (the 1st to 99th percentile), with how the
//! file was read. Own rows are kept in the file's units at full precision;
//! the data the network trains on is mapped into the view by [`Units`], the
//! model file records the same map as its input transform, and the axes,
//! the exported CSV and the exported scripts speak the file's units.

use super::csv::Dialect;
use super::datasets::EXTENT;
use serde::{Deserialize, Serialize};

/// Imported inputs are mapped onto [−VIEW, VIEW].
pub const VIEW: f32 = 5.0;
/// An imported curve's values are mapped onto [−CURVE, CURVE].
pub const CURVE: f32 = 1.8;
/// The share of the points at each end a robust range leaves out (1 %).
pub const TAIL: f32 = 0.01;
/// An axis is squeezed when the middle 98 % of its points span less than
/// this share of the view.
pub const SQUEEZED: f32 = 0.1;

/// How an axis is mapped into the view: value′ = (value − offset) × scale.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Axis {
    /// Subtracted first: the middle of the axis's range.
    pub offset: f32,
    /// Then multiplied by.
    pub scale: f32,
}

impl Default for Axis {
    fn default() -> Self {
        Axis {
            offset: 0.0,
            scale: 1.0,
        }
    }
}

impl Axis {
    /// The mapping that puts [lo, hi] onto [−to, to] (a point onto 0).
    pub fn fit(lo: f32, hi: f32, to: f32) -> Axis {
        let half = (hi - lo) / 2.0;
        Axis {
            offset: (lo + hi) / 2.0,
            scale: if half > 0.0 && (to / half).is_finite() {
                to / half
            } else {
                1.0
            },
        }
    }

    /// A value of the file in the view's units.
    pub fn to_view(self, v: f32) -> f32 {
        (v - self.offset) * self.scale
    }

    /// A value of the view in the file's units.
    pub fn to_file(self, v: f32) -> f32 {
        v / self.scale + self.offset
    }

    /// Whether the axis is the view's own.
    pub fn is_identity(self) -> bool {
        self == Axis::default()
    }
}

/// The units of the user's rows: the map of x1, x2 and the target into the
/// view (the identity where an axis is kept), and how the file was read.
/// The default is the view's own units (drawn points).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Units {
    /// x1, x2 and the target (x, unused and y for a curve).
    pub axes: [Axis; 3],
    /// How the file was read; none for points drawn in the view.
    pub dialect: Option<Dialect>,
}

/// Which range a file is mapped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    /// Its smallest to its largest value.
    Full,
    /// Its 1st to its 99th percentile; rows beyond the view are left out.
    Robust,
}

impl Units {
    /// Whether these are the view's own units, with no file behind them.
    pub fn is_view(&self) -> bool {
        self.dialect.is_none() && self.axes.iter().all(|a| a.is_identity())
    }

    /// What a link's units that could not be read become: refused by the
    /// settings' check ([`Units::is_readable`]), naming the key.
    pub fn unreadable() -> Units {
        Units {
            axes: [Axis {
                offset: f32::NAN,
                scale: f32::NAN,
            }; 3],
            dialect: None,
        }
    }

    /// Whether every axis maps by finite numbers and a scale other than 0.
    pub fn is_readable(&self) -> bool {
        self.axes
            .iter()
            .all(|a| a.offset.is_finite() && a.scale.is_finite() && a.scale != 0.0)
    }

    /// A row (x1, x2, target) of the file in the view's units.
    pub fn to_view(&self, r: [f32; 3]) -> [f32; 3] {
        [0, 1, 2].map(|i| self.axes[i].to_view(r[i]))
    }

    /// A row of the view in the file's units.
    pub fn to_file(&self, r: [f32; 3]) -> [f32; 3] {
        [0, 1, 2].map(|i| self.axes[i].to_file(r[i]))
    }

    /// Fits the map of `rows` (in the file's units; a curve's x2 is unused)
    /// by `range`, keeping the target of classes and values. Returns the
    /// units and the rows kept: with a robust range, the rows that would
    /// fall beyond the view's extent are left out.
    pub fn fit(rows: &[[f32; 3]], curve: bool, range: Range, dialect: Option<Dialect>) -> (Units, Vec<[f32; 3]>) {
        let spans = |i: usize| match range {
            Range::Full => full_range(rows, i),
            Range::Robust => robust_range(rows, i),
        };
        let axes = if curve {
            let ((x0, x1), (y0, y1)) = (spans(0), spans(2));
            [Axis::fit(x0, x1, VIEW), Axis::default(), Axis::fit(y0, y1, CURVE)]
        } else {
            let ((a0, a1), (b0, b1)) = (spans(0), spans(1));
            [Axis::fit(a0, a1, VIEW), Axis::fit(b0, b1, VIEW), Axis::default()]
        };
        let units = Units { axes, dialect };
        let kept = rows
            .iter()
            .copied()
            .filter(|&r| range == Range::Full || units.fits(r, curve))
            .collect();
        (units, kept)
    }

    /// Whether row `r` of the file falls within the view's extent.
    pub fn fits(&self, r: [f32; 3], curve: bool) -> bool {
        let v = self.to_view(r);
        let inputs = if curve { &v[..1] } else { &v[..2] };
        inputs.iter().all(|c| c.is_finite() && c.abs() <= EXTENT)
    }

    /// The first input axis (0 or 1; 2 for a curve's values) along which
    /// the middle 98 % of `rows` span less than a tenth of the view: a few
    /// far points squeeze the rest into a corner.
    pub fn squeezed(&self, rows: &[[f32; 3]], curve: bool) -> Option<usize> {
        let axes: &[usize] = if curve { &[0, 2] } else { &[0, 1] };
        axes.iter().copied().find(|&i| {
            let (lo, hi) = robust_range(rows, i);
            let (full_lo, full_hi) = full_range(rows, i);
            let view = 2.0 * if i == 2 { CURVE } else { VIEW };
            // A constant column is not squeezed by anything.
            full_hi > full_lo && (self.axes[i].to_view(hi) - self.axes[i].to_view(lo)).abs() < SQUEEZED * view
        })
    }

    /// The units in link form: empty for the view's own, else the JSON of
    /// the units with every character a link could misread percent-encoded.
    pub fn to_link(&self) -> String {
        if self.is_view() {
            return String::new();
        }
        let json = serde_json::to_string(self).expect("units serialise");
        let mut out = String::with_capacity(json.len());
        for b in json.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~:,[]{}".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    /// Reads the units' link form (decoded); empty is the view's own.
    pub fn from_link(text: &str) -> Option<Units> {
        if text.trim().is_empty() {
            return Some(Units::default());
        }
        let units: Units = serde_json::from_str(text).ok()?;
        units.is_readable().then_some(units)
    }

    /// Each axis's name: the header's column for x1, x2 and the label (or
    /// x and y for a curve), when the file had a header.
    pub fn names(&self) -> Option<[String; 3]> {
        let d = self.dialect.as_ref()?;
        let header = d.header.as_ref()?;
        let name = |i: usize| header.get(d.columns[i]).cloned().unwrap_or_default();
        Some([name(0), name(1), name(2)])
    }
}

/// The smallest and largest value of column `i`.
fn full_range(rows: &[[f32; 3]], i: usize) -> (f32, f32) {
    rows.iter().fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), r| {
        (lo.min(r[i]), hi.max(r[i]))
    })
}

/// The 1st and the 99th percentile of column `i` (nearest rank, rounded
/// outwards, so that a set of fewer than 100 points keeps its range).
fn robust_range(rows: &[[f32; 3]], i: usize) -> (f32, f32) {
    if rows.is_empty() {
        return (f32::INFINITY, f32::NEG_INFINITY);
    }
    let mut v: Vec<f32> = rows.iter().map(|r| r[i]).collect();
    v.sort_by(f32::total_cmp);
    let last = (v.len() - 1) as f32;
    (
        v[(TAIL * last).floor() as usize],
        v[((1.0 - TAIL) * last).ceil() as usize],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file: 199 points in [0, 1]² (class 0 left of 0.5, class 1
    /// right of it) and one row `1000,1000,0`.
    pub(crate) fn outlier_file() -> Vec<[f32; 3]> {
        let mut rows: Vec<[f32; 3]> = (0..199)
            .map(|i| {
                let x = (i as f32 + 0.5) / 199.0;
                let y = ((i * 37) % 199) as f32 / 198.0;
                [x, y, if x < 0.5 { 0.0 } else { 1.0 }]
            })
            .collect();
        rows.push([1000.0, 1000.0, 0.0]);
        rows
    }

    #[test]
    fn an_outlier_squeezes_the_rest_and_is_named_then_a_robust_range_spreads_them() {
        let rows = outlier_file();
        let (full, kept) = Units::fit(&rows, false, Range::Full, None);
        assert_eq!(kept.len(), 200, "the full range keeps every row");
        assert_eq!(full.squeezed(&rows, false), Some(0), "x1 is squeezed");
        // Nothing is rounded away: the 199 points keep 199 distinct places.
        let mut places: Vec<[u32; 2]> = rows[..199]
            .iter()
            .map(|&r| {
                let v = full.to_view(r);
                [v[0].to_bits(), v[1].to_bits()]
            })
            .collect();
        places.sort();
        places.dedup();
        assert_eq!(places.len(), 199);
        let (robust, kept) = Units::fit(&rows, false, Range::Robust, None);
        assert_eq!(kept.len(), 199, "the far row is left out");
        assert_eq!(robust.squeezed(&kept, false), None);
        let xs: Vec<f32> = kept.iter().map(|&r| robust.to_view(r)[0]).collect();
        let spread =
            xs.iter().cloned().fold(f32::NEG_INFINITY, f32::max) - xs.iter().cloned().fold(f32::INFINITY, f32::min);
        assert!(spread > 9.0, "the points fill the view: {spread}");
    }

    #[test]
    fn a_file_spread_evenly_is_not_squeezed_and_maps_back_to_its_units() {
        let rows = [[10.0, 100.0, 0.0], [20.0, 300.0, 1.0], [15.0, 200.0, 2.0]];
        let (u, _) = Units::fit(&rows, false, Range::Full, None);
        assert_eq!(u.squeezed(&rows, false), None);
        assert_eq!(u.to_view(rows[0]), [-VIEW, -VIEW, 0.0]);
        assert_eq!(
            u.axes[0],
            Axis {
                offset: 15.0,
                scale: 1.0
            }
        );
        for r in rows {
            let back = u.to_file(u.to_view(r));
            assert!((0..3).all(|i| (back[i] - r[i]).abs() <= 1e-5 * r[i].abs().max(1.0)));
        }
        let (curve, _) = Units::fit(&[[-1.0, 0.0, 10.0], [1.0, 0.0, 30.0]], true, Range::Full, None);
        assert_eq!(curve.to_view([1.0, 0.0, 30.0]), [VIEW, 0.0, CURVE]);
    }

    #[test]
    fn units_survive_their_link_form_and_a_bad_one_is_refused() {
        let dialect = Dialect {
            separator: ';',
            decimal_comma: true,
            encoding: "cp1250",
            header: Some(vec!["výška & váha".into(), "x%2".into(), "třída".into()]),
            columns: [0, 1, 2],
            class_names: vec!["ano".into(), "ne".into()],
        };
        let (u, _) = Units::fit(&outlier_file(), false, Range::Full, Some(dialect));
        let link = u.to_link();
        assert!(
            !link.contains('&') && !link.contains('"') && !link.contains(' '),
            "{link}"
        );
        let decoded = crate::config::link::decode(&link).expect("decodes");
        assert_eq!(Units::from_link(&decoded), Some(u));
        assert_eq!(Units::default().to_link(), "");
        assert_eq!(Units::from_link(""), Some(Units::default()));
        assert_eq!(Units::from_link("{\"axes\":1}"), None);
    }
}
