use auth_error::auth_error;

#[auth_error(realm = "mcp", error = "server_error")]
struct Broken;

fn main() {}
