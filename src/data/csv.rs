//! The user's own data as CSV: reading a file into rows the playground can
//! train on, in the file's own units (refusing a bad file whole, naming the
//! line and the reason), and writing the current data out. The map into the
//! view's range is `units`'.

use super::datasets::DatasetKind;
use super::prepared::Prepared;
use super::sheet::Sheet;
use crate::config::limits::{MAX_CLASSES, MAX_POINTS};
use crate::message::{Code, Message};

pub use super::units::Axis;

/// Largest file read, in bytes.
pub const MAX_BYTES: usize = 1_000_000;

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

/// The encodings a [`Dialect`] names, read back from a link or a model file.
const ENCODINGS: [&str; 3] = ["utf-8", "utf-8-sig", "cp1250"];

/// A [`Dialect`] as read back from a link or a model file, its encoding
/// any text until checked against [`ENCODINGS`].
#[derive(serde::Deserialize)]
struct DialectText {
    separator: char,
    decimal_comma: bool,
    encoding: String,
    header: Option<Vec<String>>,
    columns: [usize; 3],
    class_names: Vec<String>,
}

impl<'de> serde::Deserialize<'de> for Dialect {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Dialect, D::Error> {
        let d = DialectText::deserialize(de)?;
        let encoding = ENCODINGS
            .into_iter()
            .find(|e| *e == d.encoding)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown encoding {}", d.encoding)))?;
        Ok(Dialect {
            separator: d.separator,
            decimal_comma: d.decimal_comma,
            encoding,
            header: d.header,
            columns: d.columns,
            class_names: d.class_names,
        })
    }
}

/// A file read: which own dataset it is, its rows in the file's own units
/// at full precision, and how it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// Own classes, own values or an own curve.
    pub kind: DatasetKind,
    /// (x1, x2, target) as the file writes them (x, 0, y for a curve).
    pub rows: Vec<[f32; 3]>,
    /// How the file was read.
    pub dialect: Dialect,
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
    if width == 2 {
        return Ok(Import {
            kind: DatasetKind::OwnCurve,
            rows: values.iter().map(|(_, r)| [r[0], 0.0, r[1]]).collect(),
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
    Ok(Import {
        kind: if classes {
            DatasetKind::Own
        } else {
            DatasetKind::OwnValues
        },
        rows: values.iter().map(|(_, r)| [r[0], r[1], r[2]]).collect(),
        dialect,
    })
}

/// A text field as CSV writes it: quoted (quotes doubled) when it holds a
/// comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The column names of the current data as CSV: the file's header names
/// when the data came from a file with a header, else `x1,x2,label` (`x,y`
/// for a curve).
pub fn column_names(units: &super::Units, is_1d: bool) -> Vec<String> {
    let given = units.names();
    let name = |i: usize, default: &str| {
        given
            .as_ref()
            .map(|n| n[i].clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| default.to_string())
    };
    if is_1d {
        vec![name(0, "x"), name(2, "y")]
    } else {
        vec![name(0, "x1"), name(1, "x2"), name(2, "label")]
    }
}

/// The current data as CSV: `x1,x2,label,split` (or `x,y,split` for a
/// curve; the file's own column names when it had a header), every point
/// in the file's `units` (the view's for drawn points), a class by its name
/// when the file named its classes, train points first, then validation and
/// test; with `predictions` (the model's `k` outputs per point, in that
/// order), its outputs too: `prediction` (a curve's in the file's units),
/// or `p0,…` for each class's probability.
pub fn write(data: &Prepared, is_1d: bool, predictions: Option<(&[f32], usize)>, units: &super::Units) -> String {
    let mut out = column_names(units, is_1d)
        .iter()
        .map(|n| field(n))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str(",split");
    match predictions {
        Some((_, 1)) => out.push_str(",prediction"),
        Some((_, k)) => (0..k).for_each(|c| out.push_str(&format!(",p{c}"))),
        None => {}
    }
    out.push('\n');
    let names = units
        .dialect
        .as_ref()
        .map(|d| d.class_names.as_slice())
        .unwrap_or_default();
    let parts = [
        ("train", &data.train),
        ("validation", &data.validation),
        ("test", &data.test),
    ];
    let mut row = 0;
    for (name, part) in parts {
        for (p, y) in part.points.iter().zip(&part.y) {
            let [x1, x2, y] = units.to_file([p[0], p[1], *y]);
            if is_1d {
                out.push_str(&format!("{x1},{y},{name}"));
            } else {
                match names.get(y as usize).filter(|_| y.fract() == 0.0 && y >= 0.0) {
                    Some(class) => out.push_str(&format!("{x1},{x2},{},{name}", field(class))),
                    None => out.push_str(&format!("{x1},{x2},{y},{name}")),
                }
            }
            if let Some((values, k)) = predictions {
                for &v in values.iter().skip(row * k).take(k) {
                    let v = if is_1d { units.axes[2].to_file(v) } else { v };
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
    fn a_good_file_with_or_without_a_header_reads_in_its_own_units_at_full_precision() {
        let with = read("x1;x2;label\n10;100;0\n20;300;1\n15;200;2\n").expect("good");
        let without = read("10,100,0\n20,300,1\n15,200,2").expect("good");
        assert_eq!(with.rows, without.rows);
        assert_eq!(
            with.dialect.header,
            Some(vec!["x1".into(), "x2".into(), "label".into()])
        );
        assert_eq!((with.dialect.separator, without.dialect.separator), (';', ','));
        assert_eq!(with.kind, DatasetKind::Own);
        assert_eq!(with.rows[0], [10.0, 100.0, 0.0]);
        let precise = read("0.123456,1000.5,0\n0.123457,2.25,1\n").expect("precise");
        assert_eq!(precise.rows[0], [0.123456, 1000.5, 0.0], "nothing rounded away");
        assert_eq!(precise.rows[1][0], 0.123457);
        let values = read("0,0,0.5\n1,1,2.25\n").expect("values");
        assert_eq!(values.kind, DatasetKind::OwnValues);
        let curve = read("x,y\n-1,10\n1,30\n").expect("curve");
        assert_eq!(curve.kind, DatasetKind::OwnCurve);
        assert_eq!(curve.rows[1], [1.0, 0.0, 30.0]);
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
