//! See `peermap_core::fuzzing::check_shared_copy`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| peermap_core::fuzzing::check_shared_copy(data));
