//! Rocket 0.5 (research/framework-catalog.md §9).
//! Sources: rocket_http 0.5.2 `src/status.rs` (`Status::Unauthorized` is 401 and so on),
//! rocket 0.5.2 `src/response/status.rs` (`status::Custom(Status, R)`; `status::Unauthorized(R)`
//! and the other `status_response!` types), `src/request/from_request.rs`
//! (`Outcome::Error((Status, E))` fails the guard and runs the catcher of that status), `src/catcher/catcher.rs`
//! (the default catcher writes an HTML or JSON page, no headers); Rocket writes no
//! `WWW-Authenticate` anywhere in `core/` (grep of rocket 0.5.2 `src/`).

/// `Status::<Variant>` values.
pub const STATUS_VARIANTS: &[(&str, u16)] = &[
    ("Ok", 200),
    ("BadRequest", 400),
    ("Unauthorized", 401),
    ("Forbidden", 403),
    ("NotFound", 404),
    ("InternalServerError", 500),
    ("ServiceUnavailable", 503),
];

pub fn status_variant(name: &str) -> Option<u16> {
    STATUS_VARIANTS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// `rocket::response::status::<Name>(body)` responders with a fixed status.
pub const STATUS_RESPONDERS: &[(&str, u16)] =
    &[("BadRequest", 400), ("Unauthorized", 401), ("Forbidden", 403), ("NotFound", 404), ("Conflict", 409)];

pub fn status_responder(name: &str) -> Option<u16> {
    STATUS_RESPONDERS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Type name the extractor gives a failed request guard (`Val::Ctor`), resolved by the model:
/// the catcher of its status answers.
pub const GUARD_FAILURE: &str = "rocket::Catcher";

pub const DEFAULT_CATCHER_NOTE: &str = "a failed request guard is answered by the catcher of its status; Rocket's \
     default catcher sends no WWW-Authenticate (rocket src/request/from_request.rs, src/catcher/catcher.rs)";

/// `#[catch(401)]` gives `Some(Some(401))`, `#[catch(default)]` `Some(None)`; not a catcher:
/// `None`. A catcher answers with its status whatever its responder says
/// (rocket `src/catcher/catcher.rs`: the catcher's response gets the error status).
pub fn catch_status(attrs: &[syn::Attribute]) -> Option<Option<u16>> {
    let a = attrs
        .iter()
        .find(|a| a.path().is_ident("catch") || a.path().segments.last().is_some_and(|s| s.ident == "catch"))?;
    Some(a.parse_args::<syn::LitInt>().ok().and_then(|l| l.base10_parse::<u16>().ok()))
}
