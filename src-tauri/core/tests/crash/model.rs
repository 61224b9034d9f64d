//! What the parent knows: each map's state as last read from disk, moved on by the steps the
//! child reported done; and the one step, at most, that was in flight when it was killed.

use std::collections::BTreeMap;
use std::path::PathBuf;

use peermap_core::document::MapDocument;
use peermap_core::index::DestroyReason;
use time::OffsetDateTime;
use uuid::Uuid;

/// One map, reduced to what the steps change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapState {
    pub gen: u64,
    pub sessions: usize,
    pub explained: bool,
    pub kept: bool,
    pub withdrawn: bool,
    pub shares: usize,
    /// (status, sha256) of every disclosure, oldest first.
    pub disclosures: Vec<(String, Option<String>)>,
    /// The destroy date (from the file; the index must say the same).
    pub until: OffsetDateTime,
}

impl MapState {
    pub fn of(doc: &MapDocument) -> MapState {
        MapState {
            gen: super::generation(doc),
            sessions: doc.versions.len(),
            explained: doc.consent.explained.is_some(),
            kept: doc.consent.is_kept(),
            withdrawn: doc.consent.keep_withdrawn(),
            shares: doc.consent.shares.len(),
            disclosures: doc
                .disclosures
                .iter()
                .map(|d| (d.status.clone(), d.export_sha256.clone()))
                .collect(),
            until: doc.retention.until,
        }
    }

    /// Equal in everything the steps change except the destroy date, which the checks judge
    /// by the consent rules instead (a step in flight may move it).
    pub fn same_except_until(&self, other: &MapState) -> bool {
        MapState {
            until: other.until,
            ..self.clone()
        } == *other
    }
}

/// A map as the parent expects it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    Live(MapState),
    /// Destroyed by a completed step, for this reason.
    Destroyed(DestroyReason),
}

/// One step the child announced.
#[derive(Debug, Clone)]
pub struct Step {
    pub op: String,
    /// The map it is about (nil for none).
    pub id: Uuid,
    /// What `begin` said after the id.
    pub begin: Vec<String>,
    /// What `done` said after the time, if the step completed.
    pub done: Option<Vec<String>>,
    pub micros: Option<u64>,
}

/// Parse the child's `@ ` lines into steps, in order. At most the last one lacks `done`.
pub fn steps(lines: &[String]) -> (bool, Vec<Step>) {
    let mut ready = false;
    let mut out: Vec<Step> = Vec::new();
    for line in lines {
        let Some(rest) = line.strip_prefix("@ ") else {
            continue;
        };
        let words: Vec<String> = rest.split_whitespace().map(str::to_owned).collect();
        match words.first().map(String::as_str) {
            Some("ready") => ready = true,
            Some("begin") => {
                assert!(
                    out.last().is_none_or(|s| s.done.is_some()),
                    "a step began before the last one was done: {line}"
                );
                out.push(Step {
                    op: words[1].clone(),
                    id: parse_id(&words[2]),
                    begin: words[3..].to_vec(),
                    done: None,
                    micros: None,
                });
            }
            Some("done") => {
                let step = out.last_mut().expect("done without begin");
                assert_eq!(step.op, words[1], "done for another step: {line}");
                step.micros = Some(words[3].parse().expect("micros"));
                step.done = Some(words[4..].to_vec());
            }
            _ => panic!("unexpected line from the child: {line}"),
        }
    }
    (ready, out)
}

fn parse_id(word: &str) -> Uuid {
    if word == "-" {
        Uuid::nil()
    } else {
        Uuid::parse_str(word).expect("map id")
    }
}

pub fn instant(word: &str) -> OffsetDateTime {
    OffsetDateTime::parse(word, &time::format_description::well_known::Rfc3339).expect("instant")
}

/// Everything the parent knows between kills.
#[derive(Debug, Default)]
pub struct Model {
    pub maps: BTreeMap<Uuid, Known>,
    /// Exports reported done and not yet checked: file and the SHA-256 the command returned.
    pub exports: Vec<(PathBuf, String)>,
}

impl Model {
    fn live(&mut self, id: Uuid) -> &mut MapState {
        match self.maps.get_mut(&id) {
            Some(Known::Live(m)) => m,
            other => panic!("a step on map {id}, which the parent knows as {other:?}"),
        }
    }

    /// Move the model on by a step the child reported done.
    pub fn apply(&mut self, step: &Step) {
        let done = step.done.as_ref().expect("a completed step");
        match step.op.as_str() {
            "create" => {
                let id = parse_id(&done[0]);
                let state = MapState {
                    gen: 0,
                    sessions: 1,
                    explained: false,
                    kept: false,
                    withdrawn: false,
                    shares: 0,
                    disclosures: Vec::new(),
                    until: instant(&done[1]),
                };
                assert!(self.maps.insert(id, Known::Live(state)).is_none());
            }
            "explain" => self.live(step.id).explained = true,
            "keep-yes" => {
                let m = self.live(step.id);
                m.kept = true;
                m.until = instant(&done[0]);
            }
            "keep-no" => {
                self.live(step.id);
                self.maps
                    .insert(step.id, Known::Destroyed(DestroyReason::NotKept));
            }
            "withdraw" => {
                self.live(step.id);
                self.maps
                    .insert(step.id, Known::Destroyed(DestroyReason::ConsentWithdrawn));
            }
            "save" => self.live(step.id).gen = done[0].parse().expect("gen"),
            "session" => {
                let m = self.live(step.id);
                m.sessions += 1;
                m.until = instant(&done[0]);
            }
            "share" => self.live(step.id).shares += 1,
            "export" => {
                let sha = done[0].clone();
                self.live(step.id)
                    .disclosures
                    .push(("written".into(), Some(sha.clone())));
                self.exports.push((PathBuf::from(&step.begin[0]), sha));
            }
            "sweep" | "lsweep" => {
                let at = instant(&step.begin[0]);
                let due: Vec<Uuid> = self
                    .maps
                    .iter()
                    .filter(|(_, k)| matches!(k, Known::Live(m) if m.until <= at))
                    .map(|(id, _)| *id)
                    .collect();
                assert_eq!(
                    done[0].parse::<usize>().expect("count"),
                    due.len(),
                    "the sweep at {at} destroyed another number of maps than were due"
                );
                for id in due {
                    self.maps
                        .insert(id, Known::Destroyed(DestroyReason::RetentionExpired));
                }
            }
            "lock" | "unlock" => {}
            other => panic!("unknown step {other}"),
        }
    }
}
