//! Numbers as the page writes them, on canvases and in its text alike: the
//! one formatter (decimal mark, minus sign, grouping, digits), which the
//! page asks through `formatNumber` and the figures call directly.
//!
//! Today's rules, kept as the page had them: a true minus (U+2212), the
//! language's decimal mark (Czech a comma), no grouping, at most a given
//! number of decimals, and a million or more as a power of ten
//! (7.52·10³⁰). Rounding is to the nearest, a tie away from zero, of the
//! number's exact binary value, as `Intl.NumberFormat` and
//! `Number.prototype.toExponential` round.

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
    /// The page's style for `lang` ("cs" or "en"; anything else is English).
    pub fn of(lang: &str) -> Style {
        match lang {
            "cs" => Style {
                mark: ',',
                minus: '−',
                group: None,
            },
            _ => Style {
                mark: '.',
                minus: '−',
                group: None,
            },
        }
    }

    /// The language's thousands separator, as `Intl.NumberFormat` writes it
    /// (a no-break space in Czech), for a later choice to group.
    pub fn grouped(self) -> Style {
        Style {
            group: Some(if self.mark == ',' { '\u{a0}' } else { ',' }),
            ..self
        }
    }

    /// A number written with '.' and '-' (as a link writes it) in this
    /// style: its decimal mark and its minus; other text stays.
    pub fn localize(self, text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '.' => self.mark,
                '-' => self.minus,
                c => c,
            })
            .collect()
    }
}

/// How many digits a number is written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digits {
    /// At most this many decimals, trailing zeros dropped; a million or more
    /// as a power of ten; −0 as 0.
    Decimals(usize),
    /// Exactly this many decimals (a readout that keeps its width).
    Fixed(usize),
    /// This many significant digits at most, trailing zeros dropped.
    Significant(usize),
    /// A mantissa with this many decimals and a power of ten in the
    /// e-notation of `toExponential` ("1.2e-8", "3.0e+2").
    Scientific(usize),
}

/// `x` in `style` with `digits`; '–' when it is not a finite number.
pub fn format(x: f64, digits: Digits, style: Style) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    match digits {
        Digits::Decimals(_) if x.abs() >= 1e6 => {
            let (mantissa, exponent) = exponential(x, 2);
            let power: String = exponent.to_string().chars().map(superscript).collect();
            format!("{}·10{power}", format(mantissa, Digits::Decimals(2), style))
        }
        Digits::Decimals(d) => {
            let text = trim(round(x.abs(), d));
            signed(x, text, style, true)
        }
        Digits::Fixed(d) => signed(x, round(x.abs(), d), style, false),
        Digits::Significant(n) => {
            let n = n.max(1);
            let (mantissa, magnitude) = exponential(x, n - 1);
            let text = if magnitude >= n as i32 - 1 {
                // Digits beyond the significant ones, left of the mark, are zeros.
                let digits = round(mantissa.abs(), n - 1).replace('.', "");
                format!("{digits}{}", "0".repeat(magnitude as usize + 1 - n))
            } else {
                trim(round(x.abs(), (n as i32 - 1 - magnitude) as usize))
            };
            signed(x, text, style, true)
        }
        Digits::Scientific(d) => {
            let (mantissa, exponent) = exponential(x, d);
            let sign = if exponent < 0 { '-' } else { '+' };
            let text = round(mantissa.abs(), d);
            let text = format!("{text}e{sign}{}", exponent.abs());
            signed(x, text, style, false)
        }
    }
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

    #[test]
    fn at_most_some_decimals_in_either_language() {
        use Digits::Decimals as D;
        assert_eq!(en(0.5, D(3)), "0.5");
        assert_eq!(cs(0.5, D(3)), "0,5");
        assert_eq!(en(-1.23456, D(3)), "−1.235");
        assert_eq!(cs(-1.23456, D(3)), "−1,235");
        assert_eq!(en(2.0, D(3)), "2");
        assert_eq!(en(-0.0001, D(3)), "0", "−0 is 0");
        assert_eq!(en(123456.7, D(0)), "123457", "no grouping today");
        assert_eq!(cs(123456.75, D(1)), "123456,8");
        assert_eq!(en(f64::NAN, D(3)), "–");
        assert_eq!(cs(f64::INFINITY, D(3)), "–");
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
    }

    #[test]
    fn a_million_and_more_is_a_power_of_ten() {
        use Digits::Decimals as D;
        assert_eq!(en(7.5234e30, D(3)), "7.52·10³⁰");
        assert_eq!(cs(-7.5234e30, D(3)), "−7,52·10³⁰");
        assert_eq!(en(1e6, D(3)), "1·10⁶");
        assert_eq!(en(1005000.0, D(3)), "1.01·10⁶", "toExponential's tie goes up");
        assert_eq!(en(9.996e6, D(3)), "1·10⁷", "9.996 carries into the next power");
        assert_eq!(en(999999.0, D(3)), "999999");
    }

    #[test]
    fn fixed_decimals_keep_their_width_and_their_sign() {
        use Digits::Fixed as F;
        assert_eq!(en(0.5, F(3)), "0.500");
        assert_eq!(cs(0.5, F(3)), "0,500");
        assert_eq!(en(-0.0001, F(2)), "−0.00", "as the page's fixed wrote it");
        assert_eq!(en(12.0, F(0)), "12");
        assert_eq!(cs(1234567.891, F(1)), "1234567,9");
    }

    #[test]
    fn significant_digits_and_scientific_notation() {
        assert_eq!(en(0.000123456, Digits::Significant(4)), "0.0001235");
        assert_eq!(cs(1234.5678, Digits::Significant(4)), "1235");
        assert_eq!(cs(123456.0, Digits::Significant(4)), "123500");
        assert_eq!(cs(-0.5, Digits::Significant(5)), "−0,5");
        assert_eq!(en(1.26e-8, Digits::Scientific(1)), "1.3e-8");
        assert_eq!(cs(1.24e-8, Digits::Scientific(1)), "1,2e-8");
        assert_eq!(en(300.0, Digits::Scientific(1)), "3.0e+2");
        assert_eq!(en(-0.042, Digits::Scientific(1)), "−4.2e-2");
    }

    #[test]
    fn grouping_follows_the_language_when_asked() {
        let (en_g, cs_g) = (Style::of("en").grouped(), Style::of("cs").grouped());
        assert_eq!(format(123456.5, Digits::Decimals(1), en_g), "123,456.5");
        assert_eq!(format(1234567.5, Digits::Fixed(1), en_g), "1,234,567.5");
        assert_eq!(format(1234.5, Digits::Decimals(1), en_g), "1,234.5");
        assert_eq!(format(1234.5, Digits::Decimals(1), cs_g), "1\u{a0}234,5");
        assert_eq!(format(-12345.0, Digits::Fixed(0), cs_g), "−12\u{a0}345");
        assert_eq!(format(4990.0, Digits::Fixed(0), en_g), "4,990");
        assert_eq!(
            format(4990.0, Digits::Fixed(0), cs_g),
            "4\u{a0}990",
            "as Intl.NumberFormat('cs') groups"
        );
        assert_eq!(format(999.0, Digits::Fixed(0), cs_g), "999");
    }

    #[test]
    fn link_numbers_take_the_languages_mark_and_minus() {
        assert_eq!(Style::of("en").localize("-0.25"), "−0.25");
        assert_eq!(Style::of("cs").localize("-0.25"), "−0,25");
        assert_eq!(Style::of("cs").localize("1e-5"), "1e−5");
    }
}
