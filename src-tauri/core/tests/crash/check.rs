//! After each kill the parent restarts as the app does (the start-up sweep, then unlock) and
//! checks every map, tombstone and exported copy against what it knows: nothing reported done
//! is lost, and the step in flight is either not applied at all or applied completely.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use peermap_core::consent::add_months;
use peermap_core::crypto::{self, Identity};
use peermap_core::document::MapDocument;
use peermap_core::index::DestroyReason;
use peermap_core::lifecycle::DRAFT_RETENTION;
use peermap_core::vault::{destroy_expired, Tombstone, Vault, QUARANTINE_DIR};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

use super::model::{instant, Known, MapState, Model, Step};
use super::BASE;
use crate::common::{files_under, map_file, temp_files};

/// What one check looked at.
#[derive(Debug, Default, Clone, Copy)]
pub struct Checked {
    pub maps: usize,
    pub tombstones: usize,
    pub exports: usize,
    /// Temp files an interrupted export left in the folder the copy was going to (outside the
    /// vault: nothing there tidies them; they hold only ciphertext for the recipient).
    pub export_temps: usize,
    /// Files an interrupted `create_map` left with no row (moved to quarantine/, no key).
    pub quarantined: usize,
    /// Saves found marked in progress (stopped between file and row), finished at unlock.
    pub saves_finished: usize,
    /// Files of destroyed maps found left behind (stopped between commit and unlink).
    pub leftovers: usize,
    /// Withdrawn maps found still there (stopped after the withdrawal's save), then
    /// destroyed by the next sweep.
    pub withdrawals_finished: usize,
}

impl std::ops::AddAssign for Checked {
    fn add_assign(&mut self, o: Checked) {
        self.maps += o.maps;
        self.tombstones += o.tombstones;
        self.exports += o.exports;
        self.export_temps += o.export_temps;
        self.quarantined += o.quarantined;
        self.saves_finished += o.saves_finished;
        self.leftovers += o.leftovers;
        self.withdrawals_finished += o.withdrawals_finished;
    }
}

/// How the parent restarted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restart {
    /// As the app starts: the locked sweep before the window opens, then unlock.
    SweepThenUnlock,
    /// Unlock only (as if the start-up sweep had failed).
    UnlockOnly,
}

pub struct Ctx<'a> {
    pub dir: &'a Path,
    /// The master identity line (the parent decrypted it once).
    pub master: &'a str,
    pub recipient: &'a Identity,
    pub export_dir: &'a Path,
    pub kill: usize,
}

fn sha_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Restart, check everything, and return the model as now found on disk.
pub fn after_kill(
    ctx: &Ctx<'_>,
    mut model: Model,
    steps: &[Step],
    restart: Restart,
    quarantined_before: usize,
) -> (Model, Checked) {
    let kill = ctx.kill;
    let mut checked = Checked::default();
    let (done, in_flight) = match steps.last() {
        Some(last) if last.done.is_none() => (&steps[..steps.len() - 1], Some(last)),
        _ => (steps, None),
    };
    for step in done {
        model.apply(step);
    }
    let op = in_flight.map_or("", |s| s.op.as_str());
    let target = in_flight.map_or(Uuid::nil(), |s| s.id);

    (checked.saves_finished, checked.leftovers) = interrupted_on_disk(ctx.dir);
    if restart == Restart::SweepThenUnlock {
        destroy_expired(ctx.dir, BASE)
            .unwrap_or_else(|e| panic!("kill {kill}: start-up sweep failed: {e}"));
    }
    let key = crypto::parse_identity(ctx.master.as_bytes()).expect("identity");
    let vault = Vault::unlock_with_identity(ctx.dir, key, BASE)
        .unwrap_or_else(|e| panic!("kill {kill}: unlock failed: {e}"));
    let report = vault.last_reconcile().expect("reconcile ran");
    assert_eq!(report.missing_files, 0, "kill {kill}: a row lost its file");
    assert!(
        temp_files(ctx.dir).is_empty(),
        "kill {kill}: temp file left"
    );
    let now = vault.effective_now(BASE);

    // Every map on disk: readable, its list row agreeing with its file, its retention with
    // its consent.
    let mut found: BTreeMap<Uuid, (MapState, MapDocument)> = BTreeMap::new();
    for summary in vault.list_maps(BASE).expect("list") {
        assert!(!summary.damaged, "kill {kill}: list row damaged");
        let doc = vault
            .open_map(summary.id)
            .unwrap_or_else(|e| panic!("kill {kill}: map unreadable: {e}"));
        let what = format!("kill {kill} (in flight: {op}): map {}", doc.id);
        assert_eq!(summary.label, doc.label, "{what}: list label");
        assert_eq!(
            summary.retain_until,
            doc.retention.until,
            "{what}: the index's destroy date is not the file's (consent {})",
            consent_word(&doc)
        );
        assert_eq!(summary.is_draft, doc.is_draft(), "{what}: list draft flag");
        assert_eq!(
            summary.last_session_at,
            doc.latest().session_at,
            "{what}: list session date"
        );
        retention_agrees_with_consent(&doc, now, &what);
        checked.maps += 1;
        found.insert(doc.id, (MapState::of(&doc), doc));
    }
    let tombstones: BTreeMap<Uuid, Tombstone> = vault
        .tombstones()
        .expect("tombstones")
        .into_iter()
        .map(|t| (t.map_id, t))
        .collect();

    // Every map the parent knew: where it is, and whether that is allowed.
    let known_ids: BTreeSet<Uuid> = model.maps.keys().copied().collect();
    for id in &known_ids {
        let what = format!("kill {kill} (in flight: {op}): map {id}");
        let known = model.maps[id].clone();
        let here = found.get(id);
        match (&known, here) {
            (Known::Destroyed(reason), None) => {
                let t = tombstones
                    .get(id)
                    .unwrap_or_else(|| panic!("{what}: destroyed without a tombstone"));
                assert_eq!(t.reason, *reason, "{what}: tombstone reason");
            }
            (Known::Destroyed(_), Some(_)) => panic!("{what}: destroyed map is back"),
            (Known::Live(before), Some((after, _))) => {
                if before != after {
                    assert_eq!(
                        *id, target,
                        "{what}: changed though no step on it was in flight: {before:?} -> {after:?}"
                    );
                    in_flight_change(op, in_flight, before, after, &what);
                }
            }
            (Known::Live(before), None) => {
                let t = tombstones
                    .get(id)
                    .unwrap_or_else(|| panic!("{what}: LOST (no row, no tombstone)"));
                let allowed = match t.reason {
                    DestroyReason::RetentionExpired => t.deleted_at >= before.until,
                    DestroyReason::NotKept => *id == target && op == "keep-no",
                    DestroyReason::ConsentWithdrawn => *id == target && op == "withdraw",
                    DestroyReason::DeletedByPractitioner => false,
                };
                // A withdrawal interrupted after its save is finished by the next sweep.
                let finished_by_sweep = *id == target
                    && op == "withdraw"
                    && t.reason == DestroyReason::RetentionExpired;
                assert!(
                    allowed || finished_by_sweep,
                    "{what}: destroyed as {:?} at {} (kept until {}): LOST",
                    t.reason,
                    t.deleted_at,
                    before.until
                );
            }
        }
        checked.tombstones += usize::from(tombstones.contains_key(id));
    }
    // The one new map an interrupted create may have made.
    let new: Vec<Uuid> = found
        .keys()
        .filter(|id| !known_ids.contains(id))
        .copied()
        .collect();
    assert!(
        new.is_empty() || (op == "create" && new.len() == 1),
        "kill {kill} (in flight: {op}): maps nobody made: {new:?}"
    );
    if let Some((state, _)) = new.first().and_then(|id| found.get(id)) {
        assert_eq!((state.gen, state.sessions, state.explained), (0, 1, false));
    }

    // A sweep is one transaction: the maps it was due to destroy are all gone or all there.
    if let Some(step) = in_flight.filter(|s| s.op == "sweep" || s.op == "lsweep") {
        let at = instant(&step.begin[0]);
        let by_it: Vec<bool> = model
            .maps
            .iter()
            .filter_map(|(id, k)| match k {
                Known::Live(m) if m.until <= at => {
                    Some(tombstones.get(id).is_some_and(|t| t.deleted_at == at))
                }
                _ => None,
            })
            .collect();
        assert!(
            by_it.iter().all(|b| *b) || by_it.iter().all(|b| !*b),
            "kill {kill}: sweep half applied: {by_it:?}"
        );
    }

    // Destroyed means gone: no row, no file, not even in quarantine.
    let quarantine: Vec<String> = quarantine_names(ctx.dir);
    for id in tombstones.keys() {
        assert!(!found.contains_key(id), "kill {kill}: tombstone with a row");
        if restart == Restart::SweepThenUnlock {
            assert!(
                !map_file(ctx.dir, *id).exists(),
                "kill {kill}: destroyed map's file left after the start-up sweep"
            );
        }
        assert!(
            !quarantine.iter().any(|n| n.starts_with(&id.to_string())),
            "kill {kill} (in flight: {op}, {restart:?}): destroyed map {id}'s file kept in quarantine"
        );
    }
    checked.quarantined = quarantine.len() - quarantined_before;
    assert!(
        checked.quarantined == 0 || (op == "create" && checked.quarantined == 1),
        "kill {kill} (in flight: {op}): {} files quarantined",
        checked.quarantined
    );

    // Exported copies: every completed one is whole, decrypts, and is recorded as written.
    for (path, sha) in std::mem::take(&mut model.exports) {
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("kill {kill}: exported copy missing: {e}"));
        assert_eq!(&sha_hex(&bytes), &sha, "kill {kill}: exported copy changed");
        let pdf = crypto::try_decrypt(ctx.recipient, &bytes).expect("copy decrypts");
        assert!(pdf.starts_with(b"%PDF-"), "kill {kill}: copy is not a PDF");
        std::fs::remove_file(&path).expect("tidy export");
        checked.exports += 1;
    }
    if let Some(step) = in_flight.filter(|s| s.op == "export") {
        let path = Path::new(&step.begin[0]);
        if path.exists() {
            let bytes = std::fs::read(path).expect("read copy");
            let pdf = crypto::try_decrypt(ctx.recipient, &bytes)
                .unwrap_or_else(|| panic!("kill {kill}: interrupted export left a bad file"));
            assert!(pdf.starts_with(b"%PDF-"));
            let sha = sha_hex(&bytes);
            let state = &found
                .get(&step.id)
                .unwrap_or_else(|| panic!("kill {kill}: exported map gone"))
                .0;
            let recorded = state.disclosures.last();
            assert!(
                matches!(recorded, Some((s, None)) if s == "pending")
                    || matches!(recorded, Some((s, Some(h))) if s == "written" && *h == sha),
                "kill {kill}: a copy on disk with no record of it: {recorded:?}"
            );
            std::fs::remove_file(path).expect("tidy export");
            checked.exports += 1;
        }
    }
    for leftover in files_under(ctx.export_dir) {
        let name = leftover.file_name().expect("name").to_string_lossy();
        assert!(
            name.starts_with(".tmp-"),
            "kill {kill}: a copy nobody reported: {name}"
        );
        checked.export_temps += 1;
        std::fs::remove_file(leftover).expect("tidy export temp");
    }

    // A withdrawal interrupted after its save: the next sweep (the app's hourly one) finishes it.
    let withdrawn: Vec<Uuid> = found
        .iter()
        .filter(|(_, (s, _))| s.withdrawn)
        .map(|(id, _)| *id)
        .collect();
    let mut tombstones = tombstones;
    checked.withdrawals_finished = withdrawn.len();
    if !withdrawn.is_empty() {
        let mut vault = vault;
        vault.sweep(BASE).expect("sweep");
        for t in vault.tombstones().expect("tombstones") {
            tombstones.insert(t.map_id, t);
        }
        for id in &withdrawn {
            assert!(
                tombstones.contains_key(id) && !map_file(ctx.dir, *id).exists(),
                "kill {kill}: the sweep after a withdrawal did not destroy map {id}"
            );
            found.remove(id);
        }
        // Anything else that sweep destroyed was due: the model learns it below.
        let live: BTreeSet<Uuid> = vault
            .list_maps(BASE)
            .expect("list")
            .iter()
            .map(|m| m.id)
            .collect();
        found.retain(|id, _| live.contains(id));
        vault.lock();
    } else {
        vault.lock();
    }
    let maps = found
        .into_iter()
        .map(|(id, (state, _))| (id, Known::Live(state)))
        .chain(
            model
                .maps
                .iter()
                .filter(|(id, k)| matches!(k, Known::Destroyed(_)) || tombstones.contains_key(id))
                .map(|(id, k)| (*id, k.clone())),
        )
        .collect::<BTreeMap<_, _>>();
    // A map the restart found destroyed keeps its tombstone's reason.
    let maps = maps
        .into_iter()
        .map(|(id, k)| match (&k, tombstones.get(&id)) {
            (Known::Live(_), Some(t)) => (id, Known::Destroyed(t.reason)),
            _ => (id, k),
        })
        .collect();
    (
        Model {
            maps,
            exports: Vec::new(),
        },
        checked,
    )
}

fn consent_word(doc: &MapDocument) -> &'static str {
    if doc.consent.is_kept() {
        "kept"
    } else if doc.consent.keep_withdrawn() {
        "withdrawn"
    } else {
        "draft"
    }
}

/// The destroy date follows the consent: a draft's is its creation plus the draft period; a
/// kept map's at least the keep decision plus the default months; a withdrawn map is due at
/// at once, so the next sweep destroys it.
fn retention_agrees_with_consent(doc: &MapDocument, now: OffsetDateTime, what: &str) {
    let until = doc.retention.until;
    let keep_at = doc.consent.keep_copy.as_ref().map(|k| k.at);
    if doc.consent.is_kept() {
        let floor = add_months(keep_at.expect("kept at"), 12).expect("date");
        assert!(
            until >= floor,
            "{what}: kept, but due {until} before {floor}"
        );
    } else if doc.consent.keep_withdrawn() {
        // Its destruction was interrupted: it must be due, so the next sweep finishes it.
        assert!(
            until <= now,
            "{what}: withdrawn but not due (due {until}, now {now})"
        );
    } else {
        assert_eq!(
            until,
            doc.created_at + DRAFT_RETENTION,
            "{what}: draft with another date"
        );
    }
}

/// The map in flight changed: it must be that step's complete result.
fn in_flight_change(
    op: &str,
    step: Option<&Step>,
    before: &MapState,
    after: &MapState,
    what: &str,
) {
    let step = step.expect("a step in flight");
    let mut expect = before.clone();
    match op {
        "save" => expect.gen = step.begin[0].parse().expect("gen"),
        "session" => expect.sessions += 1,
        "explain" => expect.explained = true,
        "keep-yes" => expect.kept = true,
        "share" => expect.shares += 1,
        "withdraw" => {
            expect.kept = false;
            expect.withdrawn = true;
        }
        "export" => {
            let new = after.disclosures.get(before.disclosures.len());
            let ok = after.disclosures.len() == before.disclosures.len() + 1
                && match new {
                    Some((s, None)) if s == "pending" => true,
                    Some((s, Some(sha))) if s == "written" => {
                        let bytes = std::fs::read(&step.begin[0]).unwrap_or_else(|_| {
                            panic!("{what}: recorded as written but the copy is missing")
                        });
                        sha_hex(&bytes) == *sha
                    }
                    _ => false,
                };
            assert!(ok, "{what}: export half applied: {after:?}");
            expect.disclosures = after.disclosures.clone();
        }
        other => panic!("{what}: changed by {other}: {before:?} -> {after:?}"),
    }
    assert!(
        expect.same_except_until(after),
        "{what}: {op} half applied: before {before:?}, after {after:?}"
    );
}

fn quarantine_names(dir: &Path) -> Vec<String> {
    match std::fs::read_dir(dir.join(QUARANTINE_DIR)) {
        Ok(entries) => entries
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// What the kill left before anything runs: saves marked in progress, and files of maps that
/// have a tombstone (read-only; nothing is changed).
fn interrupted_on_disk(dir: &Path) -> (usize, usize) {
    let conn = rusqlite::Connection::open_with_flags(
        dir.join("index.sqlite3"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("index");
    let pending: usize = conn
        .query_row(
            "SELECT count(*) FROM vault_state WHERE key LIKE 'pending_save:%'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .expect("count") as usize;
    let mut stmt = conn
        .prepare("SELECT map_id FROM tombstones")
        .expect("prepare");
    let leftovers = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .filter(|id| {
            let id = Uuid::parse_str(id.as_ref().expect("id")).expect("uuid");
            map_file(dir, id).exists()
        })
        .count();
    (pending, leftovers)
}
