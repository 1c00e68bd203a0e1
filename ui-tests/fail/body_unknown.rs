use auth_error::auth_error;

#[auth_error(realm = "mcp", body = "html")]
struct Unauthorized;

fn main() {}
