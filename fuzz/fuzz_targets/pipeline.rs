//! The whole per-file pipeline (parse, facts, model, rules) on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = cargo_mcp_lint::engine::lint_text(text);
    }
});
