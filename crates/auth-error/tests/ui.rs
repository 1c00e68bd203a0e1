//! trybuild cases in `ui-tests/` at the workspace root: one compile-fail case
//! per diagnostic of `#[auth_error]`, and the happy paths. The pass cases use
//! every integration, so this runs with `--all-features`.
#![cfg(all(feature = "axum", feature = "actix-web", feature = "http"))]

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("../../ui-tests/pass/*.rs");
    cases.compile_fail("../../ui-tests/fail/*.rs");
}
