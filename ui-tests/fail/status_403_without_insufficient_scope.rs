use auth_error::auth_error;

#[auth_error(realm = "mcp", status = 403, scope = "tools:call")]
struct Forbidden;

fn main() {}
