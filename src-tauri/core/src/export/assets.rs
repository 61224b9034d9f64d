//! What the export renderer shares with the UI, embedded at build time and parsed once:
//! the palette, map colours and ring geometry (`assets/palette.json`), the fonts, the prompt
//! cards (`assets/prompts.json`) and their questions (`assets/locales/en-GB/main.ftl`).
//!
//! Embedding means an export never reads a file at run time, so it looks the same on every
//! computer and cannot be changed by a stray file.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use crate::{Error, Result};

const PALETTE_JSON: &str = include_str!("../../../../assets/palette.json");
const PROMPTS_JSON: &str = include_str!("../../../../assets/prompts.json");
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

/// How one kind of badge mark looks.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct BadgeLook {
    pub fill: String,
    pub line: String,
    pub ink: String,
}

/// The badge marks, by tone.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct BadgeLooks {
    pub strength: BadgeLook,
    pub neutral: BadgeLook,
    pub worry: BadgeLook,
}

/// The palette's `map` colours: everything on the map that is not a person's own colour.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MapColours {
    pub background: String,
    pub centre: String,
    ring_fills: Vec<String>,
    pub ink: String,
    pub line: String,
    pub ring_label: String,
    pub link: String,
    group_tints: Vec<String>,
    pub badges: BadgeLooks,
    unknown_colour: String,
    unknown_shape: String,
}

impl MapColours {
    /// Ring `i`'s soft tint (innermost first); the outermost tint for any ring beyond them.
    pub fn ring_fill(&self, i: usize) -> &str {
        self.ring_fills
            .get(i)
            .or(self.ring_fills.last())
            .map_or(self.background.as_str(), String::as_str)
    }

    /// Group `i`'s colour, taking the tints in turn.
    pub fn group_tint(&self, i: usize) -> &str {
        match self.group_tints.len() {
            0 => self.ink.as_str(),
            n => self.group_tints[i % n].as_str(),
        }
    }

    /// Every colour here, for checking the file.
    fn all(&self) -> impl Iterator<Item = &String> {
        let b = &self.badges;
        [&self.background, &self.centre, &self.ink, &self.line]
            .into_iter()
            .chain([&self.ring_label, &self.link])
            .chain(&self.ring_fills)
            .chain(&self.group_tints)
            .chain(
                [&b.strength, &b.neutral, &b.worry]
                    .into_iter()
                    .flat_map(|l| [&l.fill, &l.line, &l.ink]),
            )
    }
}

/// `#rrggbb`, so it can go into an SVG attribute as it is.
fn is_hex_colour(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].bytes().all(|b| b.is_ascii_hexdigit())
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
    map: MapColours,
    rings: Rings,
    kinds: Vec<Kind>,
}

/// How a prompt card's badge feels (`tone` in `assets/prompts.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Tone {
    Strength,
    Neutral,
    Worry,
}

/// One card as `assets/prompts.json` lists it.
#[derive(Debug, Clone, Deserialize)]
struct PromptEntry {
    id: String,
    group: String,
    tone: Tone,
}

/// `assets/prompts.json`.
#[derive(Debug, Clone, Deserialize)]
struct PromptsFile {
    groups: Vec<String>,
    cards: Vec<PromptEntry>,
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
    /// The map's own colours.
    pub map: MapColours,
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
    let map = &palette.map;
    let colours_ok = palette
        .colours
        .iter()
        .flat_map(|c| [&c.hex, &c.ink])
        .chain(map.all())
        .all(|c| is_hex_colour(c));
    if palette.colours.is_empty()
        || palette.shapes.is_empty()
        || map.ring_fills.is_empty()
        || map.group_tints.is_empty()
        || !colours_ok
        || !palette.colours.iter().any(|c| c.id == map.unknown_colour)
        || !palette.shapes.iter().any(|s| s.id == map.unknown_shape)
    {
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
        map: palette.map,
        geometry: palette.rings.geometry,
        kinds: palette.kinds.into_iter().map(|k| (k.id, k.name)).collect(),
        prompts: parse_prompts(PROMPTS_JSON, MAIN_FTL)?,
        font_family,
        fontdb: Arc::new(db),
        regular: ttf_metrics::Metrics::new(FONT_REGULAR).ok_or("export-font")?,
        bold: ttf_metrics::Metrics::new(FONT_BOLD).ok_or("export-font")?,
    })
}

impl Assets {
    /// The palette colour, or the palette's `map.unknownColour` for an unknown id.
    pub fn colour(&self, id: &str) -> &Colour {
        self.colours
            .iter()
            .find(|c| c.id == id)
            .or_else(|| {
                self.colours
                    .iter()
                    .find(|c| c.id == self.map.unknown_colour)
            })
            .unwrap_or(&self.colours[0])
    }

    /// The palette shape, or the palette's `map.unknownShape` for an unknown id.
    pub fn shape(&self, id: &str) -> &Shape {
        self.shapes
            .iter()
            .find(|s| s.id == id)
            .or_else(|| self.shapes.iter().find(|s| s.id == self.map.unknown_shape))
            .unwrap_or(&self.shapes[0])
    }

    /// Every colour id, in palette order.
    #[cfg(test)]
    pub fn colour_ids(&self) -> impl Iterator<Item = &str> {
        self.colours.iter().map(|c| c.id.as_str())
    }

    /// Every shape id, in palette order.
    #[cfg(test)]
    pub fn shape_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.shapes.iter().map(|s| s.id.as_str())
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

/// The cards in `prompts.json` order, with their words from the Fluent file
/// (`prompt-<id>` is the question, `prompt-<id>-badge` the badge's name). A card without a
/// question, or in a group that is not listed, makes the file malformed.
fn parse_prompts(json: &str, ftl: &str) -> std::result::Result<Vec<Prompt>, &'static str> {
    let file: PromptsFile = serde_json::from_str(json).map_err(|_| "export-prompts")?;
    let messages = ftl_messages(ftl);
    file.cards
        .into_iter()
        .map(|card| {
            if !file.groups.contains(&card.group) {
                return Err("export-prompts");
            }
            let question = messages
                .get(&format!("prompt-{}", card.id))
                .ok_or("export-prompts")?;
            let badge = messages
                .get(&format!("prompt-{}-badge", card.id))
                .unwrap_or(question);
            Ok(Prompt {
                question: question.clone(),
                badge: badge.clone(),
                id: card.id,
                tone: card.tone,
            })
        })
        .collect()
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
pub(crate) mod ttf_metrics;

#[cfg(test)]
mod tests;
