use auth_error::auth_error;

#[auth_error(realm = "mcp", error_uri = "https://mcp.example.com/docs/auth")]
struct Unauthorized;

fn main() {}
