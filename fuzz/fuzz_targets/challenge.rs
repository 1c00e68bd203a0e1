//! The RFC 9110 / RFC 6750 challenge parser and validator on arbitrary header values.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let parsed = cargo_mcp_lint::challenge::parse(text);
        let _ = cargo_mcp_lint::challenge::validate_bearer(text);
        if let Ok(challenges) = parsed {
            let _ = cargo_mcp_lint::challenge::bearer_param(&challenges, "resource_metadata");
        }
    }
});
