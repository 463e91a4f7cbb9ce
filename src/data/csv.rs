//! The user's own data as CSV: reading a file into rows the playground can
//! train on (refusing a bad file whole, naming the line and the reason),
//! mapping it into the view's range, and writing the current data out.

use super::datasets::DatasetKind;
use super::prepared::Prepared;
use super::sheet::Sheet;
use crate::config::limits::{MAX_CLASSES, MAX_POINTS};
use crate::message::{Code, Message};

/// Largest file read, in bytes.
pub const MAX_BYTES: usize = 1_000_000;
/// Imported inputs are mapped onto [−VIEW, VIEW].
pub const VIEW: f32 = 5.0;
/// An imported curve's values are mapped onto [−CURVE, CURVE].
pub const CURVE: f32 = 1.8;

/// Why a file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Nothing in it.
    Empty,
    /// Over [`MAX_BYTES`].
    TooLarge,
    /// Over [`MAX_POINTS`] rows.
    TooManyRows,
    /// A row without 2 or 3 columns, or not as many as the first.
    Columns,
    /// A field that is not a finite number.
    Number,
    /// A class index past the last class.
    Class,
    /// One row: training needs one point to train on and one to test.
    OneRow,
    /// An empty field where a number or a label should be.
    Blank,
    /// More distinct text labels than classes.
    Labels,
    /// More than three columns, and the user has not chosen which to read.
    ChooseColumns,
    /// Decimal points and decimal commas in one file.
    MixedDecimal,
}

named_enum!(Reason, "reason", [Empty => "empty", TooLarge => "tooLarge", TooManyRows => "tooManyRows", Columns => "columns", Number => "number", Class => "class", OneRow => "oneRow", Blank => "blank", Labels => "labels", ChooseColumns => "chooseColumns", MixedDecimal => "mixedDecimal"]);

/// A refused file: the line (counted from 1) and why.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvError {
    /// The line, or 0 for the file as a whole.
    pub line: usize,
    /// Why.
    pub reason: Reason,
    /// The field at fault, if one is (at most 20 characters).
    pub field: String,
    /// The file's column names, when the user is to choose among them.
    pub columns: Vec<String>,
}

impl CsvError {
    /// The message the page shows.
    /// The message the page shows: `line` only when one line is at fault;
    /// `columns` (the names, joined by ", ") and `count` when the user is
    /// to choose among them.
    pub fn message(&self) -> Message {
        let mut m = Message::new(Code::CsvRefused);
        if self.line > 0 {
            m = m.with("line", self.line);
        }
        m = m
            .word("reason", self.reason.name())
            .with("field", self.field.as_str())
            .with("most", MAX_POINTS)
            .with("last", MAX_CLASSES - 1)
            .with("classes", MAX_CLASSES);
        if !self.columns.is_empty() {
            m = m
                .with("columns", self.columns.join(", "))
                .with("count", self.columns.len());
        }
        m
    }
}

/// How an axis was mapped into the view: value′ = (value − offset) × scale.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Axis {
    /// Subtracted first: the middle of the axis's range.
    pub offset: f32,
    /// Then multiplied by.
    pub scale: f32,
}

/// How a file was read: what an exported script needs to read the same
/// file the same way, and what the page tells the user it read.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Dialect {
    /// The field separator: `,`, `;` or a tab.
    pub separator: char,
    /// Whether a decimal comma was read as the decimal mark.
    pub decimal_comma: bool,
    /// The encoding, by Python's name for it: `utf-8`, `utf-8-sig` (with a
    /// byte-order mark), `utf-16` (with one) or `cp1250` (Windows-1250).
    pub encoding: &'static str,
    /// The header's column names, when the file had a header.
    pub header: Option<Vec<String>>,
    /// The file's columns read as x1, x2 and the label (x and y for a
    /// curve, whose third entry is unused), counted from 0.
    pub columns: [usize; 3],
    /// The class labels as the file writes them, in class order, when they
    /// were text; empty when the labels were class numbers.
    pub class_names: Vec<String>,
}

/// A file read: which own dataset it is, its rows in the view's range, and
/// how each of x1, x2 and the target was mapped.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// Own classes, own values or an own curve.
    pub kind: DatasetKind,
    /// (x1, x2, target) in the view's range.
    pub rows: Vec<[f32; 3]>,
    /// The mapping of x1, x2 and the target (the identity where an axis was kept).
    pub axes: [Axis; 3],
    /// How the file was read.
    pub dialect: Dialect,
}

/// The mapping that puts [lo, hi] onto [−to, to] (a point onto 0).
fn fit(lo: f32, hi: f32, to: f32) -> Axis {
    let half = (hi - lo) / 2.0;
    Axis {
        offset: (lo + hi) / 2.0,
        scale: if half > 0.0 { to / half } else { 1.0 },
    }
}

/// Reads a CSV file (see [`super::sheet`] for how its bytes, separator,
/// decimal mark and header are read): columns `x1,x2,label` (a class index
/// 0–5 in every row makes classes, text labels name up to six classes, any
/// other numbers are values) or `x,y` (a curve). A file with more columns
/// names them, or the header's `x1`, `x2`, `label`; else it is refused so
/// that the user can choose, see [`read_columns`].
pub fn read(file: impl AsRef<[u8]>) -> Result<Import, CsvError> {
    read_columns(file, None)
}

/// [`read`], the columns read as x1, x2 and the label (or x and y) being
/// `chosen` (counted from 0) when given.
pub fn read_columns(file: impl AsRef<[u8]>, chosen: Option<&[usize]>) -> Result<Import, CsvError> {
    let fail = super::sheet::fail;
    let bytes = file.as_ref();
    if bytes.len() > MAX_BYTES {
        return Err(fail(0, Reason::TooLarge, ""));
    }
    let sheet = Sheet::parse(bytes)?;
    let columns = sheet.columns(chosen)?;
    let read = sheet.values(&columns)?;
    let (values, width) = (read.rows, columns.len());
    let dialect = Dialect {
        separator: sheet.separator,
        decimal_comma: read.decimal_comma,
        encoding: sheet.encoding,
        header: sheet.header,
        columns: [columns[0], columns[1], columns[width - 1]],
        class_names: read.class_names,
    };
    let range = |i: usize| {
        values
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), (_, r)| {
                (lo.min(r[i]), hi.max(r[i]))
            })
    };
    if width == 2 {
        let ((x0, x1), (y0, y1)) = (range(0), range(1));
        let (ax, ay) = (fit(x0, x1, VIEW), fit(y0, y1, CURVE));
        let rows = values
            .iter()
            .map(|(_, r)| [(r[0] - ax.offset) * ax.scale, 0.0, (r[1] - ay.offset) * ay.scale])
            .collect();
        let identity = Axis {
            offset: 0.0,
            scale: 1.0,
        };
        return Ok(Import {
            kind: DatasetKind::OwnCurve,
            rows,
            axes: [ax, identity, ay],
            dialect,
        });
    }
    // Classes when every label is a whole number; each must then be 0 to 5.
    let classes = values.iter().all(|(_, r)| r[2].fract() == 0.0);
    if classes {
        if let Some((line, r)) = values.iter().find(|(_, r)| !(0.0..MAX_CLASSES as f32).contains(&r[2])) {
            return Err(fail(*line, Reason::Class, &r[2].to_string()));
        }
    }
    let ((a0, a1), (b0, b1)) = (range(0), range(1));
    let (ax, ay) = (fit(a0, a1, VIEW), fit(b0, b1, VIEW));
    let rows = values
        .iter()
        .map(|(_, r)| [(r[0] - ax.offset) * ax.scale, (r[1] - ay.offset) * ay.scale, r[2]])
        .collect();
    Ok(Import {
        kind: if classes {
            DatasetKind::Own
        } else {
            DatasetKind::OwnValues
        },
        rows,
        axes: [
            ax,
            ay,
            Axis {
                offset: 0.0,
                scale: 1.0,
            },
        ],
        dialect,
    })
}

/// The current data as CSV: `x1,x2,label,split` (or `x,y,split` for a
/// curve), every point in the coordinates the playground shows, train
/// points first, then validation and test; with `predictions` (the model's
/// `k` outputs per point, in that order), its outputs too: `prediction`, or
/// `p0,…` for each class's probability.
pub fn write(data: &Prepared, is_1d: bool, predictions: Option<(&[f32], usize)>) -> String {
    let mut out = String::from(if is_1d { "x,y,split" } else { "x1,x2,label,split" });
    match predictions {
        Some((_, 1)) => out.push_str(",prediction"),
        Some((_, k)) => (0..k).for_each(|c| out.push_str(&format!(",p{c}"))),
        None => {}
    }
    out.push('\n');
    let parts = [
        ("train", &data.train),
        ("validation", &data.validation),
        ("test", &data.test),
    ];
    let mut row = 0;
    for (name, part) in parts {
        for (p, y) in part.points.iter().zip(&part.y) {
            if is_1d {
                out.push_str(&format!("{},{},{name}", p[0], y));
            } else {
                out.push_str(&format!("{},{},{},{name}", p[0], p[1], y));
            }
            if let Some((values, k)) = predictions {
                for v in values.iter().skip(row * k).take(k) {
                    out.push_str(&format!(",{v}"));
                }
            }
            out.push('\n');
            row += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file_with_or_without_a_header_reads_and_maps_into_the_view() {
        let with = read("x1;x2;label\n10;100;0\n20;300;1\n15;200;2\n").expect("good");
        let without = read("10,100,0\n20,300,1\n15,200,2").expect("good");
        assert_eq!((&with.rows, with.axes), (&without.rows, without.axes));
        assert_eq!(
            with.dialect.header,
            Some(vec!["x1".into(), "x2".into(), "label".into()])
        );
        assert_eq!((with.dialect.separator, without.dialect.separator), (';', ','));
        assert_eq!(with.kind, DatasetKind::Own);
        assert_eq!(with.rows[0], [-VIEW, -VIEW, 0.0]);
        assert_eq!(with.rows[1], [VIEW, VIEW, 1.0]);
        assert_eq!(
            with.axes[0],
            Axis {
                offset: 15.0,
                scale: 1.0
            }
        );
        let values = read("0,0,0.5\n1,1,2.25\n").expect("values");
        assert_eq!(values.kind, DatasetKind::OwnValues);
        let curve = read("x,y\n-1,10\n1,30\n").expect("curve");
        assert_eq!(curve.kind, DatasetKind::OwnCurve);
        assert_eq!(curve.rows[1], [VIEW, 0.0, CURVE]);
    }

    #[test]
    fn a_bad_file_is_refused_whole_with_its_line_and_reason() {
        let bad = |text: &str| read(text).expect_err("bad");
        assert_eq!(
            bad(""),
            CsvError {
                line: 0,
                reason: Reason::Empty,
                field: String::new(),
                columns: Vec::new()
            }
        );
        assert_eq!(bad("x1,x2,label\n").reason, Reason::Empty);
        let number = bad("1,2,0\n3,abc,1\n");
        assert_eq!(
            (number.line, number.reason, number.field.as_str()),
            (2, Reason::Number, "abc")
        );
        assert_eq!(bad("1,2,0\n3,4\n").line, 2, "a missing column");
        assert_eq!(bad("1,2,0\n3,4,1,7\n").reason, Reason::Columns);
        let seventh = bad("1,2,0\n3,4,6\n");
        assert_eq!((seventh.line, seventh.reason), (2, Reason::Class));
        let many: String = (0..MAX_POINTS + 1).map(|i| format!("{i},{i},0\n")).collect();
        assert_eq!(bad(&many).reason, Reason::TooManyRows);
        assert_eq!(bad(&"1,1,0\n".repeat(200_000)).reason, Reason::TooLarge);
        assert_eq!(bad("1,inf,0\n2,2,1\n").reason, Reason::Number);
    }
}
