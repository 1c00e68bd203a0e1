use auth_error::auth_error;

#[auth_error(realm = "mcp", status = 500)]
struct TokenStoreDown;

fn main() {}
