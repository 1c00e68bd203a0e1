use auth_error::auth_error;

#[auth_error(realm = "the \"mcp\" server")]
struct Unauthorized;

fn main() {}
