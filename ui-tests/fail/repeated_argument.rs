use auth_error::auth_error;

#[auth_error(realm = "mcp", realm = "api")]
struct Unauthorized;

fn main() {}
