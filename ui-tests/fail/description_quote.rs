use auth_error::auth_error;

#[auth_error(realm = "mcp", error = "invalid_token", description = "Token \"abc\" expired")]
struct Expired;

fn main() {}
