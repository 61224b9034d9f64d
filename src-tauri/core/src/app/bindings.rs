//! The TypeScript the UI calls the core through, generated from the command list and the
//! Rust types: one file per type (ts-rs) and `commands.ts` with one function per command.
//!
//! `generated_typescript_is_up_to_date` fails when the committed files in `ui/bindings/`
//! differ from what the Rust types give today. To refresh them after changing a command or
//! a type: `PEERMAP_WRITE_BINDINGS=1 cargo test -p peermap-core bindings`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, ExportError, TypeVisitor, TS};

/// Where the generated TypeScript is committed.
fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/bindings")
}

fn config(dir: &Path) -> Config {
    Config::new().with_out_dir(dir).with_large_int("number")
}

/// One command's TypeScript wrapper.
pub(crate) struct CommandTs {
    name: &'static str,
    input: String,
    output: String,
    takes_nothing: bool,
}

impl CommandTs {
    pub(crate) fn of<I: TS + 'static, O: TS + 'static>(name: &'static str, cfg: &Config) -> Self {
        let input = I::name(cfg);
        CommandTs {
            name,
            takes_nothing: input == "NoInput",
            input,
            output: O::name(cfg),
        }
    }
}

struct Exporter<'a> {
    cfg: &'a Config,
    result: Result<(), ExportError>,
}

impl TypeVisitor for Exporter<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if self.result.is_ok() {
            self.result = export_inner::<T>(self.cfg);
        }
    }
}

fn export_inner<T: TS + 'static + ?Sized>(cfg: &Config) -> Result<(), ExportError> {
    if T::output_path().is_some() {
        return T::export_all(cfg);
    }
    // Vec<T>, Option<T>, (), primitives: export what they are made of.
    let mut visitor = Exporter {
        cfg,
        result: Ok(()),
    };
    T::visit_dependencies(&mut visitor);
    T::visit_generics(&mut visitor);
    visitor.result
}

/// Export `T` and every type it uses.
pub(crate) fn export_type<T: TS + 'static>(cfg: &Config) -> Result<(), ExportError> {
    export_inner::<T>(cfg)
}

fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `commands.ts`: the list of names and one typed function per command.
fn commands_ts(commands: &[CommandTs], types: &[String]) -> String {
    let mut out = String::from(
        "// Generated from src-tauri/core/src/app/command_list.rs by a Rust test; do not edit.\n\
         // Refresh: PEERMAP_WRITE_BINDINGS=1 cargo test -p peermap-core bindings\n\
         import { call } from '../src/lib/call';\n",
    );
    for ty in types {
        out.push_str(&format!("import type {{ {ty} }} from './{ty}';\n"));
    }
    out.push_str("\n/** Every command the core answers, in the list's order. */\n");
    out.push_str("export const COMMAND_NAMES = [\n");
    for c in commands {
        out.push_str(&format!("  '{}',\n", c.name));
    }
    out.push_str("] as const;\n\nexport type CommandName = (typeof COMMAND_NAMES)[number];\n");
    for c in commands {
        let output = if c.output == "null" {
            "void".to_owned()
        } else {
            c.output.clone()
        };
        if c.takes_nothing {
            out.push_str(&format!(
                "\nexport const {} = (): Promise<{output}> => call('{}', {{}});\n",
                camel(c.name),
                c.name
            ));
        } else {
            out.push_str(&format!(
                "\nexport const {} = (input: {}): Promise<{output}> => call('{}', input);\n",
                camel(c.name),
                c.input,
                c.name
            ));
        }
    }
    out
}

/// `errorCodes.ts`: every code the core can answer with, as a list the UI can check against.
fn error_codes_ts() -> String {
    let mut out = String::from(
        "// Generated from ErrorCode::ALL in src-tauri/core/src/error.rs by a Rust test; do not edit.\n\
         import type { ErrorCode } from './ErrorCode';\n\n\
         export const ERROR_CODES = [\n",
    );
    for code in crate::ErrorCode::ALL {
        out.push_str(&format!("  '{}',\n", code.as_str()));
    }
    out.push_str("] as const satisfies readonly ErrorCode[];\n");
    out
}

/// Write every generated file into `dir`.
fn generate(dir: &Path) -> Result<(), String> {
    let cfg = config(dir);
    super::commands::export_types(&cfg).map_err(|e| e.to_string())?;
    export_type::<crate::BoundaryError>(&cfg).map_err(|e| e.to_string())?;
    let commands = super::commands::typescript_commands(&cfg);
    let mut types: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".ts").map(str::to_owned)
        })
        .filter(|name| !matches!(name.as_str(), "commands" | "errorCodes" | "ErrorCode"))
        // Only the types the wrappers name, so the import list has no unused entries.
        .filter(|name| {
            commands.iter().any(|c| {
                (c.input == *name && !c.takes_nothing)
                    || c.output
                        .split(|ch: char| !ch.is_alphanumeric())
                        .any(|w| w == name)
            })
        })
        .collect();
    types.sort();
    std::fs::write(dir.join("errorCodes.ts"), error_codes_ts()).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("commands.ts"), commands_ts(&commands, &types))
        .map_err(|e| e.to_string())
}

fn read_all(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), text)
        })
        .collect()
}

#[test]
fn generated_typescript_is_up_to_date() {
    let fresh = tempfile::tempdir().expect("temp dir");
    generate(fresh.path()).expect("bindings generate");
    let want = read_all(fresh.path());
    if std::env::var_os("PEERMAP_WRITE_BINDINGS").is_some() {
        let dir = committed_dir();
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("clear old bindings");
        }
        std::fs::create_dir_all(&dir).expect("bindings dir");
        for (name, text) in &want {
            std::fs::write(dir.join(name), text).expect("write binding");
        }
        return;
    }
    let have = read_all(&committed_dir());
    let stale: Vec<&String> = want
        .iter()
        .filter(|(name, text)| have.get(*name) != Some(text))
        .map(|(name, _)| name)
        .chain(have.keys().filter(|name| !want.contains_key(*name)))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/bindings is stale ({stale:?}); run PEERMAP_WRITE_BINDINGS=1 cargo test -p peermap-core bindings"
    );
}

#[test]
fn every_command_has_a_wrapper_and_a_unique_name() {
    let cfg = Config::new();
    let commands = super::commands::typescript_commands(&cfg);
    assert_eq!(commands.len(), super::COMMAND_NAMES.len());
    let mut names: Vec<&str> = super::COMMAND_NAMES.to_vec();
    names.sort_unstable();
    names.dedup();
    assert_eq!(
        names.len(),
        super::COMMAND_NAMES.len(),
        "a command is listed twice"
    );
}
