use auth_error::auth_error;

#[auth_error(realm = "mcp")]
union AuthFailure {
    code: u32,
    flags: f32,
}

fn main() {}
