//! A CSV file as spreadsheets write it, read into numbers: its bytes
//! decoded (UTF-8 with or without a byte-order mark, UTF-16 with one, else
//! Windows-1250, as Czech Excel saves), its separator found (a semicolon or
//! a tab when the first line has one, else a comma), its records split by
//! the `csv` crate (quoted fields, CRLF), a header told apart from the data,
//! the columns to read picked, and numbers read with the file's decimal
//! mark (a comma when the separator is not one). Text class labels
//! (`ano`/`ne`, `setosa`…) become class numbers in sorted order.

use super::csv::{CsvError, Reason};
use crate::config::limits::{MAX_CLASSES, MAX_POINTS};
use encoding_rs::{Encoding, UTF_16BE, UTF_8};

/// A file split into trimmed fields: its header, if it has one, and its
/// records with the line each starts on (counted from 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// The encoding, by Python's name for it (`utf-8`, `utf-8-sig`, `utf-16`, `cp1250`).
    pub encoding: &'static str,
    /// `,`, `;` or a tab.
    pub separator: char,
    /// The first line's fields, when none of them is a number.
    pub header: Option<Vec<String>>,
    /// Every other record that is not all empty fields.
    pub records: Vec<(usize, Vec<String>)>,
}

/// The numbers read from the chosen columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Values {
    /// Each row's line and its numbers, one per chosen column; a text
    /// label is its class number.
    pub rows: Vec<(usize, Vec<f32>)>,
    /// Whether a decimal comma was read.
    pub decimal_comma: bool,
    /// The text labels in class order; empty when the labels were numbers.
    pub class_names: Vec<String>,
}

/// A refusal at `line` (0: the file as a whole), with the field at fault
/// cut to 20 characters.
pub(super) fn fail(line: usize, reason: Reason, field: &str) -> CsvError {
    CsvError {
        line,
        reason,
        field: field.chars().take(20).collect(),
        columns: Vec::new(),
    }
}

/// Windows-1250's characters for the bytes 0x80 to 0xFF, as the Encoding
/// Standard maps them (a test checks each against `encoding_rs`). Written
/// out because `encoding_rs`'s own decoder brings every encoding's tables
/// into the wasm: 120 KB for 128 characters.
const WINDOWS_1250_HIGH: [char; 128] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0083}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{0088}',
    '\u{2030}', '\u{0160}', '\u{2039}', '\u{015A}', '\u{0164}', '\u{017D}', '\u{0179}', '\u{0090}', '\u{2018}',
    '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{0098}', '\u{2122}', '\u{0161}',
    '\u{203A}', '\u{015B}', '\u{0165}', '\u{017E}', '\u{017A}', '\u{00A0}', '\u{02C7}', '\u{02D8}', '\u{0141}',
    '\u{00A4}', '\u{0104}', '\u{00A6}', '\u{00A7}', '\u{00A8}', '\u{00A9}', '\u{015E}', '\u{00AB}', '\u{00AC}',
    '\u{00AD}', '\u{00AE}', '\u{017B}', '\u{00B0}', '\u{00B1}', '\u{02DB}', '\u{0142}', '\u{00B4}', '\u{00B5}',
    '\u{00B6}', '\u{00B7}', '\u{00B8}', '\u{0105}', '\u{015F}', '\u{00BB}', '\u{013D}', '\u{02DD}', '\u{013E}',
    '\u{017C}', '\u{0154}', '\u{00C1}', '\u{00C2}', '\u{0102}', '\u{00C4}', '\u{0139}', '\u{0106}', '\u{00C7}',
    '\u{010C}', '\u{00C9}', '\u{0118}', '\u{00CB}', '\u{011A}', '\u{00CD}', '\u{00CE}', '\u{010E}', '\u{0110}',
    '\u{0143}', '\u{0147}', '\u{00D3}', '\u{00D4}', '\u{0150}', '\u{00D6}', '\u{00D7}', '\u{0158}', '\u{016E}',
    '\u{00DA}', '\u{0170}', '\u{00DC}', '\u{00DD}', '\u{0162}', '\u{00DF}', '\u{0155}', '\u{00E1}', '\u{00E2}',
    '\u{0103}', '\u{00E4}', '\u{013A}', '\u{0107}', '\u{00E7}', '\u{010D}', '\u{00E9}', '\u{0119}', '\u{00EB}',
    '\u{011B}', '\u{00ED}', '\u{00EE}', '\u{010F}', '\u{0111}', '\u{0144}', '\u{0148}', '\u{00F3}', '\u{00F4}',
    '\u{0151}', '\u{00F6}', '\u{00F7}', '\u{0159}', '\u{016F}', '\u{00FA}', '\u{0171}', '\u{00FC}', '\u{00FD}',
    '\u{0163}', '\u{02D9}',
];

/// The text of `bytes` and the encoding it was read in: a byte-order mark
/// decides (UTF-8 or UTF-16), else valid UTF-8 is UTF-8, else Windows-1250
/// (which takes any byte).
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if encoding == UTF_8 {
            return (String::from_utf8_lossy(body).into_owned(), "utf-8-sig");
        }
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|p| {
                if encoding == UTF_16BE {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            })
            .collect();
        let mut text = "\0".repeat(units.len() * 3);
        let n = encoding_rs::mem::convert_utf16_to_str(&units, text.as_mut_str());
        text.truncate(n);
        return (text, "utf-16");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "utf-8"),
        Err(_) => (bytes.iter().map(|&b| windows_1250(b)).collect(), "cp1250"),
    }
}

/// The character Windows-1250 writes as `byte`.
pub fn windows_1250(byte: u8) -> char {
    match byte {
        0..=0x7F => byte as char,
        _ => WINDOWS_1250_HIGH[usize::from(byte - 0x80)],
    }
}

/// `field` as a number, with `,` as the decimal mark when `comma`: None
/// when it is not one. A true minus (−), as text copied from a page has
/// it, reads as a minus.
fn number(field: &str, comma: bool) -> Option<f32> {
    let field = field.replace('\u{2212}', "-");
    let field = if comma { field.replace(',', ".") } else { field };
    field.parse::<f32>().ok()
}

/// `fields` without the empty ones at the end.
fn used(mut fields: Vec<String>) -> Vec<String> {
    while fields.last().is_some_and(String::is_empty) {
        fields.pop();
    }
    fields
}

impl Sheet {
    /// Decodes and splits `bytes`. Refuses an empty file and records that
    /// the `csv` crate cannot read.
    pub fn parse(bytes: &[u8]) -> Result<Sheet, CsvError> {
        let (text, encoding) = decode(bytes);
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let separator = if first.contains('\t') {
            '\t'
        } else if first.contains(';') {
            ';'
        } else {
            ','
        };
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(separator as u8)
            .has_headers(false)
            .flexible(true)
            .trim(::csv::Trim::All)
            .from_reader(text.as_bytes());
        // The line a record starts on, counted from its byte offset: the
        // crate counts a CRLF's line twice. (An offset may fall on the
        // previous line's LF, which is then counted with it.)
        let mut counted = (0, 1);
        let mut line_at = |p: Option<&::csv::Position>| {
            let end = p.map_or(0, |p| (p.byte() as usize + 1).min(text.len()));
            let (from, lines) = counted;
            counted = (
                end,
                lines
                    + text.as_bytes()[from.min(end)..end]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count(),
            );
            counted.1
        };
        let mut header = None;
        let mut records = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| fail(line_at(e.position()), Reason::Columns, ""))?;
            let line = line_at(record.position());
            let fields: Vec<String> = record.iter().map(str::to_string).collect();
            // Spreadsheets write rows of nothing but separators.
            if fields.iter().all(String::is_empty) {
                continue;
            }
            let numeric = |f: &String| number(f, separator != ',').is_some();
            if header.is_none() && records.is_empty() && !fields.iter().any(numeric) {
                header = Some(used(fields));
                continue;
            }
            if records.len() == MAX_POINTS {
                return Err(fail(line, Reason::TooManyRows, ""));
            }
            records.push((line, fields));
        }
        match records.len() {
            0 => return Err(fail(0, Reason::Empty, "")),
            1 => return Err(fail(records[0].0, Reason::OneRow, "")),
            _ => {}
        }
        Ok(Sheet {
            encoding,
            separator,
            header,
            records,
        })
    }

    /// How many columns the file has: the header's, else the first
    /// record's, empty fields at the end not counted.
    pub fn width(&self) -> usize {
        match &self.header {
            Some(h) => h.len(),
            None => used(self.records[0].1.clone()).len(),
        }
    }

    /// The columns to read, counted from 0: x1, x2 and the label, or x and
    /// y for a curve. `chosen` (2 or 3 columns) when the user chose them;
    /// else every column of a file with two or three, else the header's
    /// `x1`, `x2` and `label` (as the page's own exports name them), or `x`
    /// and `y`. A file with more columns and no such names is refused,
    /// naming its columns, so that the user can choose.
    pub fn columns(&self, chosen: Option<&[usize]>) -> Result<Vec<usize>, CsvError> {
        let width = self.width();
        if let Some(chosen) = chosen {
            let distinct = chosen.iter().enumerate().all(|(i, c)| !chosen[..i].contains(c));
            if (2..=3).contains(&chosen.len()) && distinct && chosen.iter().all(|&c| c < width) {
                return Ok(chosen.to_vec());
            }
        } else if (2..=3).contains(&width) {
            return Ok((0..width).collect());
        } else if let Some(header) = &self.header {
            let at = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
            let named = [at("x1"), at("x2"), at("label")]
                .into_iter()
                .collect::<Option<Vec<_>>>();
            if let Some(found) = named.or_else(|| [at("x"), at("y")].into_iter().collect()) {
                return Ok(found);
            }
        }
        Err(CsvError {
            columns: self.names(),
            ..fail(0, Reason::ChooseColumns, "")
        })
    }

    /// Each column's name: the header's, or its number from 1.
    pub fn names(&self) -> Vec<String> {
        match &self.header {
            Some(h) => h.clone(),
            None => (1..=self.width()).map(|i| i.to_string()).collect(),
        }
    }

    /// The numbers in `columns`. Every row must have the file's width;
    /// inputs must be finite numbers; a label column with any text in it
    /// is read as text labels, at most [`MAX_CLASSES`] distinct ones.
    pub fn values(&self, columns: &[usize]) -> Result<Values, CsvError> {
        let comma = self.separator != ',';
        let width = self.width();
        let label = columns.get(2).copied();
        // Text labels when any label is not a number; their classes in sorted order.
        // Spreadsheets pad a row with empty fields past the columns used.
        let misfit = |f: &Vec<String>| f.len() < width || f[width..].iter().any(|x| !x.is_empty());
        if let Some((line, fields)) = self.records.iter().find(|(_, f)| misfit(f)) {
            return Err(fail(*line, Reason::Columns, &fields.join(&self.separator.to_string())));
        }
        let mut class_names: Vec<String> = Vec::new();
        if let Some(l) = label {
            for (line, fields) in &self.records {
                let field = fields[l].as_str();
                if field.is_empty() || number(field, comma).is_none_or(|v| !v.is_finite()) {
                    if field.is_empty() {
                        return Err(fail(*line, Reason::Blank, ""));
                    }
                    class_names = self.labels(l)?;
                    break;
                }
            }
        }
        let (mut commas, mut points) = (None, None);
        let mut rows = Vec::with_capacity(self.records.len());
        for (line, fields) in &self.records {
            let line = *line;
            let mut row = Vec::with_capacity(columns.len());
            for &c in columns {
                let field = fields[c].as_str();
                if Some(c) == label && !class_names.is_empty() {
                    let class = class_names.iter().position(|n| n == field).expect("every label listed");
                    row.push(class as f32);
                    continue;
                }
                if field.is_empty() {
                    return Err(fail(line, Reason::Blank, ""));
                }
                let value = number(field, comma)
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| fail(line, Reason::Number, field))?;
                if comma && field.contains(',') {
                    commas.get_or_insert(line);
                }
                if field.contains('.') {
                    points.get_or_insert(line);
                }
                if let (Some(a), Some(b)) = (commas, points) {
                    return Err(fail(a.max(b), Reason::MixedDecimal, field));
                }
                row.push(value);
            }
            rows.push((line, row));
        }
        Ok(Values {
            rows,
            decimal_comma: commas.is_some(),
            class_names,
        })
    }

    /// The distinct labels of column `l`, sorted; refused past [`MAX_CLASSES`].
    fn labels(&self, l: usize) -> Result<Vec<String>, CsvError> {
        let mut names: Vec<String> = Vec::new();
        for (line, fields) in &self.records {
            let field = &fields[l];
            if field.is_empty() {
                return Err(fail(*line, Reason::Blank, ""));
            }
            if !names.contains(field) {
                if names.len() == MAX_CLASSES {
                    return Err(fail(*line, Reason::Labels, field));
                }
                names.push(field.clone());
            }
        }
        names.sort();
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1250_decodes_every_byte_as_encoding_rs_does() {
        for b in 0..=255u8 {
            let byte = [b];
            let (theirs, _) = encoding_rs::WINDOWS_1250.decode_without_bom_handling(&byte);
            assert_eq!(windows_1250(b).to_string(), theirs, "byte {b:#04x}");
        }
    }

    #[test]
    fn utf_16_with_either_byte_order_decodes_as_encoding_rs_does() {
        let text = "x1\tx2\ttřída\r\n1,5\t2,25\tano\r\n";
        for (bom, bytes) in [
            (
                &[0xFF, 0xFE],
                text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>(),
            ),
            (&[0xFE, 0xFF], text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
        ] {
            let file = [bom.as_slice(), &bytes].concat();
            let (ours, name) = decode(&file);
            let (theirs, _, _) = encoding_rs::UTF_16LE.decode(&file);
            assert_eq!((ours.as_str(), name), (theirs.as_ref(), "utf-16"));
            assert_eq!(ours, text);
        }
    }
}
