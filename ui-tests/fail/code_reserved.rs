use auth_error::auth_error;

#[auth_error(realm = "mcp", code = -32600)]
struct Unauthorized;

fn main() {}
