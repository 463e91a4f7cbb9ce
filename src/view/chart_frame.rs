//! Where a chart sits on its canvas: the text size, the margins, the label
//! areas and the plotting area, and how a pixel column maps to a value on
//! the x axis. Drawing and hovering share this layout, so the value found
//! under the pointer is the one the guide line is drawn at.

/// The layout of a chart on a canvas of `width` × `height` device pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartFrame {
    pub width: u32,
    pub height: u32,
    /// Text height in pixels: scaled with the canvas, so a chart projected
    /// on a wall reads as well as on a laptop (the page sizes canvases in
    /// device pixels).
    pub font: u32,
    /// Empty space on every side.
    pub margin: u32,
    /// Height of the band below the plot for tick labels and the x-axis title.
    pub x_label_area: u32,
    /// Width of the band left of the plot for tick labels and the y-axis title.
    pub y_label_area: u32,
}

/// Smallest text height, in pixels.
const MIN_FONT: u32 = 11;

impl ChartFrame {
    pub fn new(width: u32, height: u32) -> ChartFrame {
        // About 13 lines of text fit the height; a wide, short canvas is
        // limited by its height, a tall narrow one by its width.
        let font = (height / 13).min(width / 22).max(MIN_FONT);
        ChartFrame {
            width,
            height,
            font,
            margin: font * 3 / 4,
            x_label_area: font * 5 / 2,
            y_label_area: font * 4,
        }
    }

    /// The plotting area's pixel columns, `left..right` (right exclusive).
    pub fn columns(&self) -> (i32, i32) {
        let left = (self.margin + self.y_label_area) as i32;
        (left, self.width as i32 - self.margin as i32)
    }

    /// The plotting area's pixel rows, `top..bottom` (bottom exclusive).
    pub fn rows(&self) -> (i32, i32) {
        let top = self.margin as i32;
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

    /// The pixel column plotters draws x value `v` in, for an axis spanning `range`.
    pub fn column_of(&self, v: f64, range: (f64, f64)) -> f64 {
        let (left, right) = self.columns();
        let t = (v - range.0) / (range.1 - range.0);
        left as f64 + ((right - 1 - left) as f64 * t + 1e-3).floor()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_grows_with_the_canvas_but_stays_readable_when_small() {
        let small = ChartFrame::new(300, 120);
        let projected = ChartFrame::new(1760, 1040);
        assert_eq!(small.font, MIN_FONT);
        assert_eq!(projected.font, 80);
        assert!(projected.y_label_area > small.y_label_area);
    }

    #[test]
    fn the_plot_lies_inside_the_canvas_right_of_and_above_the_labels() {
        let f = ChartFrame::new(840, 520);
        let ((l, r), (t, b)) = (f.columns(), f.rows());
        assert_eq!(l, (f.margin + f.y_label_area) as i32);
        assert_eq!(r, 840 - f.margin as i32);
        assert_eq!(t, f.margin as i32);
        assert_eq!(b, 520 - (f.margin + f.x_label_area) as i32);
        assert!(0 < l && l < r && r <= 840 && 0 < t && t < b && b <= 520);
        assert!(f.has_room());
        assert!(!ChartFrame::new(40, 30).has_room());
    }

    #[test]
    fn pointer_columns_map_back_to_the_values_drawn_there() {
        let f = ChartFrame::new(840, 520);
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
    }

    #[test]
    fn pointer_outside_the_plot_has_no_value() {
        let f = ChartFrame::new(840, 520);
        let (left, right) = f.columns();
        assert_eq!(f.value_at(left as f64 - 5.0, (0.0, 1.0)), None);
        assert_eq!(f.value_at(right as f64 + 5.0, (0.0, 1.0)), None);
        assert_eq!(f.value_at(-1.0, (0.0, 1.0)), None);
    }
}
