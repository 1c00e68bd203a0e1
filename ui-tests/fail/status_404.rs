use auth_error::auth_error;

#[auth_error(realm = "mcp", status = 404)]
struct UnknownSession;

fn main() {}
