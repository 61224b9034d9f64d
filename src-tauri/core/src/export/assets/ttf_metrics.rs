//! Advance widths, for wrapping text on the PDF pages.

use std::collections::HashMap;

/// Horizontal advances of one font, in em units.
pub struct Metrics {
    advances: HashMap<char, f32>,
    fallback: f32,
}

impl Metrics {
    pub fn new(data: &'static [u8]) -> Option<Self> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let upem = f32::from(face.units_per_em());
        let mut advances = HashMap::new();
        // Latin, Latin-1 and the punctuation we write; anything else uses the fallback.
        for c in (' '..='~')
            .chain('\u{a0}'..='\u{17f}')
            .chain('\u{2010}'..='\u{2027}')
        {
            if let Some(glyph) = face.glyph_index(c) {
                if let Some(adv) = face.glyph_hor_advance(glyph) {
                    advances.insert(c, f32::from(adv) / upem);
                }
            }
        }
        Some(Metrics {
            advances,
            fallback: 0.6,
        })
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advances.get(&c).copied().unwrap_or(self.fallback))
            .sum::<f32>()
            * size
    }
}
