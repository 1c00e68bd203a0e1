//! The plain-comment copy the lint lexes has exactly the original's tokens without its doc
//! attributes, at the same places, whatever the text (`testing::docs_left_out_exactly`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = cargo_mcp_lint::testing::docs_left_out_exactly(text) {
            panic!("{e}");
        }
    }
});
