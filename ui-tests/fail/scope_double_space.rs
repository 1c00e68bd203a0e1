use auth_error::auth_error;

#[auth_error(realm = "mcp", status = 403, error = "insufficient_scope", scope = "files:read  files:write")]
struct NeedsScope;

fn main() {}
