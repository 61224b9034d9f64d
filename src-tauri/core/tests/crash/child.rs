//! The child process: unlocks, then runs one kind of operation over and over through the app's
//! own commands ([`peermap_core::app::dispatch`], as the UI calls them), with whatever setup it
//! needs, reporting each step on stdout until the parent kills it.
//!
//! Every line it prints for the parent starts with `@ ` (libtest prints its own lines too):
//! `@ ready`, `@ begin <op> <id> <extra…>` just before a step and `@ done <op> <id> <µs>
//! <extra…>` once the command returned, so the parent knows which steps completed and which one,
//! at most, was in flight when it killed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use peermap_core::app::{dispatch, App, Ask, Shell};
use peermap_core::clock::Clock;
use peermap_core::document::{MapDocument, Note};
use peermap_core::vault::{destroy_expired, Vault};
use peermap_core::{crypto, Result};
use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::{Focus, BASE, MAX_SESSIONS, SWEEP_JUMP};

/// The app's clock in the child: starts at the vault's latest instant and moves on by a minute
/// each step (and by [`SWEEP_JUMP`] before each sweep, so drafts and kept maps expire).
struct StepClock(Mutex<OffsetDateTime>);

impl StepClock {
    fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap();
        *now += by;
    }
}

impl Clock for StepClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap()
    }
}

/// The window the commands would ask: hands out the next export target, reloads nothing.
#[derive(Default)]
struct TestShell(Mutex<Option<PathBuf>>);

impl Shell for TestShell {
    fn ask_path(&self, _: Ask) -> Option<PathBuf> {
        self.0.lock().unwrap().take()
    }
    fn reload(&self) -> Result<()> {
        Ok(())
    }
}

struct Child {
    dir: PathBuf,
    export_dir: PathBuf,
    recipient: String,
    key_line: String,
    clock: Arc<StepClock>,
    app: App,
    shell: TestShell,
    out: std::io::Stdout,
    round: u64,
}

/// What the child finds in the vault when it starts a step.
struct Found {
    drafts: Vec<MapDocument>,
    kept: Vec<MapDocument>,
}

impl Child {
    fn say(&mut self, line: &str) {
        let mut out = self.out.lock();
        out.write_all(format!("@ {line}\n").as_bytes()).unwrap();
        out.flush().unwrap();
    }

    fn call(&self, name: &str, input: Value) -> Value {
        dispatch(&self.app, &self.shell, name, input)
            .unwrap_or_else(|e| panic!("child: {name} failed: {e}"))
    }

    /// Run `f` as step `op` on map `id`, printing begin and done (with the time it took and
    /// what `f` returned).
    fn step(&mut self, op: &str, id: &str, extra: &str, f: impl FnOnce(&mut Self) -> String) {
        self.clock.advance(Duration::minutes(1));
        self.say(&format!("begin {op} {id} {extra}"));
        let t = Instant::now();
        let result = f(self);
        let us = t.elapsed().as_micros();
        self.say(&format!("done {op} {id} {us} {result}"));
    }

    fn found(&self) -> Found {
        let mut found = Found {
            drafts: Vec::new(),
            kept: Vec::new(),
        };
        self.app
            .with_vault(|v| {
                for m in v.list_maps(self.clock.now())? {
                    let doc = v.open_map(m.id)?;
                    if doc.consent.is_kept() {
                        found.kept.push(doc);
                    } else if !doc.consent.keep_withdrawn() {
                        found.drafts.push(doc);
                    }
                }
                Ok(())
            })
            .unwrap();
        found.drafts.sort_by_key(|d| d.created_at);
        found.kept.sort_by_key(|d| d.created_at);
        found
    }

    fn until(&self, id: Uuid) -> String {
        self.app
            .with_vault(|v| Ok(rfc3339(v.open_map(id)?.retention.until)))
            .unwrap()
    }

    fn create(&mut self) -> Uuid {
        let mut id = Uuid::nil();
        let label = format!("crash map {}", self.round);
        self.step("create", "-", "", |c| {
            let view = c.call(
                "create_map",
                json!({"label": label, "purpose": "Crash test"}),
            );
            id = Uuid::parse_str(view["id"].as_str().unwrap()).unwrap();
            format!("{id} {}", c.until(id))
        });
        id
    }

    fn explain(&mut self, id: Uuid) {
        self.step("explain", &id.to_string(), "", |c| {
            c.call(
                "record_explained",
                json!({"id": id, "confidentiality": true, "storageAndAccess": true}),
            );
            String::new()
        });
    }

    /// An explained draft to decide on, made if there is none.
    fn explained_draft(&mut self, found: &Found) -> Uuid {
        if let Some(d) = found.drafts.iter().find(|d| d.consent.explained.is_some()) {
            return d.id;
        }
        let id = self.create();
        self.explain(id);
        id
    }

    fn keep(&mut self, id: Uuid, agreed: bool) {
        let op = if agreed { "keep-yes" } else { "keep-no" };
        self.step(op, &id.to_string(), "", |c| {
            let out = c.call(
                "decide_keep",
                json!({"id": id, "decision": {"agreed": agreed, "by": "young_person"}}),
            );
            assert_eq!(out["kept"].as_bool(), Some(agreed));
            if agreed {
                c.until(id)
            } else {
                String::new()
            }
        });
    }

    /// A kept map, made (and kept) if there is none.
    fn kept_map(&mut self, found: &Found) -> MapDocument {
        if let Some(d) = found.kept.first() {
            return d.clone();
        }
        let id = self.explained_draft(found);
        self.keep(id, true);
        self.app.with_vault(|v| v.open_map(id)).unwrap()
    }

    fn save(&mut self, doc: &MapDocument) {
        let gen = super::generation(doc) + 1;
        let mut session = doc.latest().clone();
        session.notes = vec![Note {
            id: "n0".into(),
            by: peermap_core::document::Author::Practitioner,
            text: format!("gen {gen}"),
            private: false,
        }];
        let mut sized = doc.clone();
        if let Some(last) = sized.versions.last_mut() {
            *last = session;
        }
        // Vary the size, so the file is rewritten at different lengths.
        crate::common::with_tokens(&mut sized, (gen % 12) as usize + 1);
        let input = json!({"id": doc.id, "rings": doc.rings, "session": sized.latest()});
        self.step("save", &doc.id.to_string(), &gen.to_string(), |c| {
            c.call("save_map", input);
            gen.to_string()
        });
    }

    fn session(&mut self, doc: &MapDocument) {
        let n = doc.versions.len() + 1;
        self.step("session", &doc.id.to_string(), &n.to_string(), |c| {
            c.call("start_session", json!({"id": doc.id}));
            c.until(doc.id)
        });
    }

    fn withdraw(&mut self, id: Uuid) {
        self.step("withdraw", &id.to_string(), "", |c| {
            c.call("withdraw_keep", json!({"id": id}));
            String::new()
        });
    }

    fn share(&mut self, id: Uuid) -> String {
        let recipient = self.recipient.clone();
        let mut share_id = String::new();
        self.step("share", &id.to_string(), "", |c| {
            let record = c.call(
                "add_share",
                json!({"id": id, "share": {
                    "role": "social worker",
                    "team": "North team",
                    "ageRecipient": recipient,
                    "purpose": "Crash test copy"}}),
            );
            let shares = record["shares"].as_array().unwrap();
            share_id = shares.last().unwrap()["id"].as_str().unwrap().to_owned();
            share_id.clone()
        });
        share_id
    }

    fn export(&mut self, doc: &MapDocument, share_id: &str) {
        let target = self
            .export_dir
            .join(format!("copy-{}.pdf.age", Uuid::new_v4()));
        let path = target.display().to_string();
        *self.shell.0.lock().unwrap() = Some(target);
        let input =
            json!({"id": doc.id, "shareId": share_id, "excluded": {}, "protection": "recipient"});
        self.step("export", &doc.id.to_string(), &path, |c| {
            let out = c.call("export_share", input);
            assert_eq!(out["recordCompleted"].as_bool(), Some(true));
            out["sha256"].as_str().unwrap().to_owned()
        });
    }

    fn sweep(&mut self, locked: bool) {
        self.clock.advance(SWEEP_JUMP);
        if locked {
            // As the app's hourly sweep does while locked: the vault is closed first.
            self.step("lock", "-", "", |c| {
                c.call("lock", json!({}));
                String::new()
            });
            let at = rfc3339(self.clock.now());
            self.step("lsweep", "-", &at, |c| {
                destroy_expired(&c.dir, c.clock.now())
                    .unwrap()
                    .destroyed
                    .to_string()
            });
            self.step("unlock", "-", "", |c| {
                let v = c.unlock();
                c.app.adopt_unlocked_vault(v).unwrap();
                String::new()
            });
        } else {
            let at = rfc3339(self.clock.now());
            self.step("sweep", "-", &at, |c| {
                let now = c.clock.now();
                let report = c.app.if_unlocked(|v| v.sweep(now)).unwrap().unwrap();
                report.unwrap().destroyed.to_string()
            });
        }
    }

    fn unlock(&self) -> Vault {
        let key = crypto::parse_identity(self.key_line.as_bytes()).unwrap();
        Vault::unlock_with_identity(&self.dir, key, BASE).unwrap()
    }

    /// One round of the focus operation, with the setup it needs first.
    fn round(&mut self, focus: Focus) {
        self.round += 1;
        let found = self.found();
        let live = found.drafts.len() + found.kept.len();
        match focus {
            Focus::Save => {
                if live == 0 {
                    self.create();
                    return;
                }
                let all: Vec<&MapDocument> = found.drafts.iter().chain(&found.kept).collect();
                let doc = all[(self.round as usize) % all.len()].clone();
                if self.round % 4 == 3 && doc.versions.len() < MAX_SESSIONS {
                    self.session(&doc);
                } else {
                    self.save(&doc);
                }
            }
            Focus::Keep => {
                let id = self.explained_draft(&found);
                // Mostly yes; no once in four, and always once six maps are kept (so the
                // vault stays small enough to check after every kill).
                let agreed = found.kept.len() < 6 && !self.round.is_multiple_of(4);
                self.keep(id, agreed);
            }
            Focus::Withdraw => {
                let doc = self.kept_map(&found);
                self.withdraw(doc.id);
            }
            Focus::Sweep => {
                if found.drafts.len() < 2 {
                    self.create();
                }
                self.sweep(self.round.is_multiple_of(3));
            }
            Focus::Export => {
                let doc = self.kept_map(&found);
                let now = self.clock.now();
                let share = doc
                    .consent
                    .shares
                    .iter()
                    .find(|s| s.withdrawn_at.is_none() && s.expires_at.is_none_or(|e| e > now))
                    .map(|s| s.id.clone());
                let share = match share {
                    Some(s) => s,
                    None => self.share(doc.id),
                };
                let doc = self.app.with_vault(|v| v.open_map(doc.id)).unwrap();
                self.export(&doc, &share);
            }
        }
    }
}

pub fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// The child's main loop: never returns; the parent kills it.
pub fn run(dir: &Path, key_line: &str, focus: Focus, export_dir: &Path, recipient: &str) {
    let key = crypto::parse_identity(key_line.as_bytes()).unwrap();
    let vault = Vault::unlock_with_identity(dir, key, BASE).unwrap();
    let start = vault.effective_now(BASE);
    let clock = Arc::new(StepClock(Mutex::new(start)));
    let app = App::with_clock(dir.to_path_buf(), clock.clone()).unwrap();
    app.adopt_unlocked_vault(vault).unwrap();
    let mut child = Child {
        dir: dir.to_path_buf(),
        export_dir: export_dir.to_path_buf(),
        recipient: recipient.to_owned(),
        key_line: key_line.to_owned(),
        clock,
        app,
        shell: TestShell::default(),
        out: std::io::stdout(),
        round: std::process::id().into(),
    };
    child.say("ready");
    loop {
        child.round(focus);
    }
}
