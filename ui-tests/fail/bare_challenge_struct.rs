use auth_error::auth_error;

#[auth_error]
struct Unauthorized;

fn main() {}
