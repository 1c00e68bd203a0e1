use auth_error::auth_error;

#[auth_error(realm = "serveur-mcp-é")]
struct Unauthorized;

fn main() {}
