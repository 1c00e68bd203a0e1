use auth_error::auth_error;

#[auth_error(status = 401, code = -32001)]
struct Unauthorized;

fn main() {}
