//! The numbers and lists a map document obeys, read once from the shared assets so the UI and
//! the core enforce the same ones: `assets/limits.json` (lengths and counts) and, from
//! `assets/palette.json`, the shapes, the ring count and the default ring labels.
//!
//! Both files are embedded at build time. A malformed file is a bug in the build, caught by
//! the tests below; [`rules`] then panics with the file's name rather than guess a limit.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

const LIMITS_JSON: &str = include_str!("../../../../../assets/limits.json");
const PALETTE_JSON: &str = include_str!("../../../../../assets/palette.json");

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MapLimits {
    pub label_max: usize,
    pub purpose_max: usize,
    pub sessions_max: usize,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RingLimits {
    pub label_max: usize,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TokenLimits {
    pub max: usize,
    pub initials_max: usize,
    pub descriptor_max: usize,
    pub badges_max: usize,
}

#[derive(Debug, Deserialize)]
pub(crate) struct CountLimit {
    pub max: usize,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LabelledLimits {
    pub max: usize,
    pub label_max: usize,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NoteLimits {
    pub max: usize,
    pub text_max: usize,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ConsentLimits {
    pub reason_max: usize,
    pub understanding_note_max: usize,
    pub lawful_basis_max: usize,
    pub shares_max: usize,
    pub share_purpose_max: usize,
    pub recipient_field_max: usize,
    pub retention_reason_max: usize,
    pub disclosure_items_max: usize,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CharRule {
    max_length: usize,
    #[serde(default)]
    first_chars: Option<String>,
    chars: String,
}

/// `assets/limits.json`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Limits {
    pub map: MapLimits,
    pub ring: RingLimits,
    pub token: TokenLimits,
    pub link: CountLimit,
    pub group: LabelledLimits,
    pub place: LabelledLimits,
    pub note: NoteLimits,
    pub consent: ConsentLimits,
    id: CharRule,
    colour_id: CharRule,
    code: CharRule,
}

#[derive(Debug, Deserialize)]
struct PaletteShape {
    id: String,
}

#[derive(Debug, Deserialize)]
struct PaletteDescriptor {
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PaletteRings {
    min: usize,
    max: usize,
    default: usize,
    default_labels: HashMap<String, Vec<String>>,
}

/// The parts of `assets/palette.json` that a document must agree with.
#[derive(Debug, Deserialize)]
struct Palette {
    shapes: Vec<PaletteShape>,
    rings: PaletteRings,
    descriptors: Vec<PaletteDescriptor>,
}

/// A set of ASCII characters with a length limit, for ids.
#[derive(Debug)]
pub(crate) struct Charset {
    max: usize,
    first: [bool; 128],
    rest: [bool; 128],
}

impl Charset {
    fn new(rule: &CharRule) -> Result<Self, &'static str> {
        let table = |chars: &str| -> Result<[bool; 128], &'static str> {
            let mut table = [false; 128];
            for b in chars.bytes() {
                let slot = table.get_mut(usize::from(b)).ok_or("limits-id-not-ascii")?;
                *slot = true;
            }
            Ok(table)
        };
        let rest = table(&rule.chars)?;
        let first = match &rule.first_chars {
            Some(first) => table(first)?,
            None => rest,
        };
        if rule.max_length == 0 || rule.chars.is_empty() {
            return Err("limits-id-empty");
        }
        Ok(Charset {
            max: rule.max_length,
            first,
            rest,
        })
    }

    /// 1 to `max` bytes, each in the set (the first one in the first set).
    pub fn allows(&self, value: &str) -> bool {
        let ok = |table: &[bool; 128], b: u8| table.get(usize::from(b)).copied().unwrap_or(false);
        let bytes = value.as_bytes();
        (1..=self.max).contains(&bytes.len())
            && bytes.first().is_some_and(|&b| ok(&self.first, b))
            && bytes.iter().all(|&b| ok(&self.rest, b))
    }
}

/// The fixed sentences for broken rules, with the numbers from the limits. They hold no map
/// content, so they are as safe to log as the `&'static str` literals they replace.
#[derive(Debug)]
pub(crate) struct Sentences {
    pub map_label: String,
    pub purpose: String,
    pub ring_count: String,
    pub ring_label: String,
    pub sessions: String,
    pub retention_reason: String,
    pub initials: String,
    pub tokens: String,
    pub links: String,
    pub groups: String,
    pub group_label: String,
    pub places: String,
    pub place_label: String,
    pub notes: String,
    pub note: String,
    pub descriptor: String,
    pub badges: String,
    pub keep_reason: String,
    pub understanding: String,
    pub lawful_basis: String,
    pub shares: String,
    pub share_purpose: String,
    pub recipient: String,
}

impl Sentences {
    fn new(l: &Limits, min_rings: usize, max_rings: usize) -> Self {
        let c = &l.consent;
        Sentences {
            map_label: format!(
                "The map label must be 1 to {} characters, on one line.",
                l.map.label_max
            ),
            purpose: format!(
                "The purpose must be at most {} characters.",
                l.map.purpose_max
            ),
            ring_count: format!("A map needs {min_rings} to {max_rings} rings."),
            ring_label: format!(
                "Each ring label must be 1 to {} characters, on one line.",
                l.ring.label_max
            ),
            sessions: format!("A map can hold at most {} sessions.", l.map.sessions_max),
            retention_reason: format!(
                "The reason for extending retention must be 1 to {} characters.",
                c.retention_reason_max
            ),
            initials: format!("Initials must be 1 to {} letters.", l.token.initials_max),
            tokens: format!(
                "A map can show at most {} people in one session.",
                l.token.max
            ),
            links: format!("A session can hold at most {} links.", l.link.max),
            groups: format!("A session can hold at most {} groups.", l.group.max),
            group_label: format!(
                "A group name must be 1 to {} characters, on one line.",
                l.group.label_max
            ),
            places: format!("A session can hold at most {} places.", l.place.max),
            place_label: format!(
                "A place name must be 1 to {} characters, on one line.",
                l.place.label_max
            ),
            notes: format!("A session can hold at most {} notes.", l.note.max),
            note: format!(
                "A note must be 1 to {} characters, with no control characters.",
                l.note.text_max
            ),
            descriptor: format!(
                "A description of someone must be 1 to {} characters, on one line.",
                l.token.descriptor_max
            ),
            badges: format!("Someone has more than {} badges.", l.token.badges_max),
            keep_reason: format!(
                "The reason someone else gave consent must be 1 to {} characters.",
                c.reason_max
            ),
            understanding: format!(
                "The note about understanding must be 1 to {} characters.",
                c.understanding_note_max
            ),
            lawful_basis: format!(
                "The lawful basis must be 1 to {} characters.",
                c.lawful_basis_max
            ),
            shares: format!("A map can hold at most {} shares.", c.shares_max),
            share_purpose: format!(
                "The purpose of a share must be 1 to {} characters.",
                c.share_purpose_max
            ),
            recipient: format!(
                "A recipient needs a role and a team of 1 to {} characters each, on one line.",
                c.recipient_field_max
            ),
        }
    }
}

/// Everything a document is checked against.
#[derive(Debug)]
pub(crate) struct Rules {
    pub limits: Limits,
    pub min_rings: usize,
    pub max_rings: usize,
    /// Shape ids, in palette order.
    pub shapes: Vec<String>,
    /// The labels a new map's rings start with, innermost first.
    pub default_ring_labels: Vec<String>,
    /// The preset descriptors offered in the UI ("Best friend", ...).
    pub descriptor_names: Vec<String>,
    pub ids: Charset,
    pub colour_ids: Charset,
    pub codes: Charset,
    pub say: Sentences,
}

fn load(limits_json: &str, palette_json: &str) -> Result<Rules, &'static str> {
    let limits: Limits = serde_json::from_str(limits_json).map_err(|_| "limits-json")?;
    let palette: Palette = serde_json::from_str(palette_json).map_err(|_| "palette-json")?;
    let rings = palette.rings;
    if rings.min == 0 || rings.min > rings.max || !(rings.min..=rings.max).contains(&rings.default)
    {
        return Err("palette-ring-count");
    }
    for n in rings.min..=rings.max {
        let labels = rings
            .default_labels
            .get(&n.to_string())
            .ok_or("palette-ring-labels")?;
        let fits = |label: &String| {
            !label.trim().is_empty() && label.chars().count() <= limits.ring.label_max
        };
        if labels.len() != n || !labels.iter().all(fits) {
            return Err("palette-ring-labels");
        }
    }
    let default_ring_labels = rings
        .default_labels
        .get(&rings.default.to_string())
        .cloned()
        .ok_or("palette-ring-labels")?;
    if palette.shapes.is_empty() {
        return Err("palette-shapes");
    }
    Ok(Rules {
        ids: Charset::new(&limits.id)?,
        colour_ids: Charset::new(&limits.colour_id)?,
        codes: Charset::new(&limits.code)?,
        say: Sentences::new(&limits, rings.min, rings.max),
        limits,
        min_rings: rings.min,
        max_rings: rings.max,
        shapes: palette.shapes.into_iter().map(|s| s.id).collect(),
        default_ring_labels,
        descriptor_names: palette.descriptors.into_iter().map(|d| d.name).collect(),
    })
}

static RULES: LazyLock<Rules> = LazyLock::new(|| match load(LIMITS_JSON, PALETTE_JSON) {
    Ok(rules) => rules,
    // Only a broken build gets here, and the tests below refuse to pass on one.
    Err(code) => panic!("embedded assets/limits.json or palette.json are malformed: {code}"),
});

/// The rules, parsed on first use.
pub(crate) fn rules() -> &'static Rules {
    &RULES
}

/// The token and "me" shapes, in palette order (`assets/palette.json` `shapes`).
pub static SHAPES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| rules().shapes.iter().map(String::as_str).collect());

/// The ring labels a new map starts with, innermost first (`assets/palette.json`
/// `rings.defaultLabels` for `rings.default`). The young person may rename them.
pub static DEFAULT_RING_LABELS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    rules()
        .default_ring_labels
        .iter()
        .map(String::as_str)
        .collect()
});

#[cfg(test)]
mod tests;
