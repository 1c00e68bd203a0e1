use auth_error::auth_error;

#[auth_error(resource_metadata = "http://mcp.example.com/.well-known/oauth-protected-resource/mcp")]
struct Unauthorized;

fn main() {}
