//! See `peermap_core::fuzzing::check_cli_args`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| peermap_core::fuzzing::check_cli_args(data));
