//! Numbers as the page writes them, on canvases and in its text alike: the
//! one formatter (decimal mark, minus sign, grouping, digits), which the
//! page asks through `formatNumber` and the figures call directly, and the
//! one reader of numbers typed into the page's fields (`parse`).
//!
//! The rules, for both languages:
//! - the language's decimal mark (Czech a comma) and a true minus (U+2212);
//! - thousands grouped as `Intl.NumberFormat` groups them: a no-break
//!   space in Czech, a comma in English (not in a field, which is read back);
//! - at most [`READOUT`] significant digits in a readout or a tick, at most
//!   [`TABLE`] in a table;
//! - one scientific form, a mantissa times a power of ten (3.3·10⁻⁹), for a
//!   million and more and, where the digits allow it, below [`SMALL`];
//! - in a list of decimals the separator is the language's ([`Style::list`]):
//!   a semicolon in Czech, where the comma is the decimal mark.
//!
//! Rounding is to the nearest, a tie away from zero, of the number's exact
//! binary value, as `Intl.NumberFormat` and `Number.prototype.toExponential`
//! round.

/// Significant digits a readout, a tick or a field shows at most.
pub const READOUT: usize = 4;
/// Significant digits a table's cell shows at most.
pub const TABLE: usize = 5;
/// From this magnitude up a number is written as a power of ten.
pub const LARGE: f64 = 1e6;
/// Below this magnitude a number written by its value (a tick, a menu's
/// value, a limit) is written as a power of ten.
pub const SMALL: f64 = 1e-4;

/// How a language writes numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// The decimal mark: '.' in English, ',' in Czech.
    pub mark: char,
    /// The minus sign written before negative numbers.
    pub minus: char,
    /// The thousands separator, when numbers are grouped ("12 345").
    pub group: Option<char>,
}

impl Style {
    /// The page's style for `lang` ("cs" or "en"; anything else is
    /// English): thousands grouped as `Intl.NumberFormat` groups them.
    pub fn of(lang: &str) -> Style {
        let mark = if lang == "cs" { ',' } else { '.' };
        Style {
            mark,
            minus: '−',
            group: None,
        }
        .grouped()
    }

    /// The language's thousands separator, as `Intl.NumberFormat` writes it
    /// (a no-break space in Czech, a comma in English).
    pub fn grouped(self) -> Style {
        Style {
            group: Some(if self.mark == ',' { '\u{a0}' } else { ',' }),
            ..self
        }
    }

    /// The same without grouping: a field's value, which is read back.
    pub fn ungrouped(self) -> Style {
        Style { group: None, ..self }
    }

    /// What separates the numbers of a list: "; " where the decimal mark
    /// is a comma, ", " otherwise.
    pub fn list(self) -> &'static str {
        if self.mark == ',' {
            "; "
        } else {
            ", "
        }
    }

    /// A number written with '.' and '-' (as a link writes it) in this
    /// style: a number is formatted as a value ([`Digits::Value`]); other
    /// text gets the decimal mark and the minus.
    pub fn localize(self, text: &str) -> String {
        match text.trim().parse::<f64>() {
            Ok(x) if x.is_finite() => format(x, Digits::Value, self),
            _ => text
                .chars()
                .map(|c| match c {
                    '.' => self.mark,
                    '-' => self.minus,
                    c => c,
                })
                .collect(),
        }
    }
}

/// How many digits a number is written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digits {
    /// A readout: at most this many decimals and [`READOUT`] significant
    /// digits, trailing zeros dropped; a million or more as a power of
    /// ten; −0 as 0.
    Decimals(usize),
    /// A table's cell: as `Decimals`, with at most [`TABLE`] significant digits.
    Table(usize),
    /// Exactly this many decimals (a readout that keeps its width), fewer
    /// where they would pass [`READOUT`] significant digits; a million or
    /// more as a power of ten.
    Fixed(usize),
    /// This many significant digits at most, trailing zeros dropped.
    Significant(usize),
    /// A mantissa with at most this many decimals times a power of ten (3.3·10⁻⁹).
    Scientific(usize),
    /// A count: the whole number nearest, every digit, grouped.
    Whole,
    /// A value written by itself (a tick, a menu's value, a limit):
    /// [`READOUT`] significant digits, a power of ten below [`SMALL`] and
    /// from [`LARGE`] up.
    Value,
}

/// `x` in `style` with `digits`; '–' when it is not a finite number.
pub fn format(x: f64, digits: Digits, style: Style) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let power = |decimals: usize| {
        let (mantissa, exponent) = exponential(x, decimals);
        let power: String = exponent.to_string().chars().map(superscript).collect();
        let text = trim(round(mantissa.abs(), decimals));
        format!("{}·10{power}", signed(x, text, style, true))
    };
    match digits {
        Digits::Decimals(_) | Digits::Table(_) | Digits::Fixed(_) | Digits::Value if x.abs() >= LARGE => {
            power(READOUT - 1)
        }
        Digits::Value if x != 0.0 && x.abs() < SMALL && !rounds_up_to(x, SMALL) => power(READOUT - 1),
        Digits::Value => signed(x, trim(capped(x, usize::MAX, READOUT)), style, true),
        Digits::Decimals(d) => signed(x, trim(capped(x, d, READOUT)), style, true),
        Digits::Table(d) => signed(x, trim(capped(x, d, TABLE)), style, true),
        Digits::Fixed(d) => signed(x, capped(x, d, READOUT), style, false),
        Digits::Whole => signed(x, round(x.abs(), 0), style, true),
        Digits::Significant(n) => signed(x, trim(capped(x, usize::MAX, n.max(1))), style, true),
        Digits::Scientific(_) if x == 0.0 => "0".into(),
        Digits::Scientific(d) => power(d),
    }
}

/// Whether |x| written with [`READOUT`] significant digits is `bound` (a
/// power of ten stored as f32 falls just below it: 1e-4 as 9.99…e-5).
fn rounds_up_to(x: f64, bound: f64) -> bool {
    let (mantissa, exponent) = exponential(x, READOUT - 1);
    mantissa.abs() == 1.0 && 10f64.powi(exponent) == bound
}

/// |x| with at most `d` decimals and at most `n` significant digits, with '.':
/// digits beyond the significant ones left of the mark are zeros.
fn capped(x: f64, d: usize, n: usize) -> String {
    let (mantissa, magnitude) = exponential(x, n - 1);
    // Decimals `n` significant digits allow, once rounding has carried.
    let allowed = n as i32 - 1 - magnitude;
    if x == 0.0 || (allowed >= 0 && d <= allowed as usize) {
        round(x.abs(), d.min(60))
    } else if allowed >= 0 {
        round(x.abs(), allowed as usize)
    } else {
        let digits = round(mantissa.abs(), n - 1).replace('.', "");
        format!("{digits}{}", "0".repeat((-allowed) as usize))
    }
}

/// A number typed into a field, in either language: either decimal mark
/// ('.' or ','), a minus as U+2212, a hyphen or an en dash, a leading '+',
/// spaces (a group) anywhere, e-notation. `None` for anything else, and
/// for what is not a finite number.
pub fn parse(text: &str) -> Option<f64> {
    let mut plain = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t' => {}
            '−' | '–' => plain.push('-'),
            ',' => plain.push('.'),
            c if c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E') => plain.push(c),
            _ => return None,
        }
    }
    // Two marks ("1,234.5") make no number for `parse`: refused, not guessed.
    plain.parse::<f64>().ok().filter(|x| x.is_finite())
}
/// `x` as a mantissa of `d` decimals in [1, 10) and its power of ten, as
/// `toExponential(d)` rounds it (a tie away from zero).
fn exponential(x: f64, d: usize) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let wide = format!("{:.*e}", d + 30, x.abs());
    let (digits, exponent) = wide.split_once('e').expect("e-notation");
    let mut exponent: i32 = exponent.parse().expect("an exponent");
    let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
    let mut kept = round_digits(&digits, d + 1);
    if kept.len() > d + 1 {
        // 9.995 became 10.00: one more power of ten.
        kept.pop();
        exponent += 1;
    }
    let mantissa: f64 = format!("{}.{}", &kept[..1], &kept[1..]).parse().expect("digits");
    (mantissa.copysign(x), exponent)
}

/// The first `n` of `digits` (a decimal expansion), rounded on the rest to
/// the nearest, a tie up; one digit longer when it carried past the first.
fn round_digits(digits: &str, n: usize) -> String {
    let (head, tail) = digits.split_at(n.min(digits.len()));
    let up = tail.as_bytes().first().is_some_and(|&b| b >= b'5');
    let mut out: Vec<u8> = head.bytes().collect();
    if up {
        let mut i = out.len();
        loop {
            if i == 0 {
                out.insert(0, b'1');
                break;
            }
            i -= 1;
            if out[i] == b'9' {
                out[i] = b'0';
            } else {
                out[i] += 1;
                break;
            }
        }
    }
    String::from_utf8(out).expect("digits")
}

/// |x| ≥ 0 with exactly `d` decimals, a tie away from zero, with '.'.
fn round(x: f64, d: usize) -> String {
    // The exact expansion to d + 30 decimals tells a tie from a near one
    // for every value that does not round to 0 (see the tests).
    let wide = format!("{:.*}", d + 30, x);
    let (int, frac) = wide.split_once('.').expect("decimals");
    let rounded = round_digits(&format!("{int}{frac}"), int.len() + d);
    let cut = rounded.len() - d;
    if d == 0 {
        rounded
    } else {
        format!("{}.{}", &rounded[..cut], &rounded[cut..])
    }
}

/// `text` without trailing zeros after the mark, nor a bare mark.
fn trim(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// `text` (digits of |x| with '.') in `style`, with the minus for negative
/// `x`; `zero_unsigned` writes a result of zero without it (−0 as 0).
fn signed(x: f64, text: String, style: Style, zero_unsigned: bool) -> String {
    let zero = text.bytes().all(|b| b == b'0' || b == b'.');
    let negative = x.is_sign_negative() && !(zero_unsigned && zero);
    let (int, rest) = text.split_at(text.find(['.', 'e']).unwrap_or(text.len()));
    let int = match style.group {
        Some(sep) => {
            let mut out = String::new();
            for (i, c) in int.chars().enumerate() {
                if i > 0 && (int.len() - i) % 3 == 0 {
                    out.push(sep);
                }
                out.push(c);
            }
            out
        }
        _ => int.to_string(),
    };
    let rest = rest.replacen('.', &style.mark.to_string(), 1);
    let sign = if negative {
        style.minus.to_string()
    } else {
        String::new()
    };
    format!("{sign}{int}{rest}")
}

/// The superscript of a digit or a minus.
fn superscript(c: char) -> char {
    match c {
        '-' => '⁻',
        d => ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][d.to_digit(10).unwrap_or(0) as usize],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(x: f64, d: Digits) -> String {
        format(x, d, Style::of("en"))
    }

    fn cs(x: f64, d: Digits) -> String {
        format(x, d, Style::of("cs"))
    }

    /// The significant digits of a number written in English (its
    /// mantissa's, for a power of ten); zeros that only fill places left of
    /// the mark do not count.
    fn significant(text: &str) -> usize {
        let text = text.replace(',', "");
        let mantissa = text.split('·').next().unwrap_or(&text);
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        let digits = digits.trim_start_matches('0');
        if mantissa.contains('.') {
            digits.len()
        } else {
            digits.trim_end_matches('0').len()
        }
    }

    #[test]
    fn czech_writes_a_decimal_comma_and_a_true_minus_everywhere() {
        use Digits::*;
        for d in [Decimals(4), Table(4), Fixed(3), Significant(4), Scientific(1), Value] {
            let text = cs(-0.0625, d);
            assert!(!text.contains('.'), "{d:?}: {text}");
            assert!(text.starts_with('−'), "{d:?}: {text}");
            assert!(!text.contains('-'), "{d:?}: {text}");
            let text = en(-0.0625, d);
            assert!(
                text.starts_with('−') && !text.contains('-') && !text.contains(','),
                "{d:?}: {text}"
            );
        }
        assert_eq!(cs(0.5, Decimals(3)), "0,5");
        assert_eq!(en(-1.23456, Decimals(3)), "−1.235");
        assert_eq!(cs(-1.23456, Decimals(3)), "−1,235");
    }

    #[test]
    fn readouts_keep_at_most_four_significant_digits_and_tables_five() {
        use Digits::*;
        // The page's own examples: −801888,6206, (−57,645; −85832,98), 21498,3333.
        assert_eq!(cs(-801888.6206, Decimals(4)), "−801\u{a0}900");
        assert_eq!(cs(-57.645, Decimals(4)), "−57,65");
        assert_eq!(cs(-85832.98, Decimals(4)), "−85\u{a0}830");
        assert_eq!(cs(21498.3333, Decimals(4)), "21\u{a0}500");
        assert_eq!(cs(0.092556, Decimals(4)), "0,0926", "four decimals bind first");
        assert_eq!(en(0.000123456, Decimals(12)), "0.0001235");
        assert_eq!(en(21498.3333, Table(4)), "21,498");
        assert_eq!(en(1.234567, Table(6)), "1.2346");
        assert_eq!(
            en(9.99996, Decimals(4)),
            "10",
            "a carry is one more digit left of the mark"
        );
        for x in [
            -801888.6206,
            21498.3333,
            0.09255,
            2.71238765,
            12345.678,
            999999.4,
            1.0 / 3.0,
        ] {
            for d in 0..8 {
                assert!(
                    significant(&en(x, Decimals(d))) <= READOUT,
                    "{x} {d}: {}",
                    en(x, Decimals(d))
                );
                assert!(significant(&en(x, Fixed(d))) <= READOUT, "{x} {d}: {}", en(x, Fixed(d)));
                assert!(significant(&en(x, Table(d))) <= TABLE, "{x} {d}: {}", en(x, Table(d)));
                assert!(significant(&en(x, Value)) <= READOUT, "{x}: {}", en(x, Value));
            }
        }
    }

    #[test]
    fn thousands_are_grouped_as_intl_number_format_groups_them() {
        use Digits::*;
        assert_eq!(en(123456.0, Decimals(0)), "123,500");
        assert_eq!(en(123456.0, Whole), "123,456");
        assert_eq!(
            cs(1234.0, Decimals(0)),
            "1\u{a0}234",
            "as Intl.NumberFormat('cs') groups four digits"
        );
        assert_eq!(cs(-12345.0, Fixed(0)), "−12\u{a0}350");
        assert_eq!(en(4990.0, Fixed(0)), "4,990");
        assert_eq!(cs(999.0, Fixed(0)), "999");
        assert_eq!(en(1234567.4, Whole), "1,234,567", "a count keeps its digits");
        assert_eq!(cs(-1234567.0, Whole), "−1\u{a0}234\u{a0}567");
        assert_eq!(
            format(1234.5, Decimals(1), Style::of("cs").ungrouped()),
            "1235",
            "a field is not grouped"
        );
    }

    #[test]
    fn ties_round_away_from_zero_as_intl_does() {
        use Digits::Decimals as D;
        // Exact binary ties: Rust's own formatting would give 0.12, 2, −0.12.
        assert_eq!(en(0.125, D(2)), "0.13");
        assert_eq!(en(2.5, D(0)), "3");
        assert_eq!(en(-0.125, D(2)), "−0.13");
        // Not ties: 1.005 is 1.00499999999999989… in binary.
        assert_eq!(en(1.005, D(2)), "1");
        assert_eq!(en(0.3 - 0.1, D(1)), "0.2");
        assert_eq!(en(9.9996, D(3)), "10");
        assert_eq!(en(-0.0001, D(3)), "0", "−0 is 0");
        assert_eq!(en(f64::NAN, D(3)), "–");
        assert_eq!(cs(f64::INFINITY, D(3)), "–");
    }

    #[test]
    fn one_scientific_form_a_mantissa_times_a_power_of_ten() {
        use Digits::*;
        assert_eq!(en(7.5234e30, Decimals(3)), "7.523·10³⁰");
        assert_eq!(cs(-7.5234e30, Decimals(3)), "−7,523·10³⁰");
        assert_eq!(en(1e6, Decimals(3)), "1·10⁶");
        assert_eq!(en(9.9996e6, Decimals(3)), "1·10⁷", "9.9996 carries into the next power");
        assert_eq!(
            en(999999.0, Decimals(3)),
            "1,000,000",
            "below a million: four digits, grouped"
        );
        assert_eq!(cs(3.3e-9, Scientific(1)), "3,3·10⁻⁹");
        assert_eq!(en(1.26e-8, Scientific(1)), "1.3·10⁻⁸");
        assert_eq!(en(300.0, Scientific(1)), "3·10²");
        assert_eq!(en(-0.042, Scientific(1)), "−4.2·10⁻²");
        assert_eq!(en(0.0, Scientific(1)), "0");
        assert_eq!(cs(2.1e14, Table(3)), "2,1·10¹⁴");
        for d in [Decimals(3), Table(3), Scientific(2), Value] {
            let text = cs(-3.3e-9 * 1e20, d);
            assert!(!text.contains('e') && text.contains("·10"), "{d:?}: {text}");
        }
    }

    #[test]
    fn fixed_decimals_keep_their_width_and_their_sign() {
        use Digits::Fixed as F;
        assert_eq!(en(0.5, F(3)), "0.500");
        assert_eq!(cs(0.5, F(3)), "0,500");
        assert_eq!(en(-0.0001, F(2)), "−0.00", "as the page's fixed wrote it");
        assert_eq!(en(12.0, F(0)), "12");
        assert_eq!(en(12.34567, F(3)), "12.35", "four significant digits bind first");
        assert_eq!(en(99.96, F(2)), "99.96");
        assert_eq!(cs(2.212e30, F(1)), "2,212·10³⁰", "a diverged loss");
        assert_eq!(en(999.96, F(2)), "1,000", "a carry past four digits drops the decimals");
    }

    #[test]
    fn a_value_by_itself_is_a_power_of_ten_when_tiny_or_huge() {
        use Digits::Value as V;
        let cases = [
            (0.0, "0"),
            (0.25, "0.25"),
            (f64::from(0.2_f32), "0.2"),
            (1.0, "1"),
            (12.5, "12.5"),
            (2500.0, "2,500"),
            (100_000.0, "100,000"),
            (1e6, "1·10⁶"),
            (0.001, "0.001"),
            (0.0001, "0.0001"),
            (f64::from(1e-4_f32), "0.0001"),
            (0.00012, "0.00012"),
            (1e-5, "1·10⁻⁵"),
            (f64::from(1e-6_f32), "1·10⁻⁶"),
            (-4.0, "−4"),
            (-0.5, "−0.5"),
            (0.123456, "0.1235"),
        ];
        for (v, text) in cases {
            assert_eq!(en(v, V), text, "{v}");
        }
        assert_eq!(cs(-1e-5, V), "−1·10⁻⁵");
    }

    #[test]
    fn lists_of_decimals_are_separated_by_a_semicolon_in_czech() {
        let (en_s, cs_s) = (Style::of("en"), Style::of("cs"));
        let list = |s: Style| {
            [0.3632, 0.5374]
                .map(|x| format(x, Digits::Decimals(4), s))
                .join(s.list())
        };
        assert_eq!(list(en_s), "0.3632, 0.5374");
        assert_eq!(list(cs_s), "0,3632; 0,5374");
    }

    #[test]
    fn link_numbers_are_written_as_values() {
        assert_eq!(Style::of("en").localize("-0.25"), "−0.25");
        assert_eq!(Style::of("cs").localize("-0.25"), "−0,25");
        assert_eq!(Style::of("cs").localize("1e-5"), "1·10⁻⁵");
        assert_eq!(Style::of("cs").localize("0.59874"), "0,5987");
        assert_eq!(
            Style::of("cs").localize("x-1.5"),
            "x−1,5",
            "other text keeps its characters"
        );
    }

    #[test]
    fn a_field_reads_either_mark_and_either_minus_and_refuses_the_rest() {
        for (text, x) in [
            ("0,1", 0.1),
            ("0.1", 0.1),
            ("−0,003", -0.003),
            ("-0.003", -0.003),
            ("–2", -2.0),
            (" +1 ", 1.0),
            ("1\u{a0}234,5", 1234.5),
            ("1e-3", 0.001),
            ("3", 3.0),
        ] {
            let read = parse(text).unwrap_or_else(|| panic!("{text:?} refused"));
            assert!((read - x).abs() < 1e-12, "{text:?} read as {read}");
        }
        for junk in [
            "", "abc", "1,2,3", "1.234,5", "0x10", "1..2", "inf", "NaN", "--1", "1 2a", "·", "1e400",
        ] {
            assert_eq!(parse(junk), None, "{junk:?}");
        }
        // What the formatter writes into a field reads back within its digits.
        for x in [-0.003, 0.1, 2.0, -1.25, 123.4] {
            for lang in ["en", "cs"] {
                let text = format(x, Digits::Significant(READOUT), Style::of(lang).ungrouped());
                assert_eq!(parse(&text), Some(x), "{lang}: {text}");
            }
        }
    }
}
