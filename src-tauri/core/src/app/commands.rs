//! The command table: [`dispatch`] runs a command by name on JSON input, and
//! [`COMMAND_NAMES`] lists them. Both are made by the `commands!` macro from
//! `command_list.rs`, the one list.

use serde::de::DeserializeOwned;
use serde::Serialize;

#[allow(unused_imports)] // every type the list names, so `include!` below resolves them
use super::{
    clock_cmds::*, consent_cmds::*, export_cmds::*, maps::*, vault_cmds::*, App, MapId, NoInput,
    Shell,
};
#[allow(unused_imports)]
use crate::{
    document::SessionVersion, export::flow::ExportStatus, record::MapRecord, settings::Settings,
    strength::Strength, vault::ClockCheck, vault::ClockCorrected, vault::MapSummary,
    vault::ReconcileReport, vault::SweepReport, view::MapView,
};
use crate::{Error, Result};

/// The largest request a command accepts, in bytes of JSON. A map's drawing is far smaller
/// (300 people with every text at its limit is about 1 MiB); anything bigger is refused
/// before it is parsed at all ([`read_input`]).
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// A command's input as the UI sends it: the bytes of its JSON text. More than
/// [`MAX_INPUT_BYTES`] is refused before a single byte is parsed; an empty body is `{}` (a
/// command that takes no input). The Tauri shell and the test bridge both read bodies here.
pub fn read_input(bytes: &[u8]) -> Result<serde_json::Value> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(input_too_large());
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Value::Object(serde_json::Map::new()));
    }
    serde_json::from_slice(bytes).map_err(|_| input_unreadable())
}

/// The error for a request over [`MAX_INPUT_BYTES`], for a caller that knows the size before it
/// has the bytes (an HTTP `Content-Length`).
pub fn input_too_large() -> Error {
    Error::InvalidInput(
        "That request is too large for Peer Map to read. Nothing was changed.".into(),
    )
}

/// The error for a request that is not a command's input (not JSON, or not of its shape).
pub fn input_unreadable() -> Error {
    Error::InvalidInput("Peer Map could not read that request. Nothing was changed.".into())
}

fn parse<T: DeserializeOwned>(input: serde_json::Value) -> Result<T> {
    serde_json::from_value(input).map_err(|_| input_unreadable())
}

fn reply<T: Serialize>(out: &T) -> Result<serde_json::Value> {
    serde_json::to_value(out).map_err(|_| Error::Internal("reply_not_serialisable"))
}

macro_rules! commands {
    ($($name:ident : $input:ty => $output:ty),* $(,)?) => {
        /// Every command's name, in the list's order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Run command `name` with `input` (the JSON object the UI sent) and return its
        /// answer as JSON. An unknown name or an input of the wrong shape changes nothing.
        pub fn dispatch(
            app: &App,
            shell: &dyn Shell,
            name: &str,
            input: serde_json::Value,
        ) -> Result<serde_json::Value> {
            match name {
                $(stringify!($name) => {
                    let input: $input = parse(input)?;
                    let output: $output = $name(app, shell, input)?;
                    reply(&output)
                })*
                _ => Err(Error::Internal("unknown_command")),
            }
        }

        /// The TypeScript wrappers, one function per command (see app/bindings.rs).
        #[cfg(test)]
        pub(crate) fn typescript_commands(cfg: &ts_rs::Config) -> Vec<super::bindings::CommandTs> {
            vec![$(super::bindings::CommandTs::of::<$input, $output>(stringify!($name), cfg)),*]
        }

        /// Every type the commands take or give, for exporting to TypeScript.
        #[cfg(test)]
        pub(crate) fn export_types(cfg: &ts_rs::Config) -> std::result::Result<(), ts_rs::ExportError> {
            $(super::bindings::export_type::<$input>(cfg)?; super::bindings::export_type::<$output>(cfg)?;)*
            Ok(())
        }
    };
}

include!("command_list.rs");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_oversize_body_is_refused_as_too_large_before_it_is_parsed() {
        // Not JSON at all: had it been parsed first, the error would be "could not read".
        let body = vec![b'['; MAX_INPUT_BYTES + 1];
        let err = read_input(&body).expect_err("too large");
        assert!(err.to_string().contains("too large"), "{err}");
        assert_eq!(err.to_string(), input_too_large().to_string());
    }

    #[test]
    fn a_body_at_the_limit_is_parsed() {
        let mut body = b"{\"text\":\"".to_vec();
        body.resize(MAX_INPUT_BYTES - 2, b'a');
        body.extend_from_slice(b"\"}");
        assert_eq!(body.len(), MAX_INPUT_BYTES);
        let value = read_input(&body).expect("at the limit");
        assert_eq!(
            value["text"].as_str().map(str::len),
            Some(MAX_INPUT_BYTES - 11)
        );
    }

    #[test]
    fn an_empty_body_is_no_input_and_bad_json_is_unreadable() {
        assert_eq!(read_input(b"").expect("empty"), serde_json::json!({}));
        assert_eq!(read_input(b" \n").expect("blank"), serde_json::json!({}));
        let err = read_input(b"{\"id\":").expect_err("bad json");
        assert!(err.to_string().contains("could not read"), "{err}");
    }
}
