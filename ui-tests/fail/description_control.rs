use auth_error::auth_error;

#[auth_error(realm = "mcp", error = "invalid_token", description = "expired\r\nX-Injected: yes")]
struct Expired;

fn main() {}
