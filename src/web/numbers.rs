//! The page's one number formatter (`view::number`), exported: the page
//! writes its numbers with `formatNumber`, and the figures drawn on
//! canvases use the language the page set with `setNumberLanguage`.

use crate::view::number::{self, Digits, Style};
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::prelude::*;

/// Whether the page's language is Czech (set with the language).
static CZECH: AtomicBool = AtomicBool::new(false);

/// Sets the language figures write numbers in ("cs" or "en"). The page
/// calls it whenever the language changes.
#[wasm_bindgen(js_name = setNumberLanguage)]
pub fn set_number_language(lang: &str) {
    CZECH.store(lang == "cs", Ordering::Relaxed);
}

/// The number style of the language the page set, for figures.
pub fn style() -> Style {
    Style::of(if CZECH.load(Ordering::Relaxed) { "cs" } else { "en" })
}

/// `x` as the page writes it in `lang` ("cs" or "en"), by `how`:
/// "decimals" (a readout: at most `digits` decimals and four significant
/// digits, a million and more as a power of ten), "table" (the same with
/// five significant digits), "fixed" (exactly `digits` decimals, fewer past
/// four significant digits), "significant" (at most `digits` significant
/// digits), "scientific" (a mantissa of at most `digits` decimals times a
/// power of ten), "value" (a value by itself, as a tick writes it),
/// "grouped" (a count: every digit, thousands grouped) or "field" (a
/// field's value, which the page reads back with `parseNumber`: four
/// significant digits, not grouped); '–' when `x` is not finite.
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(x: f64, how: &str, digits: usize, lang: &str) -> String {
    let digits = digits.min(20);
    let style = Style::of(lang);
    let (digits, style) = match how {
        "table" => (Digits::Table(digits), style),
        "fixed" => (Digits::Fixed(digits), style),
        "significant" => (Digits::Significant(digits), style),
        "scientific" => (Digits::Scientific(digits), style),
        "value" => (Digits::Value, style),
        "grouped" => (Digits::Whole, style),
        "field" => (Digits::Significant(number::READOUT), style.ungrouped()),
        _ => (Digits::Decimals(digits), style),
    };
    number::format(x, digits, style)
}

/// A number typed into a field, in either language (either decimal mark,
/// a minus or a hyphen); `undefined` when the text is not a number.
#[wasm_bindgen(js_name = parseNumber)]
pub fn parse_number(text: &str) -> Option<f64> {
    number::parse(text)
}

/// What separates the numbers of a list in `lang`: "; " in Czech, where
/// the comma is the decimal mark, ", " in English.
#[wasm_bindgen(js_name = numberListSeparator)]
pub fn number_list_separator(lang: &str) -> String {
    Style::of(lang).list().to_string()
}

/// A number written as a link writes it ("-0.25", "1e-5") as the page
/// writes a value in `lang` ("−0,25", "1·10⁻⁵"); other text gets the
/// language's decimal mark and minus.
#[wasm_bindgen(js_name = localizeNumber)]
pub fn localize_number(text: &str, lang: &str) -> String {
    Style::of(lang).localize(text)
}
