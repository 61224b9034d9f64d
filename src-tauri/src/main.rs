// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

//! The `peermap` binary: headless subcommands first (no display needed), else the window.

#[cfg(test)]
mod capability;
mod cli;
mod dialogs;
mod ipc;
mod sweep;
mod window;

fn main() {
    // As the system gives them: `std::env::args` panics on an argument that is not valid text.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match cli::parse(&args) {
        cli::Invocation::Window => window::run(),
        headless => std::process::exit(cli::run_headless(headless)),
    }
}
