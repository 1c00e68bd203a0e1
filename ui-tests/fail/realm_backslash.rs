use auth_error::auth_error;

#[auth_error(realm = r"corp\mcp")]
struct Unauthorized;

fn main() {}
