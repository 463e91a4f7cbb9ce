//! Where a chart sits on its canvas: the text size, the margins, the label
//! areas and the plotting area, and how a pixel column maps to a value on
//! the x axis. Drawing and hovering share this layout, so the value found
//! under the pointer is the one the guide line is drawn at.

use crate::view::number::{self, Digits, Style};

/// The layout of a chart on a canvas of `width` × `height` device pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartFrame {
    /// Canvas width in device pixels.
    pub width: u32,
    /// Canvas height in device pixels.
    pub height: u32,
    /// Text height in pixels: scaled with the canvas, so a chart projected
    /// on a wall reads as well as on a laptop (the page sizes canvases in
    /// device pixels).
    pub font: u32,
    /// Empty space on every side.
    pub margin: u32,
    /// Height of the band below the plot for tick labels and the x-axis title.
    pub x_label_area: u32,
    /// Width of the band left of the plot for tick labels and the y-axis
    /// title: room for six characters of tick label ("1.2e−4", "100 %")
    /// beside the title, so the two never overlap.
    pub y_label_area: u32,
    /// Height of a band above the plot for a line of text (0 when none).
    pub top_band: u32,
}

/// Smallest text height, in CSS pixels, when the page asks for none.
pub const MIN_FONT: f64 = 11.0;

impl ChartFrame {
    /// The layout on a canvas of `width` × `height` device pixels, shown at
    /// `pixel_ratio` device pixels per CSS pixel.
    pub fn new(width: u32, height: u32, pixel_ratio: f64) -> ChartFrame {
        ChartFrame::with_smallest_text(width, height, pixel_ratio, MIN_FONT)
    }

    /// The same, with text of at least `smallest_css` CSS pixels (the
    /// page's chart text size: larger in presenter mode).
    pub fn with_smallest_text(width: u32, height: u32, pixel_ratio: f64, smallest_css: f64) -> ChartFrame {
        // About 13 lines of text fit the height; a wide, short canvas is
        // limited by its height, a tall narrow one by its width. Small
        // canvases keep text of at least `smallest_css` CSS pixels.
        let smallest_css = if smallest_css.is_finite() {
            smallest_css.clamp(6.0, 72.0)
        } else {
            MIN_FONT
        };
        let smallest = (smallest_css * pixel_ratio.clamp(0.5, 4.0)).round() as u32;
        let font = (height / 13).min(width / 22).max(smallest);
        ChartFrame {
            width,
            height,
            font,
            margin: font * 3 / 4,
            x_label_area: font * 3,
            y_label_area: font * 5,
            top_band: 0,
        }
    }

    /// The same layout with a band for one line of text above the plot.
    pub fn with_text_line(self) -> ChartFrame {
        ChartFrame {
            top_band: self.font * 3 / 2,
            ..self
        }
    }

    /// The plotting area's pixel columns, `left..right` (right exclusive).
    pub fn columns(&self) -> (i32, i32) {
        let left = (self.margin + self.y_label_area) as i32;
        (left, self.width as i32 - self.margin as i32)
    }

    /// The plotting area's pixel rows, `top..bottom` (bottom exclusive).
    pub fn rows(&self) -> (i32, i32) {
        let top = (self.margin + self.top_band) as i32;
        (top, self.height as i32 - (self.margin + self.x_label_area) as i32)
    }

    /// Whether the plotting area has room for a plot.
    pub fn has_room(&self) -> bool {
        let ((l, r), (t, b)) = (self.columns(), self.rows());
        r - l > 10 && b - t > 10
    }

    /// The x value drawn in pixel column `x` when the axis spans `range`,
    /// or None when `x` lies outside the plotting area.
    ///
    /// The inverse of plotters' mapping, which puts `range.0` at the left
    /// column and `range.1` at the last column (`right − 1`).
    pub fn value_at(&self, x: f64, range: (f64, f64)) -> Option<f64> {
        let (left, right) = self.columns();
        let last = (right - 1) as f64;
        if !self.has_room() || !(left as f64 - 0.5..=last + 0.5).contains(&x) {
            return None;
        }
        let t = ((x - left as f64) / (last - left as f64)).clamp(0.0, 1.0);
        Some(range.0 + t * (range.1 - range.0))
    }

    /// The y value drawn in pixel row `y` when the axis spans `range`
    /// (its low end at the bottom row), or None outside the plotting area.
    pub fn y_value_at(&self, y: f64, range: (f64, f64)) -> Option<f64> {
        let (top, bottom) = self.rows();
        let last = (bottom - 1) as f64;
        if !self.has_room() || !(top as f64 - 0.5..=last + 0.5).contains(&y) {
            return None;
        }
        let t = ((last - y) / (last - top as f64)).clamp(0.0, 1.0);
        Some(range.0 + t * (range.1 - range.0))
    }

    /// The pixel column plotters draws x value `v` in, for an axis spanning `range`.
    pub fn column_of(&self, v: f64, range: (f64, f64)) -> f64 {
        let (left, right) = self.columns();
        let t = (v - range.0) / (range.1 - range.0);
        left as f64 + ((right - 1 - left) as f64 * t + 1e-3).floor()
    }

    /// The pixel row plotters draws y value `v` in, for an axis spanning
    /// `range` (its low end at the bottom row).
    pub fn row_of(&self, v: f64, range: (f64, f64)) -> f64 {
        let (top, bottom) = self.rows();
        let t = (v - range.0) / (range.1 - range.0);
        (bottom - 1) as f64 - ((bottom - 1 - top) as f64 * t + 1e-3).floor()
    }
}

/// A tick label in `style`: the page's one number format for a value by
/// itself (`view::number`: four significant digits, a power of ten for
/// very small or large values, "0,25", "12", "1·10⁻⁵"); nothing for a
/// value that is not finite.
pub fn tick_label(v: f64, style: Style) -> String {
    if v.is_finite() {
        number::format(v, Digits::Value, style)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_grows_with_the_canvas_but_stays_readable_when_small() {
        let small = ChartFrame::new(300, 120, 1.0);
        let projected = ChartFrame::new(1760, 1040, 1.0);
        assert_eq!(small.font, 11);
        assert_eq!(projected.font, 80);
        let sharp = ChartFrame::new(600, 240, 2.0);
        assert_eq!(sharp.font, 22, "at least 11 CSS pixels on a high-density screen");
        let presenter = ChartFrame::with_smallest_text(600, 240, 2.0, 18.0);
        assert_eq!(presenter.font, 36, "at least the page's 18 CSS pixels");
        assert_eq!(
            ChartFrame::with_smallest_text(1760, 1040, 1.0, 18.0).font,
            80,
            "large canvases still grow"
        );
        assert!(projected.y_label_area > small.y_label_area);
    }

    #[test]
    fn the_plot_lies_inside_the_canvas_right_of_and_above_the_labels() {
        let f = ChartFrame::new(840, 520, 1.0);
        let ((l, r), (t, b)) = (f.columns(), f.rows());
        assert_eq!(l, (f.margin + f.y_label_area) as i32);
        assert_eq!(r, 840 - f.margin as i32);
        assert_eq!(t, f.margin as i32);
        assert_eq!(b, 520 - (f.margin + f.x_label_area) as i32);
        assert!(0 < l && l < r && r <= 840 && 0 < t && t < b && b <= 520);
        assert!(f.has_room());
        assert!(!ChartFrame::new(40, 30, 1.0).has_room());
        let banded = f.with_text_line();
        assert_eq!(banded.rows().0, t + (banded.font * 3 / 2) as i32);
        assert_eq!((banded.columns(), banded.rows().1), (f.columns(), b));
    }

    #[test]
    fn pointer_columns_map_back_to_the_values_drawn_there() {
        let f = ChartFrame::new(840, 520, 1.0);
        let range = (0.0, 1000.0);
        for v in [0.0, 1.0, 250.0, 733.0, 999.0, 1000.0] {
            let x = f.column_of(v, range);
            let back = f.value_at(x, range).unwrap();
            // One pixel column holds about range / plot width of the axis.
            let per_pixel = 1000.0 / (f.columns().1 - f.columns().0) as f64;
            assert!((back - v).abs() <= per_pixel, "{v} -> column {x} -> {back}");
        }
        let (left, right) = f.columns();
        assert_eq!(f.value_at(left as f64, range), Some(0.0));
        assert_eq!(f.value_at((right - 1) as f64, range), Some(1000.0));
        // Rows likewise, the low end at the bottom.
        let per_row = 1000.0 / (f.rows().1 - f.rows().0) as f64;
        for v in [0.0, 1.0, 250.0, 733.0, 1000.0] {
            let back = f.y_value_at(f.row_of(v, range), range).unwrap();
            assert!((back - v).abs() <= per_row, "{v} -> {back}");
        }
        assert_eq!(f.row_of(0.0, range), (f.rows().1 - 1) as f64);
        assert_eq!(f.row_of(1000.0, range), f.rows().0 as f64);
    }

    #[test]
    fn tick_labels_are_short_and_exact_enough() {
        let en = Style::of("en");
        let cases = [
            (0.0, "0"),
            (0.25, "0.25"),
            (0.2000001, "0.2"),
            (1.0, "1"),
            (12.5, "12.5"),
            (100_000.0, "100,000"),
            (2500.0, "2,500"),
            (0.001, "0.001"),
            (0.00012, "0.00012"),
            (1e-5, "1·10⁻⁵"),
            (f64::from(1e-4_f32), "0.0001"),
            (f64::from(1e-6_f32), "1·10⁻⁶"),
            (-4.0, "−4"),
            (-0.5, "−0.5"),
            (f64::NAN, ""),
        ];
        for (v, text) in cases {
            assert_eq!(tick_label(v, en), text, "{v}");
        }
        assert_eq!(tick_label(-0.25, Style::of("cs")), "−0,25");
        assert_eq!(tick_label(-1.5e-5, Style::of("cs")), "−1,5·10⁻⁵");
    }

    #[test]
    fn pointer_outside_the_plot_has_no_value() {
        let f = ChartFrame::new(840, 520, 1.0);
        let (left, right) = f.columns();
        assert_eq!(f.value_at(left as f64 - 5.0, (0.0, 1.0)), None);
        assert_eq!(f.value_at(right as f64 + 5.0, (0.0, 1.0)), None);
        assert_eq!(f.value_at(-1.0, (0.0, 1.0)), None);
    }
}
