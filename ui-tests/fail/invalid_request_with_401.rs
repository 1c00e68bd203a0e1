use auth_error::auth_error;

#[auth_error(realm = "mcp", status = 401, error = "invalid_request")]
struct Malformed;

fn main() {}
