use auth_error::auth_error;

#[auth_error(realm = "mcp")]
enum AuthFailure {
    // status defaults to 401
    #[auth_error(error = "insufficient_scope", scope = "tools:call")]
    NeedsScope,
}

fn main() {}
