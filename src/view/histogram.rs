//! Counts of values in equal-width bins over an interval [lo, hi).

/// A histogram with `counts.len()` bins of equal width over [lo, hi).
///
/// A value below `lo` or at or above `hi` is counted in the first or last
/// bin, so the counts always add up to the number of values added; NaN is
/// not counted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Histogram {
    /// Lower end of the first bin.
    pub lo: f32,
    /// Upper end of the last bin (excluded).
    pub hi: f32,
    /// Values counted in each bin.
    pub counts: Vec<u32>,
}

impl Histogram {
    /// An empty histogram of `bins` bins over [lo, hi).
    pub fn new(lo: f32, hi: f32, bins: usize) -> Histogram {
        let mut h = Histogram::default();
        h.reset(lo, hi, bins);
        h
    }

    /// Empties the histogram and sets its bins, reusing the allocation.
    pub fn reset(&mut self, lo: f32, hi: f32, bins: usize) {
        assert!(
            hi > lo && bins > 0,
            "a histogram needs lo < hi and a bin, got [{lo}, {hi}) and {bins}"
        );
        self.lo = lo;
        self.hi = hi;
        self.counts.clear();
        self.counts.resize(bins, 0);
    }

    /// Number of bins.
    pub fn bins(&self) -> usize {
        self.counts.len()
    }

    /// Width of one bin.
    pub fn bin_width(&self) -> f32 {
        (self.hi - self.lo) / self.bins() as f32
    }

    /// The bin `v` falls in, the edge bins taking everything beyond them.
    pub fn bin_of(&self, v: f32) -> usize {
        let i = ((v - self.lo) / self.bin_width()).floor();
        // `as` saturates: below 0 (and −∞) gives 0, beyond the end the last bin.
        (i.max(0.0) as usize).min(self.bins() - 1)
    }

    /// The left and right edge of bin `i`.
    pub fn edges(&self, i: usize) -> (f32, f32) {
        let w = self.bin_width();
        (self.lo + i as f32 * w, self.lo + (i + 1) as f32 * w)
    }

    /// Counts `v`.
    pub fn add(&mut self, v: f32) {
        if !v.is_nan() {
            let i = self.bin_of(v);
            self.counts[i] += 1;
        }
    }

    /// Counts every value of `values`.
    pub fn add_all(&mut self, values: &[f32]) {
        for &v in values {
            self.add(v);
        }
    }

    /// Number of values counted.
    pub fn total(&self) -> u64 {
        self.counts.iter().map(|&c| c as u64).sum()
    }

    /// The largest count of one bin.
    pub fn max_count(&self) -> u32 {
        self.counts.iter().copied().max().unwrap_or(0)
    }

    /// Share of all values that fell in bin `i` (0 when empty).
    pub fn share(&self, i: usize) -> f32 {
        let total = self.total();
        if total == 0 {
            0.0
        } else {
            self.counts[i] as f32 / total as f32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_land_in_the_bin_whose_edges_hold_them() {
        let mut h = Histogram::new(-2.0, 2.0, 4);
        h.add_all(&[-1.9, -1.0, -0.01, 0.0, 0.5, 1.99]);
        // Bins [-2,-1), [-1,0), [0,1), [1,2): −1 opens the second bin, 0 the third.
        assert_eq!(h.counts, vec![1, 2, 2, 1]);
        assert_eq!(h.edges(1), (-1.0, 0.0));
        assert!((h.bin_width() - 1.0).abs() < 1e-6);
    }

    #[test]
    fn values_outside_go_to_the_edge_bins_and_nan_is_skipped() {
        let mut h = Histogram::new(0.0, 1.0, 5);
        h.add_all(&[-100.0, f32::NEG_INFINITY, 1.0, 7.0, f32::INFINITY, f32::NAN]);
        assert_eq!(h.counts, vec![2, 0, 0, 0, 3]);
        assert_eq!(h.total(), 5);
    }

    #[test]
    fn counts_add_up_and_shares_sum_to_one() {
        let mut h = Histogram::new(-3.0, 3.0, 40);
        let values: Vec<f32> = (0..1000).map(|i| ((i as f32) * 0.37).sin() * 4.0).collect();
        h.add_all(&values);
        assert_eq!(h.total(), 1000);
        let shares: f32 = (0..h.bins()).map(|i| h.share(i)).sum();
        assert!((shares - 1.0).abs() < 1e-4, "{shares}");
        assert!(h.max_count() >= 1000 / 40);
    }

    #[test]
    fn reset_empties_and_rebins() {
        let mut h = Histogram::new(0.0, 1.0, 2);
        h.add(0.2);
        h.reset(-1.0, 1.0, 8);
        assert_eq!(h.counts, vec![0; 8]);
        assert_eq!(h.share(3), 0.0, "an empty histogram has no shares");
    }
}
