//! peermap-test-bridge: the real core, served on loopback HTTP, for the UI suite (tests/ui).
//!
//! The Playwright suite runs the UI in Chromium with Tauri's `mockIPC`; the mock in
//! `ui/src/mock/` holds no rules and forwards every command here, where the core's own
//! [`dispatch`] runs it, exactly as the Tauri shell does. Test-only: this crate is never a
//! dependency of the app.
//!
//! Every request names its session (`x-peermap-session`), so several pages each have their
//! own vault; an unknown id gets a fresh session with no vault. Endpoints (JSON in and out):
//!
//! - `POST /invoke/<command>`: the command's answer (200), or its `{code, message}` (400);
//! - `POST /control/…` and `GET /control/…`: test set-up and inspection, see [`control`].
//!
//! Listens on 127.0.0.1 only, on a free port printed as `PORT <n>`; exits when stdin closes.

mod control;
mod session;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use peermap_core::app::{dispatch, input_too_large, read_input, MAX_INPUT_BYTES};
use peermap_core::{BoundaryError, Error};
use serde_json::Value;
use tiny_http::{Header, Method, Request, Response, Server};

use session::{lock, Session};

/// An answer: the status and its JSON body.
pub struct Reply {
    status: u16,
    body: String,
}

impl Reply {
    pub fn ok(value: &Value) -> Reply {
        Reply {
            status: 200,
            body: value.to_string(),
        }
    }

    /// A body already serialised (to keep an object's key order).
    pub fn ok_text(body: String) -> Reply {
        Reply { status: 200, body }
    }

    pub fn error(err: Error) -> Reply {
        let boundary = BoundaryError::from(err);
        Reply {
            status: 400,
            body: serde_json::to_string(&boundary)
                .unwrap_or_else(|_| r#"{"code":"internal","message":"?"}"#.to_owned()),
        }
    }

    /// A mistake in the test's own request (not something the UI could cause).
    pub fn bad(message: &str) -> Reply {
        Reply::error(Error::InvalidInput(format!("test bridge: {message}")))
    }

    fn not_found() -> Reply {
        Reply {
            status: 404,
            body: r#"{"code":"not_found","message":"test bridge: no such endpoint"}"#.to_owned(),
        }
    }
}

/// Every session, and the folder they all live in.
pub struct Bridge {
    root: PathBuf,
    sessions: Mutex<HashMap<String, Arc<Session>>>,
    /// A locked vault with the default passphrase, made once and copied by resets, so a test
    /// costs one scrypt (its unlock) instead of two.
    template: Mutex<Option<PathBuf>>,
}

impl Bridge {
    fn session(&self, id: &str) -> std::io::Result<Arc<Session>> {
        let mut sessions = lock(&self.sessions);
        if let Some(s) = sessions.get(id) {
            return Ok(Arc::clone(s));
        }
        let fresh = Arc::new(Session::new(&self.root)?);
        sessions.insert(id.to_owned(), Arc::clone(&fresh));
        Ok(fresh)
    }
}

/// A POST body, read as the Tauri shell reads a command's: the core's [`read_input`] refuses
/// more than [`MAX_INPUT_BYTES`] before parsing. A `Content-Length` over it is refused before
/// a byte is read, and no more than one byte past it is ever read.
fn read_body(request: &mut Request) -> Result<Value, Reply> {
    if request.body_length().is_some_and(|n| n > MAX_INPUT_BYTES) {
        return Err(Reply::error(input_too_large()));
    }
    let mut bytes = Vec::new();
    let limit = u64::try_from(MAX_INPUT_BYTES)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    request
        .as_reader()
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|_| Reply::bad("the request body could not be read"))?;
    read_input(&bytes).map_err(Reply::error)
}

/// Run a command on the session's app, remembering what the control endpoints need.
pub fn invoke(session: &Session, name: &str, input: Value) -> Result<Value, Error> {
    let space = session.space();
    let shell = session.shell(&space);
    let passphrase = match name {
        "create_vault" | "unlock" => input.get("passphrase"),
        "change_passphrase" => input.get("new"),
        _ => None,
    }
    .and_then(Value::as_str)
    .map(str::to_owned);
    let id = input.get("id").and_then(Value::as_str).map(str::to_owned);
    let answer = dispatch(&space.app, &shell, name, input)?;
    if passphrase.is_some() {
        *lock(&session.passphrase) = passphrase;
    }
    if name == "save_map" {
        let at = answer
            .get("savedAt")
            .and_then(Value::as_str)
            .unwrap_or_default();
        lock(&session.saves).push((id.unwrap_or_default(), at.to_owned()));
    }
    Ok(answer)
}

fn route(bridge: &Bridge, request: &mut Request) -> Reply {
    let session_id = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("x-peermap-session"))
        .map(|h| h.value.as_str().to_owned());
    let Some(session_id) = session_id.filter(|s| !s.is_empty()) else {
        return Reply::bad("every request needs an x-peermap-session header");
    };
    let session = match bridge.session(&session_id) {
        Ok(s) => s,
        Err(e) => return Reply::error(Error::storage(&e)),
    };
    let url = request.url().to_owned();
    let path = url.split('?').next().unwrap_or_default();
    let path = path.strip_prefix("/__bridge").unwrap_or(path);
    let method = request.method().clone();
    let body = if method == Method::Post {
        match read_body(request) {
            Ok(b) => b,
            Err(reply) => return reply,
        }
    } else {
        Value::Null
    };
    match (method, path) {
        (Method::Post, p) if p.starts_with("/invoke/") => {
            let name = &p["/invoke/".len()..];
            match invoke(&session, name, body) {
                Ok(answer) => Reply::ok(&answer),
                Err(err) => Reply::error(err),
            }
        }
        (m, p) => match p.strip_prefix("/control/") {
            Some(name) => control::handle(bridge, &session, m == Method::Get, name, &body),
            None => Reply::not_found(),
        },
    }
}

fn handle(bridge: &Bridge, mut request: Request) {
    let reply = route(bridge, &mut request);
    let mut response = Response::from_string(reply.body).with_status_code(reply.status);
    if let Ok(header) = Header::from_bytes("content-type", "application/json") {
        response = response.with_header(header);
    }
    let _ = request.respond(response);
}

fn main() -> std::process::ExitCode {
    let root = match tempfile::Builder::new().prefix("peermap-bridge-").tempdir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("peermap-test-bridge: no temporary folder: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let server = match Server::http("127.0.0.1:0") {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("peermap-test-bridge: cannot listen on 127.0.0.1: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let Some(port) = server.server_addr().to_ip().map(|a| a.port()) else {
        eprintln!("peermap-test-bridge: not listening on an IP address");
        return std::process::ExitCode::FAILURE;
    };
    println!("PORT {port}");
    let _ = std::io::stdout().flush();

    // Whoever started the bridge holds its stdin: when that closes (the test run ended or was
    // killed), stop serving and remove every session's folder.
    let watcher = Arc::clone(&server);
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        watcher.unblock();
    });

    let bridge = Arc::new(Bridge {
        root: root.path().to_path_buf(),
        sessions: Mutex::new(HashMap::new()),
        template: Mutex::new(None),
    });
    for request in server.incoming_requests() {
        let bridge = Arc::clone(&bridge);
        std::thread::spawn(move || handle(&bridge, request));
    }
    drop(bridge);
    drop(root);
    std::process::ExitCode::SUCCESS
}
