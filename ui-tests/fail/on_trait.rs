use auth_error::auth_error;

#[auth_error(realm = "mcp")]
trait Rejects {}

fn main() {}
