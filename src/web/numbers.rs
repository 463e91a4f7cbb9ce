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

/// `x` as the page writes it in `lang` ("cs" or "en"): `how` is
/// "decimals" (at most `digits` decimals, a million and more as a power of
/// ten), "grouped" (at most `digits` decimals, thousands grouped as the
/// language groups them), "fixed" (exactly `digits`), "significant" or
/// "scientific" (`digits` decimals of the mantissa); '–' when `x` is not finite.
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(x: f64, how: &str, digits: usize, lang: &str) -> String {
    let digits = digits.min(20);
    let digits = match how {
        "fixed" => Digits::Fixed(digits),
        "significant" => Digits::Significant(digits),
        "scientific" => Digits::Scientific(digits),
        _ => Digits::Decimals(digits),
    };
    let style = Style::of(lang);
    match how {
        "grouped" => number::format(x, Digits::Fixed(0), style.grouped()),
        _ => number::format(x, digits, style),
    }
}

/// A number written as a link writes it ("-0.25", "1e-5") with `lang`'s
/// decimal mark and minus; other text stays.
#[wasm_bindgen(js_name = localizeNumber)]
pub fn localize_number(text: &str, lang: &str) -> String {
    Style::of(lang).localize(text)
}
