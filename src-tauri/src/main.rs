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
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::parse(&args) {
        cli::Invocation::Window => window::run(),
        headless => std::process::exit(cli::run_headless(headless)),
    }
}
