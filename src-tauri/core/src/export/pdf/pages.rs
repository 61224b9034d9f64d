//! What goes on which page: the title and the map, the legend, the session's notes and
//! "About this copy" (shared by the PDF and the preview pictures).

use super::super::assets::assets;
use super::super::content::Content;
use super::super::wording::{answers_intro, date, link_sentence, sentences};
use super::about::{about, about_own_copy, map_description};
use super::layout::{Block, Layout, Op, Role};
use super::{BODY, BOTTOM, INK, MARGIN, PAGE_W, SOFT_INK};
use crate::Result;

/// Lay every page out into drawing operations (shared by the PDF and the preview pictures).
pub(super) fn lay_out(content: &Content) -> Result<Layout<'static>> {
    let assets = assets()?;
    let mut l = Layout::new(assets);
    let label = content.doc.label.trim();
    let for_whom = match content.share {
        Some(share) => format!(
            "Shared with {}, {}",
            share.recipient.role, share.recipient.team
        ),
        None => sentences::OWN_COPY.to_owned(),
    };

    // Page 1: title, the map, how to read it.
    l.heading(1, &format!("Peer map: {label}"));
    l.para_at(
        &format!(
            "Session of {} · {for_whom}",
            date(content.session.session_at),
        ),
        BODY,
        false,
        MARGIN,
        SOFT_INK,
    );
    // Leaves room on the first page for the reading help below the map.
    let map_size = 450.0;
    l.gap(4.0);
    l.blocks.push(Block {
        role: Role::Figure,
        alt: Some(map_description(content)),
        ops: vec![(
            l.page,
            Op::Map {
                x: (PAGE_W - map_size) / 2.0,
                y: l.y,
                size: map_size,
            },
        )],
    });
    l.y += map_size + 10.0;
    l.heading(2, "How to read this map");
    for line in sentences::HOW_TO_READ {
        l.para(line);
    }

    // The legend.
    l.new_page();
    l.heading(1, "Who is on the map");
    l.para(sentences::LEGEND_INTRO);
    legend(&mut l, content);

    // Answers, notes, about this copy.
    l.heading(1, "Answers to the questions");
    let order: Vec<&str> = assets.prompts.iter().map(|p| p.id.as_str()).collect();
    let answers = content.answers(&order);
    if answers.is_empty() {
        l.para("No questions were answered in this session, or none of the answers are shared.");
    } else {
        l.para(answers_intro());
    }
    for (id, who) in answers {
        let question = match assets.prompt(id) {
            Some(p) => p.question.clone(),
            None if id.starts_with("custom-") => {
                "A question the practitioner added for this session".to_owned()
            }
            None => format!(
                "Another question (recorded as “{}”)",
                id.replace(['-', '_'], " ")
            ),
        };
        l.heading(2, &question);
        let names: Vec<String> = who.iter().map(|&i| content.people[i].reference()).collect();
        l.para(&names.join(", "));
    }

    l.heading(1, "Notes");
    if content.notes.is_empty() {
        l.para("No notes from this session are shared.");
    } else {
        l.para("These notes were marked as fine to share. Notes kept private are not included.");
        for note in &content.notes {
            let by = match note.by {
                crate::document::Author::YoungPerson => "In the young person's own words",
                crate::document::Author::Practitioner => "Practitioner's note",
            };
            l.para_at(by, BODY, true, MARGIN, INK);
            l.para_at(&note.text, BODY, false, MARGIN + 12.0, INK);
        }
    }

    l.heading(1, "About this copy");
    match content.share {
        Some(share) => {
            for line in about(content, share) {
                l.para(&line);
            }
            l.gap(6.0);
            l.para_at(sentences::SAFETY_ONLY, 12.0, true, MARGIN, INK);
        }
        None => {
            for line in about_own_copy(content) {
                l.para(&line);
            }
        }
    }
    Ok(l)
}

fn legend(l: &mut Layout, content: &Content) {
    let assets = l.assets;
    let rings = &content.doc.rings;
    let mut sections: Vec<(String, Vec<usize>)> = Vec::new();
    for (r, ring) in rings.iter().enumerate() {
        let members: Vec<usize> = content
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.token.ring.map(usize::from) == Some(r))
            .map(|(i, _)| i)
            .collect();
        if !members.is_empty() {
            let place = match r {
                0 => " (the ring closest to the centre)".to_owned(),
                r if r + 1 == rings.len() => " (the outside ring)".to_owned(),
                r => format!(" (ring {} from the centre)", r + 1),
            };
            sections.push((format!("{}{place}", ring.label.trim()), members));
        }
    }
    let parked: Vec<usize> = content
        .people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.token.ring.is_none())
        .map(|(i, _)| i)
        .collect();
    if !parked.is_empty() {
        sections.push(("Talked about, but not placed on a ring".to_owned(), parked));
    }
    if sections.is_empty() {
        l.para("Nobody from this session is shared.");
    }
    let swatch = 18.0;
    let indent = MARGIN + swatch + 10.0;
    for (title, members) in sections {
        l.heading(2, &title);
        for i in members {
            let p = &content.people[i];
            let t = p.token;
            let colour = assets.colour(&t.colour);
            let shape = assets.shape(&t.shape);
            let mut name = format!("{}. {}", p.number, p.short_name());
            if let (Some(ini), Some(desc)) = (&t.initials, &t.descriptor) {
                if !ini.trim().is_empty() && !desc.trim().is_empty() {
                    name = format!("{}. {} – {}", p.number, ini.trim(), desc.trim());
                }
            }
            let kind = assets.kind_name(kind_code(t.kind));
            let detail = format!("{} {}. {}.", colour.name, shape.name.to_lowercase(), kind);
            let badge_lines: Vec<String> = t
                .badges
                .iter()
                .map(|b| match assets.prompt(b) {
                    Some(p) => format!("{}: “{}”", p.badge, p.question),
                    None if b.starts_with("custom-") => {
                        "Answered one of the practitioner's own questions".to_owned()
                    }
                    None => format!("Answered “{}”", b.replace(['-', '_'], " ")),
                })
                .collect();
            let need = BODY * 1.45 * (2 + badge_lines.len()) as f32 + 6.0;
            l.room(need.min(BOTTOM - MARGIN));
            let top = l.y;
            l.para_at(&name, BODY + 1.0, true, indent, INK);
            l.blocks
                .last_mut()
                .map(|b| {
                    b.ops.push((
                        l.page,
                        Op::Swatch {
                            x: MARGIN + 2.0,
                            y: top + 2.0,
                            size: swatch,
                            shape: shape.id.clone(),
                            colour: colour.id.clone(),
                        },
                    ))
                })
                .unwrap_or_default();
            l.y -= 3.0;
            l.para_at(&detail, BODY, false, indent, SOFT_INK);
            for line in badge_lines {
                l.y -= 3.0;
                l.para_at(&line, BODY, false, indent, SOFT_INK);
            }
            l.gap(3.0);
        }
    }

    if !content.groups.is_empty() {
        l.heading(2, "Groups");
        for (label, members) in &content.groups {
            let names: Vec<String> = members
                .iter()
                .map(|&i| content.people[i].reference())
                .collect();
            l.para(&format!("{}: {}.", label.trim(), names.join(", ")));
        }
    }
    if !content.links.is_empty() {
        l.heading(2, "Who knows whom");
        for &(a, b, kind) in &content.links {
            l.para(&link_sentence(
                &content.people[a].reference(),
                &content.people[b].reference(),
                kind,
            ));
        }
    }
}

fn kind_code(kind: crate::document::TokenKind) -> &'static str {
    use crate::document::TokenKind as K;
    match kind {
        K::Peer => "peer",
        K::Family => "family",
        K::Adult => "adult",
        K::Professional => "professional",
        K::Other => "other",
    }
}
