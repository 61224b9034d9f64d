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
/// before it is parsed into a document.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

fn parse<T: DeserializeOwned>(input: serde_json::Value) -> Result<T> {
    serde_json::from_value(input).map_err(|_| {
        Error::InvalidInput("Peer Map could not read that request. Nothing was changed.".into())
    })
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
