//! See `peermap_core::fuzzing::check_identity_file`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| peermap_core::fuzzing::check_identity_file(data));
