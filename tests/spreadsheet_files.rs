//! Files as Czech spreadsheets write them (tests/data/, made by hand with
//! their byte traits: a byte-order mark, semicolons, decimal commas, CRLF,
//! Windows-1250, UTF-16 with tabs, quoted fields, text labels, five
//! columns) read into the same points, and the reader says how it read
//! each one.

use neuroplay::data::csv::{read, read_columns, Reason};
use neuroplay::data::DatasetKind;

fn file(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).expect(name)
}

/// The 40 points every two-class file in tests/data holds, in the file's units.
fn points() -> Vec<[f32; 3]> {
    (0..20)
        .flat_map(|i| {
            let a = i as f64 / 19.0;
            let r = |v: f64| ((v * 100.0).round() / 100.0) as f32;
            [
                [r(1.5 + 2.0 * a), r(10.0 + 5.0 * (3.0 * a).sin()), 0.0],
                [r(6.5 + 2.0 * a), r(10.0 + 5.0 * (3.0 * a).cos()), 1.0],
            ]
        })
        .collect()
}

/// The rows of `import`: read in the file's own units, as the file writes them.
fn in_file_units(import: &neuroplay::data::csv::Import) -> Vec<[f32; 3]> {
    import.rows.clone()
}

fn close(a: &[[f32; 3]], b: &[[f32; 3]]) -> bool {
    a.len() == b.len()
        && a.iter()
            .flatten()
            .zip(b.iter().flatten())
            .all(|(x, y)| (x - y).abs() < 1e-4)
}

#[test]
fn every_spreadsheets_dialect_reads_into_the_same_points_and_says_how_it_was_read() {
    let header = Some(vec!["x1".to_string(), "x2".into(), "třída".into()]);
    for (name, separator, comma, encoding) in [
        ("excel-utf8-bom.csv", ';', true, "utf-8-sig"),
        ("excel-cp1250.csv", ';', true, "cp1250"),
        ("excel-unicode.txt", '\t', true, "utf-16"),
        ("calc-tabs.tsv", '\t', true, "utf-8"),
        ("quoted.csv", ',', false, "utf-8"),
    ] {
        let import = read(file(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(import.kind, DatasetKind::Own, "{name}");
        assert!(close(&in_file_units(&import), &points()), "{name}: the file's numbers");
        let d = &import.dialect;
        assert_eq!(
            (d.separator, d.decimal_comma, d.encoding),
            (separator, comma, encoding),
            "{name}"
        );
        if name != "quoted.csv" {
            assert_eq!(d.header, header, "{name}: the header, ř and í decoded");
        }
        assert_eq!(d.columns, [0, 1, 2]);
        assert!(d.class_names.is_empty(), "{name}: class numbers, not names");
    }
}

#[test]
fn text_labels_become_classes_in_sorted_order_and_keep_their_names() {
    let import = read(file("ano-ne.csv")).expect("ano/ne");
    assert_eq!(import.dialect.class_names, ["ano", "ne"]);
    // ano (class 1 in the numbered files) sorts first: the classes swap.
    let swapped: Vec<[f32; 3]> = points().iter().map(|p| [p[0], p[1], 1.0 - p[2]]).collect();
    assert!(close(&in_file_units(&import), &swapped));
    let seven: String = (0..7).map(|i| format!("{i};{i};druh{i}\n")).collect();
    let e = read(&seven).expect_err("seven labels");
    assert_eq!((e.line, e.reason, e.field.as_str()), (7, Reason::Labels, "druh6"));
    let e = read("1;2;ano\n3;4;\n5;6;ne\n").expect_err("a blank label");
    assert_eq!((e.line, e.reason), (2, Reason::Blank));
}

#[test]
fn a_file_of_five_columns_names_them_and_reads_the_columns_chosen() {
    let bytes = file("iris-5-columns.csv");
    let e = read(&bytes).expect_err("which columns?");
    assert_eq!(e.reason, Reason::ChooseColumns);
    assert_eq!(
        e.columns,
        ["délka kalicha", "šířka kalicha", "délka okvětí", "šířka okvětí", "druh"]
    );
    let m = e.message();
    assert!(m.param("line").is_none(), "no line 0: the file as a whole");
    assert!(m
        .to_string()
        .contains("columns=délka kalicha, šířka kalicha, délka okvětí, šířka okvětí, druh"));
    let petals = read_columns(&bytes, Some(&[2, 3, 4])).expect("petals and species");
    assert_eq!(petals.dialect.columns, [2, 3, 4]);
    assert_eq!(petals.dialect.class_names, ["setosa", "versicolor", "virginica"]);
    let first = in_file_units(&petals)[0];
    assert!(close(&[first], &[[1.4, 0.2, 0.0]]), "{first:?}");
    assert_eq!(
        read_columns(&bytes, Some(&[2, 2, 4])).unwrap_err().reason,
        Reason::ChooseColumns
    );
    assert_eq!(
        read_columns(&bytes, Some(&[2, 3, 5])).unwrap_err().reason,
        Reason::ChooseColumns
    );
    // The page's own export names its columns: read without asking.
    let export = read("x1,x2,label,split,prediction\n1,2,0,train,0.1\n3,4,1,test,0.9\n").expect("an export");
    assert_eq!(export.dialect.columns, [0, 1, 2]);
}

#[test]
fn a_file_of_one_row_is_refused_at_import_with_its_line() {
    let e = read(file("one-row.csv")).expect_err("one row");
    assert_eq!((e.line, e.reason), (2, Reason::OneRow));
}

#[test]
fn a_comma_is_a_decimal_mark_only_beside_another_separator() {
    let semicolons = read("1,5;2,25;0\n2,5;3,25;1\n").expect("decimal commas");
    assert!(semicolons.dialect.decimal_comma);
    let e = read("1,5,2,25,0\n2,5,3,25,1\n").expect_err("commas both ways");
    assert_eq!(e.reason, Reason::ChooseColumns, "five columns, not decimals");
    let e = read("\"1,5\",2,0\n2,3,1\n").expect_err("a quoted decimal comma");
    assert_eq!((e.line, e.reason, e.field.as_str()), (1, Reason::Number, "1,5"));
    let e = read("1,5;2;0\n2.5;3;1\n").expect_err("both marks");
    assert_eq!((e.line, e.reason), (2, Reason::MixedDecimal));
    let points = read("1.5;2;0\n2.5;3;1\n").expect("decimal points beside semicolons");
    assert!(!points.dialect.decimal_comma);
}
