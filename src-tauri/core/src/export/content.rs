//! What goes into an export: the chosen session with everything private or unticked removed.
//!
//! This is the only place that decides what is shared. The SVG and PDF writers draw from a
//! [`Content`] and never look at the document again, so nothing left out here can reappear.

use std::collections::{HashMap, HashSet};

use time::OffsetDateTime;

use super::ExportOptions;
use crate::document::{MapDocument, Me, Note, SessionVersion, Share, Token};
use crate::{Error, Result};

/// One person who is shared, with the number that ties the map to the legend.
pub(crate) struct Person<'a> {
    /// 1-based, in reading order: ring by ring from the centre, clockwise from the top,
    /// then the people not placed on a ring.
    pub number: usize,
    pub token: &'a Token,
}

impl Person<'_> {
    /// What the map and legend call this person: initials, else the descriptor, else "Person N".
    pub fn short_name(&self) -> String {
        match (&self.token.initials, &self.token.descriptor) {
            (Some(i), _) if !i.trim().is_empty() => i.trim().to_owned(),
            (_, Some(d)) if !d.trim().is_empty() => d.trim().to_owned(),
            _ => format!("Person {}", self.number),
        }
    }

    /// "3 (JB)" for sentences about links, groups and answers.
    pub fn reference(&self) -> String {
        format!("{} ({})", self.number, self.short_name())
    }
}

pub(crate) struct Content<'a> {
    pub doc: &'a MapDocument,
    /// Who the copy is for: an agreed share, or `None` for the young person's own copy.
    pub share: Option<&'a Share>,
    pub session: &'a SessionVersion,
    /// 1-based session number, and how many sessions the map has.
    pub session_number: usize,
    pub me: &'a Me,
    pub people: Vec<Person<'a>>,
    /// Pairs of indexes into `people`, and the link's kind code.
    pub links: Vec<(usize, usize, &'a str)>,
    /// Label and indexes into `people` (only groups with someone shared in them).
    pub groups: Vec<(&'a str, Vec<usize>)>,
    pub notes: Vec<&'a Note>,
    pub now: OffsetDateTime,
    /// When a shared copy must be deleted (the own copy has no such date: it is theirs).
    pub destroy_by: Option<OffsetDateTime>,
}

/// How long a copy may be kept when the share itself has no end date, or a later one.
pub const MAX_COPY_DAYS: i64 = 90;

/// The destroy-by date printed on a copy: the share's end date or 90 days from `now`,
/// whichever is sooner.
pub fn destroy_by(share: &Share, now: OffsetDateTime) -> OffsetDateTime {
    let cap = now + time::Duration::days(MAX_COPY_DAYS);
    match share.expires_at {
        Some(end) if end < cap => end,
        _ => cap,
    }
}

impl<'a> Content<'a> {
    pub fn build(
        doc: &'a MapDocument,
        share: Option<&'a Share>,
        options: &ExportOptions,
    ) -> Result<Content<'a>> {
        let index = options
            .session_index
            .unwrap_or_else(|| doc.versions.len().saturating_sub(1));
        let session = doc.versions.get(index).ok_or_else(|| {
            Error::InvalidInput("That session is not part of this map.".to_owned())
        })?;
        let excluded_tokens: HashSet<&str> = options
            .excluded_token_ids
            .iter()
            .map(String::as_str)
            .collect();
        let excluded_notes: HashSet<&str> = options
            .excluded_note_ids
            .iter()
            .map(String::as_str)
            .collect();

        let mut shared: Vec<&Token> = session
            .tokens
            .iter()
            .filter(|t| !t.private && !excluded_tokens.contains(t.id.as_str()))
            .collect();
        // Reading order: ring by ring from the centre, clockwise from 12 o'clock; the people
        // not placed on a ring last, in the order they were added.
        shared.sort_by(|a, b| match (a.ring, b.ring) {
            (Some(ra), Some(rb)) => ra.cmp(&rb).then(a.angle.total_cmp(&b.angle)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        let people: Vec<Person> = shared
            .into_iter()
            .enumerate()
            .map(|(i, token)| Person {
                number: i + 1,
                token,
            })
            .collect();
        let by_id: HashMap<&str, usize> = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.token.id.as_str(), i))
            .collect();

        // A link or group membership touching anyone left out is left out with them.
        let links = session
            .links
            .iter()
            .filter_map(|l| {
                Some((
                    *by_id.get(l.a.as_str())?,
                    *by_id.get(l.b.as_str())?,
                    l.kind.as_str(),
                ))
            })
            .collect();
        let groups = session
            .groups
            .iter()
            .filter_map(|g| {
                let members: Vec<usize> = g
                    .members
                    .iter()
                    .filter_map(|m| by_id.get(m.as_str()).copied())
                    .collect();
                (!members.is_empty()).then_some((g.label.as_str(), members))
            })
            .collect();
        let notes = session
            .notes
            .iter()
            .filter(|n| !n.private && !excluded_notes.contains(n.id.as_str()))
            .collect();

        Ok(Content {
            doc,
            share,
            session,
            session_number: index + 1,
            me: &session.me,
            people,
            links,
            groups,
            notes,
            now: options.now,
            destroy_by: share.map(|s| destroy_by(s, options.now)),
        })
    }

    /// Codes for the disclosure record: the sections, then the ids of the people and notes
    /// that were shared (ids only, never their content).
    pub fn included(&self) -> Vec<String> {
        let mut out: Vec<String> = ["map", "legend", "prompt_answers", "consent_summary"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        if !self.notes.is_empty() {
            out.push("notes_shared".to_owned());
        }
        let ids = self
            .people
            .iter()
            .map(|p| p.token.id.clone())
            .chain(self.notes.iter().map(|n| n.id.clone()));
        // The format allows 1000 entries; a map that big is recorded by section only.
        if self.people.len() + self.notes.len() + out.len() <= 1000 {
            out.extend(ids);
        }
        out
    }

    /// The answers given, per prompt id, in the order the UI offers the cards (then any
    /// other ids in the order first met).
    pub fn answers(&self, prompt_order: &[&str]) -> Vec<(&'a str, Vec<usize>)> {
        let mut order: Vec<&'a str> = Vec::new();
        let mut who: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (i, p) in self.people.iter().enumerate() {
            for badge in &p.token.badges {
                let list = who.entry(badge.as_str()).or_default();
                if list.is_empty() {
                    order.push(badge.as_str());
                }
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        order.sort_by_key(|id| {
            prompt_order
                .iter()
                .position(|p| p == id)
                .unwrap_or(usize::MAX)
        });
        order
            .into_iter()
            .map(|id| (id, who.remove(id).unwrap_or_default()))
            .collect()
    }
}
