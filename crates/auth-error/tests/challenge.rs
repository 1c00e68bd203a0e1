//! The runtime challenge builder against the test's own parser, and the
//! trait's values for the example type.

mod common;

use auth_error::{AuthError, Challenge, ChallengeError};
use common::{assert_challenge, cases, parse_bearer_challenge, PRM};

#[test]
fn parser_rejects_invalid_challenges() {
    for bad in [
        "Bearer",
        "Bearer ",
        "Basic realm=\"x\"",
        "Bearer realm=mcp",
        "Bearer abc",
        "Bearer scope=\"a\", scope=\"b\"",
        "Bearer error_description=\"Token \\\"abc\\\" expired\"",
        "Bearer realm=\"x",
    ] {
        assert!(parse_bearer_challenge(bad).is_err(), "{bad}");
    }
    assert_eq!(
        parse_bearer_challenge("bearer realm=\"mcp\",scope=\"a b\"").ok(),
        Some(vec![("realm".to_owned(), "mcp".to_owned()), ("scope".to_owned(), "a b".to_owned())])
    );
}

#[test]
fn builder_output_parses() -> Result<(), ChallengeError> {
    let full = Challenge::bearer()
        .realm("mcp")?
        .resource_metadata(PRM)?
        .error("insufficient_scope")?
        .scope("files:read files:write")?
        .error_description("Additional file write permission required")?
        .error_uri("https://mcp.example.com/docs/errors#insufficient_scope")?
        .render()?;
    assert_challenge(
        &full,
        &[
            ("realm", "mcp"),
            ("resource_metadata", PRM),
            ("error", "insufficient_scope"),
            ("scope", "files:read files:write"),
            ("error_description", "Additional file write permission required"),
            ("error_uri", "https://mcp.example.com/docs/errors#insufficient_scope"),
        ],
    );
    assert_challenge(&Challenge::bearer().resource_metadata(PRM)?.render()?, &[("resource_metadata", PRM)]);
    Ok(())
}

#[test]
fn builder_refuses_what_the_parser_would_refuse() {
    assert_eq!(Challenge::bearer().render(), Err(ChallengeError::NoParameters));
    assert_eq!(Challenge::bearer().realm("a\"b").err(), Some(ChallengeError::InvalidRealm));
    assert_eq!(Challenge::bearer().realm("a\\b").err(), Some(ChallengeError::InvalidRealm));
    assert_eq!(Challenge::bearer().error_description("Jeton expiré").err(), Some(ChallengeError::InvalidDescription));
    assert_eq!(
        Challenge::bearer().error_description("a\r\nX-Injected: 1").err(),
        Some(ChallengeError::InvalidDescription)
    );
    assert_eq!(Challenge::bearer().scope("a  b").err(), Some(ChallengeError::InvalidScope));
    assert_eq!(Challenge::bearer().error("server_error").err(), Some(ChallengeError::UnregisteredErrorCode));
    assert_eq!(
        Challenge::bearer().resource_metadata("http://mcp.example.com/x").err(),
        Some(ChallengeError::InvalidResourceMetadata)
    );
    let twice = Challenge::bearer().scope("a").and_then(|c| c.scope("b"));
    assert_eq!(twice.err(), Some(ChallengeError::Duplicate("scope")));
    assert!(ChallengeError::NoParameters.to_string().contains("RFC 6750 §3"));
}

#[test]
fn generated_values_match_the_builder() -> Result<(), ChallengeError> {
    for (name, failure, status, params) in cases() {
        assert_eq!(failure.status(), status, "{name}");
        assert_challenge(failure.www_authenticate(), &params);
        // The macro's compile-time rendering equals the runtime builder's.
        let mut builder = Challenge::bearer();
        for (param, value) in &params {
            builder = match *param {
                "realm" => builder.realm(value)?,
                "resource_metadata" => builder.resource_metadata(value)?,
                "error" => builder.error(value)?,
                "scope" => builder.scope(value)?,
                "error_description" => builder.error_description(value)?,
                other => panic!("unexpected param {other}"),
            };
        }
        assert_eq!(failure.www_authenticate(), builder.render()?, "{name}");
        let expected_code = params.iter().find(|p| p.0 == "error").map(|p| p.1);
        assert_eq!(failure.error_code(), expected_code, "{name}");
        common::assert_jsonrpc_body(failure.body().as_bytes(), -32001, expected_code);
    }
    Ok(())
}

#[test]
fn display_has_no_internal_detail() {
    let revoked = common::failure("revoked");
    assert_eq!(revoked.to_string(), "Invalid access token");
    assert_eq!(common::failure("expired").to_string(), "The access token expired");
    assert_eq!(common::failure("missing").to_string(), "Authentication required");
}
