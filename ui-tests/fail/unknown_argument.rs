use auth_error::auth_error;

#[auth_error(realm = "mcp", scheme = "Basic")]
struct Unauthorized;

fn main() {}
