//! The control endpoints: test set-up and inspection. None of them is a rule of Peer Map;
//! every change to a vault goes through the core (its commands, or its public API).
//!
//! - `POST reset {vault: "absent"|"locked", passphrase?}`: a new data folder; "locked" holds a
//!   vault with that passphrase (default [`DEFAULT_PASSPHRASE`]), locked.
//! - `POST clock {advanceDays}`: the session's clock is real time plus that many days.
//! - `POST dialog {answer: "choose"|"cancel", open?}`: what native dialogs answer from now
//!   on. Choosing a save gives `<out>/<suggested name>`; choosing a file to open gives `open`.
//! - `GET files`: `{dir, files: [{name, size}]}`, the folder `<out>` and what was saved there.
//! - `POST seed {maps: [{label, daysLeft?, draft?, purpose?}]}`: maps made through the
//!   commands (`create_map`; for `draft: false` also `record_explained` and `decide_keep`),
//!   then their destroy date set to `daysLeft` days from now. Answers `{ids}`.
//! - `GET docs`: `{docs: {id: {rings, versions}}, saves: [{id, at}]}`, every map's document
//!   as stored (creation order, the document's own field names) and each successful save.
//! - `POST vault {state: "locked"|"unlocked"}`: lock or unlock without the page knowing,
//!   unlocking with the passphrase that last worked.
//! - `POST passphrase-opens {passphrase}`: `{opens}`, whether it decrypts the vault's key file
//!   (the open vault is not touched).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use peermap_core::app::{dispatch, App};
use peermap_core::lock::LockError;
use peermap_core::vault::IDENTITY_FILE;
use peermap_core::{crypto, Error};
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::{json, Value};
use time::Duration;
use uuid::Uuid;

use crate::session::{lock, Dialog, Session, Space, DEFAULT_PASSPHRASE};
use crate::{invoke, Bridge, Reply};

pub fn handle(bridge: &Bridge, session: &Session, get: bool, name: &str, body: &Value) -> Reply {
    let result = match (get, name) {
        (false, "reset") => reset(bridge, session, body),
        (false, "clock") => clock(session, body),
        (false, "dialog") => dialog(session, body),
        (true, "files") => files(session),
        (false, "seed") => seed(session, body),
        (true, "docs") => return docs(session),
        (false, "vault") => vault(session, body),
        (false, "passphrase-opens") => passphrase_opens(session, body),
        _ => return Reply::bad(&format!("no control endpoint {name}")),
    };
    match result {
        Ok(Ok(value)) => Reply::ok(&value),
        Ok(Err(message)) => Reply::bad(&message),
        Err(err) => Reply::error(err),
    }
}

/// A core error, or a mistake in the test's request.
type Answer = Result<Result<Value, String>, Error>;

fn text<'a>(body: &'a Value, key: &str) -> Option<&'a str> {
    body.get(key).and_then(Value::as_str)
}

fn reset(bridge: &Bridge, session: &Session, body: &Value) -> Answer {
    let passphrase = text(body, "passphrase")
        .unwrap_or(DEFAULT_PASSPHRASE)
        .to_owned();
    session.clock.set_days(0);
    let space =
        Space::new(&bridge.root, Arc::clone(&session.clock)).map_err(|e| Error::storage(&e))?;
    match text(body, "vault").unwrap_or("absent") {
        "absent" => session.replace(space, None),
        "locked" => {
            if passphrase == DEFAULT_PASSPHRASE {
                let template = template(bridge)?;
                copy_dir(&template, space.app.data_dir()).map_err(|e| Error::storage(&e))?;
            } else {
                make_locked_vault(&space.app, &passphrase)?;
            }
            session.replace(space, Some(passphrase));
        }
        other => return Ok(Err(format!("vault must be absent or locked, not {other}"))),
    }
    Ok(Ok(json!({})))
}

/// Create a vault through the commands, then lock it.
fn make_locked_vault(app: &App, passphrase: &str) -> Result<(), Error> {
    let shell = crate::session::NoDialogs;
    dispatch(
        app,
        &shell,
        "create_vault",
        json!({ "passphrase": passphrase }),
    )?;
    dispatch(app, &shell, "lock", json!({}))?;
    Ok(())
}

/// The locked vault with the default passphrase that resets copy, made on first use.
fn template(bridge: &Bridge) -> Result<PathBuf, Error> {
    let mut template = lock(&bridge.template);
    if let Some(dir) = template.as_ref() {
        return Ok(dir.clone());
    }
    let dir = bridge.root.join("template");
    let app = App::new(dir.clone()).map_err(|e| match e {
        LockError::Held => Error::Internal("template_locked"),
        LockError::Failed(e) => e,
    })?;
    make_locked_vault(&app, DEFAULT_PASSPHRASE)?;
    *template = Some(dir.clone());
    Ok(dir)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn clock(session: &Session, body: &Value) -> Answer {
    let Some(days) = body.get("advanceDays").and_then(Value::as_i64) else {
        return Ok(Err("clock needs advanceDays (a whole number)".into()));
    };
    session.clock.set_days(days);
    Ok(Ok(json!({})))
}

fn dialog(session: &Session, body: &Value) -> Answer {
    let cancel = match text(body, "answer") {
        Some("choose") => false,
        Some("cancel") => true,
        _ => return Ok(Err("dialog answer must be choose or cancel".into())),
    };
    let open = text(body, "open").map(PathBuf::from);
    if open.as_ref().is_some_and(|p| !p.is_absolute()) {
        return Ok(Err("dialog open must be an absolute path".into()));
    }
    session.set_dialog(Dialog { cancel, open });
    Ok(Ok(json!({})))
}

fn files(session: &Session) -> Answer {
    let space = session.space();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&space.out).map_err(|e| Error::storage(&e))? {
        let entry = entry.map_err(|e| Error::storage(&e))?;
        let size = entry.metadata().map_err(|e| Error::storage(&e))?.len();
        files.push(json!({ "name": entry.file_name().to_string_lossy(), "size": size }));
    }
    files.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    Ok(Ok(
        json!({ "dir": space.out.to_string_lossy(), "files": files }),
    ))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SeedMap {
    label: String,
    #[serde(default)]
    purpose: Option<String>,
    #[serde(default)]
    days_left: Option<i64>,
    #[serde(default = "yes")]
    draft: bool,
}

fn yes() -> bool {
    true
}

fn seed(session: &Session, body: &Value) -> Answer {
    let Some(maps) = body.get("maps").cloned() else {
        return Ok(Err("seed needs maps: [{label, daysLeft, draft}]".into()));
    };
    let Ok(maps) = serde_json::from_value::<Vec<SeedMap>>(maps) else {
        return Ok(Err(
            "seed maps are {label, daysLeft?, draft?, purpose?}".into()
        ));
    };
    let space = session.space();
    let was_locked = !space.app.is_unlocked();
    if was_locked {
        let Some(passphrase) = lock(&session.passphrase).clone() else {
            return Ok(Err(
                "seed needs a vault (reset with vault: locked first)".into()
            ));
        };
        invoke(session, "unlock", json!({ "passphrase": passphrase }))?;
    }
    let made = seed_maps(session, &space.app, maps);
    if was_locked {
        invoke(session, "lock", json!({}))?;
    }
    Ok(Ok(json!({ "ids": made? })))
}

fn seed_maps(session: &Session, app: &App, maps: Vec<SeedMap>) -> Result<Vec<String>, Error> {
    let mut ids = Vec::new();
    for map in maps {
        let purpose = map
            .purpose
            .unwrap_or_else(|| "Made by the test's set-up.".to_owned());
        let view = invoke(
            session,
            "create_map",
            json!({ "label": map.label, "purpose": purpose }),
        )?;
        let id = view
            .get("id")
            .and_then(Value::as_str)
            .ok_or(Error::Internal("create_map_without_id"))?
            .to_owned();
        if !map.draft {
            invoke(
                session,
                "record_explained",
                json!({ "id": id, "confidentiality": true, "storageAndAccess": true }),
            )?;
            invoke(
                session,
                "decide_keep",
                json!({ "id": id, "decision": { "agreed": true, "by": "young_person" } }),
            )?;
        }
        if let Some(days) = map.days_left {
            let uuid = Uuid::parse_str(&id).map_err(|_| Error::Internal("bad_map_id"))?;
            // Set-up, not a rule: the destroy date moved directly on the document, which the
            // vault then saves (and indexes) as it saves any change. The hour keeps the count
            // of whole days left at `days` while the test runs.
            app.edit_map(uuid, |doc, at| {
                doc.retention.until = at + Duration::days(days) + Duration::hours(1);
                Ok(())
            })?;
        }
        ids.push(id);
    }
    Ok(ids)
}

/// Written out by hand so the maps keep their creation order (serde_json's map is sorted).
fn docs(session: &Session) -> Reply {
    let space = session.space();
    let now = space.app.now();
    let found = space.app.with_vault(|v| {
        let mut maps = v.list_maps(now)?;
        maps.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
        let mut docs = Vec::new();
        for summary in maps {
            if let Ok(doc) = v.open_map(summary.id) {
                let body = json!({ "rings": doc.rings, "versions": doc.versions });
                docs.push(format!("{}:{body}", Value::from(summary.id.to_string())));
            }
        }
        Ok(docs)
    });
    let docs = match found {
        Ok(d) => d,
        Err(err) => return Reply::error(err),
    };
    let saves: Vec<Value> = lock(&session.saves)
        .iter()
        .map(|(id, at)| json!({ "id": id, "at": at }))
        .collect();
    Reply::ok_text(format!(
        "{{\"docs\":{{{}}},\"saves\":{}}}",
        docs.join(","),
        Value::from(saves)
    ))
}

fn vault(session: &Session, body: &Value) -> Answer {
    let open = session.space().app.is_unlocked();
    match text(body, "state") {
        Some("locked") => {
            if open {
                invoke(session, "lock", json!({}))?;
            }
        }
        Some("unlocked") => {
            if !open {
                let Some(passphrase) = lock(&session.passphrase).clone() else {
                    return Ok(Err("no passphrase has opened this vault yet".into()));
                };
                invoke(session, "unlock", json!({ "passphrase": passphrase }))?;
            }
        }
        _ => return Ok(Err("vault state must be locked or unlocked".into())),
    }
    Ok(Ok(json!({})))
}

fn passphrase_opens(session: &Session, body: &Value) -> Answer {
    let Some(passphrase) = text(body, "passphrase") else {
        return Ok(Err("passphrase-opens needs a passphrase".into()));
    };
    let space = session.space();
    let bytes = crypto::read_file_bounded(&space.app.data_dir().join(IDENTITY_FILE))
        .map_err(|e| Error::storage(&e))?;
    let opens = match crypto::decrypt_with_passphrase(&SecretString::from(passphrase), &bytes) {
        Ok(_) => true,
        Err(Error::WrongPassphrase) => false,
        Err(other) => return Err(other),
    };
    Ok(Ok(json!({ "opens": opens })))
}
