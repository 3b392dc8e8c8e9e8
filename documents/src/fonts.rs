//! The one typeface of the documents, DejaVu Sans Condensed (regular and bold), shipped in
//! `public/fonts/` and embedded (subset) in every PDF: no reliance on a viewer's base-14 fonts,
//! and every character of French, English and the amounts (€, narrow no-break space) drawn.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};

use printpdf::{FontId, ParsedFont};

const REGULAR_TTF: &[u8] = include_bytes!("../../public/fonts/DejaVuSansCondensed.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../public/fonts/DejaVuSansCondensed-Bold.ttf");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    /// The font's resource name in the PDF: fixed, where printpdf would draw a random one, so
    /// that the bytes are the same each time. Its first six letters are the subset tag.
    pub fn id(self) -> FontId {
        FontId(
            match self {
                Self::Regular => "ATELRG",
                Self::Bold => "ATELBD",
            }
            .to_owned(),
        )
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Self::Regular => REGULAR_TTF,
            Self::Bold => BOLD_TTF,
        }
    }

    /// The whole face, parsed once: for measuring text.
    pub fn font(self) -> &'static ParsedFont {
        static REGULAR: OnceLock<ParsedFont> = OnceLock::new();
        static BOLD: OnceLock<ParsedFont> = OnceLock::new();
        let cell = match self {
            Self::Regular => &REGULAR,
            Self::Bold => &BOLD,
        };
        cell.get_or_init(|| ParsedFont::from_bytes(self.bytes(), 0, &mut Vec::new()).expect("the shipped font parses"))
    }

    /// The face reduced to the glyphs of `chars`, to embed: a few kilobytes instead of the
    /// whole face's 680. Its name carries the subset tag, as PDF readers expect.
    pub fn subset(self, chars: &BTreeSet<char>) -> ParsedFont {
        let full = self.font();
        // Glyph 0 (.notdef) comes first, as in every font.
        let mut glyphs: Vec<u16> = chars.iter().filter_map(|&c| full.lookup_glyph_index(c as u32)).collect();
        glyphs.push(0);
        glyphs.sort_unstable();
        glyphs.dedup();
        let reduced = ReadScope::new(self.bytes())
            .read::<FontData<'_>>()
            .ok()
            .and_then(|data| data.table_provider(0).ok())
            .and_then(|provider| subset(&provider, &glyphs, &SubsetProfile::Pdf, CmapTarget::Unicode).ok())
            .and_then(|bytes| ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()));
        // Should the shipped face ever fail to subset, the whole face is embedded instead.
        let mut font = reduced.unwrap_or_else(|| full.clone());
        font.font_name = Some(format!("{}+{}", self.id().0, self.face_name()));
        font
    }

    fn face_name(self) -> &'static str {
        match self {
            Self::Regular => "DejaVuSansCondensed",
            Self::Bold => "DejaVuSansCondensed-Bold",
        }
    }

    /// The width of `text` at `size` points, from the font's advance widths (no kerning: the
    /// PDF is written without it either).
    pub fn width(self, text: &str, size: f32) -> f32 {
        let font = self.font();
        let units: u32 = text
            .chars()
            .map(|c| font.lookup_glyph_index(c as u32).and_then(|gid| font.get_glyph_width(gid)).map_or(0, u32::from))
            .sum();
        units as f32 * size / f32::from(font.units_per_em.max(1))
    }
}

/// Splits `text` into lines no wider than `max` points (words longer than a line are cut).
pub fn wrap(text: &str, weight: Weight, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if weight.width(&candidate, size) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line: cut it where it overflows.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if weight.width(&piece, size) > max && piece.chars().count() > 1 {
                    let last = piece.pop().expect("two characters at least");
                    lines.push(std::mem::replace(&mut piece, last.to_string()));
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let w = Weight::Regular.width("Facture", 10.0);
        assert!(w > 20.0 && w < 60.0, "{w}");
        assert!(Weight::Bold.width("Facture", 10.0) > w);
        assert!((Weight::Regular.width("Facture", 20.0) - 2.0 * w).abs() < 0.01);
        assert!(Weight::Regular.width("1\u{202F}234,56\u{A0}€", 10.0) > 0.0);
    }

    #[test]
    fn wrapping_keeps_every_word_within_the_width() {
        let text = "Pose et raccordement d'un chauffe-eau thermodynamique de 270 litres, mise en service";
        let lines = wrap(text, Weight::Regular, 9.0, 120.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.join(" "), text);
        assert!(lines.iter().all(|l| Weight::Regular.width(l, 9.0) <= 120.0));
        let long = "x".repeat(300);
        let cut = wrap(&long, Weight::Regular, 9.0, 100.0);
        assert_eq!(cut.concat(), long);
        assert_eq!(wrap("", Weight::Regular, 9.0, 100.0), vec![String::new()]);
    }
}
