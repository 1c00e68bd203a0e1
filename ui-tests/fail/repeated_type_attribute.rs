use auth_error::auth_error;

#[auth_error(realm = "mcp")]
#[auth_error(resource_metadata = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp")]
struct Unauthorized;

fn main() {}
