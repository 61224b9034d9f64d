//! What the export renderer shares with the UI, embedded at build time and parsed once:
//! the palette and ring geometry (`assets/palette.json`), the fonts, the prompt cards
//! (`ui/src/lib/prompts.ts`) and their questions (`assets/locales/en-GB/main.ftl`).
//!
//! Embedding means an export never reads a file at run time, so it looks the same on every
//! computer and cannot be changed by a stray file.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use crate::{Error, Result};

const PALETTE_JSON: &str = include_str!("../../../../assets/palette.json");
const PROMPTS_TS: &str = include_str!("../../../../ui/src/lib/prompts.ts");
const MAIN_FTL: &str = include_str!("../../../../assets/locales/en-GB/main.ftl");
pub(crate) const FONT_REGULAR: &[u8] =
    include_bytes!("../../../../assets/fonts/AtkinsonHyperlegibleNext-Regular.ttf");
pub(crate) const FONT_BOLD: &[u8] =
    include_bytes!("../../../../assets/fonts/AtkinsonHyperlegibleNext-Bold.ttf");

/// One palette colour.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Colour {
    pub id: String,
    pub name: String,
    pub hex: String,
    pub ink: String,
}

/// One palette shape: an SVG path in a unit box of radius 1.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Shape {
    pub id: String,
    pub name: String,
    pub path: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Geometry {
    #[serde(rename = "centreRadius")]
    centre_radius: f64,
    #[serde(rename = "outerRadius")]
    outer_radius: f64,
    weights: Vec<f64>,
}

#[derive(Debug, Clone, Deserialize)]
struct Rings {
    geometry: Geometry,
}

#[derive(Debug, Clone, Deserialize)]
struct Kind {
    id: String,
    name: String,
}

#[derive(Debug, Clone, Deserialize)]
struct PaletteFile {
    colours: Vec<Colour>,
    shapes: Vec<Shape>,
    rings: Rings,
    kinds: Vec<Kind>,
}

/// How a prompt card's badge feels (see `ui/src/lib/prompts.ts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    Strength,
    Neutral,
    Worry,
}

/// One prompt card: its id, tone, question and badge name.
#[derive(Debug, Clone)]
pub(crate) struct Prompt {
    pub id: String,
    pub tone: Tone,
    pub question: String,
    pub badge: String,
}

/// Everything embedded, parsed.
pub(crate) struct Assets {
    colours: Vec<Colour>,
    shapes: Vec<Shape>,
    geometry: Geometry,
    kinds: HashMap<String, String>,
    /// In the order the UI offers them.
    pub prompts: Vec<Prompt>,
    /// The family name usvg knows the embedded fonts by.
    pub font_family: String,
    pub fontdb: Arc<resvg::usvg::fontdb::Database>,
    pub regular: ttf_metrics::Metrics,
    pub bold: ttf_metrics::Metrics,
}

static ASSETS: OnceLock<std::result::Result<Assets, &'static str>> = OnceLock::new();

/// The parsed assets. They are part of the build, so a failure here is a bug, reported as
/// [`Error::Internal`] rather than a panic.
pub(crate) fn assets() -> Result<&'static Assets> {
    ASSETS
        .get_or_init(load)
        .as_ref()
        .map_err(|code| Error::Internal(code))
}

fn load() -> std::result::Result<Assets, &'static str> {
    let palette: PaletteFile = serde_json::from_str(PALETTE_JSON).map_err(|_| "export-palette")?;
    if palette.colours.is_empty() || palette.shapes.is_empty() {
        return Err("export-palette");
    }
    let mut db = resvg::usvg::fontdb::Database::new();
    db.load_font_data(FONT_REGULAR.to_vec());
    db.load_font_data(FONT_BOLD.to_vec());
    let font_family = db
        .faces()
        .next()
        .and_then(|face| face.families.first())
        .map(|(name, _)| name.clone())
        .ok_or("export-font")?;
    Ok(Assets {
        colours: palette.colours,
        shapes: palette.shapes,
        geometry: palette.rings.geometry,
        kinds: palette.kinds.into_iter().map(|k| (k.id, k.name)).collect(),
        prompts: parse_prompts(PROMPTS_TS, MAIN_FTL),
        font_family,
        fontdb: Arc::new(db),
        regular: ttf_metrics::Metrics::new(FONT_REGULAR).ok_or("export-font")?,
        bold: ttf_metrics::Metrics::new(FONT_BOLD).ok_or("export-font")?,
    })
}

impl Assets {
    /// The palette colour, or the first one (grey-ish fallback) for an unknown id.
    pub fn colour(&self, id: &str) -> &Colour {
        self.colours
            .iter()
            .find(|c| c.id == id)
            .or_else(|| self.colours.iter().find(|c| c.id == "grey"))
            .unwrap_or(&self.colours[0])
    }

    /// The palette shape, or the circle for an unknown id.
    pub fn shape(&self, id: &str) -> &Shape {
        self.shapes
            .iter()
            .find(|s| s.id == id)
            .or_else(|| self.shapes.iter().find(|s| s.id == "circle"))
            .unwrap_or(&self.shapes[0])
    }

    /// The friendly name of a token kind (`peer` → "Someone my age").
    pub fn kind_name(&self, id: &str) -> &str {
        self.kinds.get(id).map_or("Someone", String::as_str)
    }

    /// The prompt card with this id, if it is one of the built-in cards.
    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|p| p.id == id)
    }

    /// Ring boundaries b[0..=n] as fractions of the outer radius, per the palette's
    /// `geometryFormula`: b[0] = centre radius, b[k] grows in proportion to the weights.
    pub fn ring_bounds(&self, n: usize) -> Vec<f64> {
        let g = &self.geometry;
        let n = n.clamp(1, g.weights.len().max(1));
        let weights: Vec<f64> = (0..n)
            .map(|i| g.weights.get(i).copied().unwrap_or(1.0))
            .collect();
        let total: f64 = weights.iter().sum();
        let mut bounds = vec![g.centre_radius];
        let mut acc = 0.0;
        for w in &weights {
            acc += w;
            bounds.push(g.centre_radius + (g.outer_radius - g.centre_radius) * acc / total);
        }
        bounds
    }
}

/// The cards in `prompts.ts` order, with their words from the Fluent file
/// (`prompt-<id>` is the question, `prompt-<id>-badge` the badge's name).
fn parse_prompts(ts: &str, ftl: &str) -> Vec<Prompt> {
    let messages = ftl_messages(ftl);
    let mut prompts = Vec::new();
    for line in ts.lines() {
        let line = line.trim();
        let (Some(id), Some(tone)) = (quoted_after(line, "id: '"), quoted_after(line, "tone: '"))
        else {
            continue;
        };
        let tone = match tone {
            "strength" => Tone::Strength,
            "worry" => Tone::Worry,
            _ => Tone::Neutral,
        };
        let Some(question) = messages.get(&format!("prompt-{id}")) else {
            continue;
        };
        let badge = messages
            .get(&format!("prompt-{id}-badge"))
            .cloned()
            .unwrap_or_else(|| question.clone());
        prompts.push(Prompt {
            id: id.to_owned(),
            tone,
            question: question.clone(),
            badge,
        });
    }
    prompts
}

fn quoted_after<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let rest = &line[line.find(marker)? + marker.len()..];
    rest.split('\'').next()
}

/// A plain-text UI string from `main.ftl` (text Rust shows itself, such as the titles of
/// native file dialogs), or `None` if there is no such plain message.
pub(crate) fn ui_message(id: &str) -> Option<&'static str> {
    static MESSAGES: OnceLock<HashMap<String, String>> = OnceLock::new();
    MESSAGES
        .get_or_init(|| ftl_messages(MAIN_FTL))
        .get(id)
        .map(String::as_str)
}

/// Every message whose value is plain text (no placeables), by id.
fn ftl_messages(ftl: &str) -> HashMap<String, String> {
    use fluent_syntax::ast::{Entry, PatternElement};
    let resource = match fluent_syntax::parser::parse(ftl) {
        Ok(resource) => resource,
        // A slip elsewhere in the file leaves the good entries usable.
        Err((resource, _)) => resource,
    };
    let mut out = HashMap::new();
    for entry in resource.body {
        let Entry::Message(message) = entry else {
            continue;
        };
        let Some(value) = message.value else {
            continue;
        };
        let mut text = String::new();
        let mut plain = true;
        for element in value.elements {
            match element {
                PatternElement::TextElement { value } => text.push_str(value),
                PatternElement::Placeable { .. } => plain = false,
            }
        }
        if plain {
            out.insert(message.id.name.to_owned(), text.trim().to_owned());
        }
    }
    out
}

/// Advance widths, for wrapping text on the PDF pages.
pub(crate) mod ttf_metrics {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_parse_and_geometry_matches_the_worked_examples() {
        let a = assets().expect("assets");
        let examples: serde_json::Value = serde_json::from_str(PALETTE_JSON).expect("palette json");
        for n in 3..=5 {
            let want = &examples["rings"]["geometryExamples"][n.to_string()];
            let got = a.ring_bounds(n);
            assert_eq!(got.len(), n + 1);
            for (i, b) in got.iter().enumerate() {
                let w = want[i].as_f64().expect("number");
                assert!((b - w).abs() < 1e-4, "n={n} i={i}: {b} vs {w}");
            }
        }
        assert_eq!(a.prompts.len(), 20, "every card in prompts.ts has words");
        let listens = a.prompt("support-listens").expect("card");
        assert_eq!(listens.question, "Who really listens when you talk?");
        assert_eq!(listens.badge, "Listens to me");
        assert_eq!(listens.tone, Tone::Strength);
        assert_eq!(a.kind_name("peer"), "Someone my age");
        assert!(a.regular.width("Hello", 10.0) > 10.0);
        assert!(a.font_family.contains("Atkinson"));
    }
}
