//! Headless entry points on the same binary. They never touch GTK, so they work from cron,
//! a systemd timer or a terminal with no display.

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    /// No arguments: open the window.
    Window,
    /// `--version` / `-V`.
    Version,
    /// `--help` / `-h`.
    Help,
    /// Anything we do not understand; carries the first unknown word.
    Unknown(String),
}

pub fn parse(args: &[String]) -> Invocation {
    match args.first().map(String::as_str) {
        None => Invocation::Window,
        Some("--version" | "-V") => Invocation::Version,
        Some("--help" | "-h" | "help") => Invocation::Help,
        Some(other) => Invocation::Unknown(other.to_owned()),
    }
}

const USAGE: &str = "\
Usage: peermap [COMMAND]

With no command, opens the Peer Map window.

Commands:
  --version   print the version and exit
  --help      print this help and exit

Environment:
  PEERMAP_DATA_DIR   use this folder for the vault instead of the usual app-data folder
";

/// Runs a headless invocation and returns the process exit code.
pub fn run_headless(inv: Invocation) -> i32 {
    match inv {
        Invocation::Version => {
            println!("peermap {}", peermap_core::APP_VERSION);
            0
        }
        Invocation::Help => {
            print!("{USAGE}");
            0
        }
        Invocation::Unknown(word) => {
            // Arguments are typed by the user, not map content, so echoing one is safe.
            eprintln!("peermap: unknown command '{word}'\n\n{USAGE}");
            2
        }
        Invocation::Window => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn no_arguments_opens_the_window() {
        assert_eq!(parse(&[]), Invocation::Window);
    }

    #[test]
    fn version_and_help_are_headless() {
        assert_eq!(parse(&args(&["--version"])), Invocation::Version);
        assert_eq!(parse(&args(&["-V"])), Invocation::Version);
        assert_eq!(parse(&args(&["--help"])), Invocation::Help);
        assert_eq!(run_headless(Invocation::Version), 0);
    }

    #[test]
    fn unknown_words_fail_with_usage() {
        assert_eq!(
            parse(&args(&["frobnicate"])),
            Invocation::Unknown("frobnicate".into())
        );
        assert_eq!(run_headless(Invocation::Unknown("x".into())), 2);
    }
}
