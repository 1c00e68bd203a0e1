use auth_error::auth_error;

#[auth_error(realm = "mcp", status = "401")]
struct Unauthorized;

fn main() {}
