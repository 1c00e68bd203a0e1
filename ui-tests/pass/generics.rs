use auth_error::{auth_error, AuthError};

#[auth_error(realm = "mcp")]
#[derive(Debug)]
enum Failure<'a, T: Clone + std::fmt::Debug, const N: usize>
where
    T: Send,
{
    Missing,
    #[auth_error(error = "invalid_token")]
    Rejected {
        detail: &'a T,
        extra: [u8; N],
    },
}

/// `T` has no `Debug` bound: the actix-web impl is bounded on `Wrapper<T>: Debug`.
#[auth_error(realm = "mcp", error = "invalid_token")]
#[derive(Debug)]
struct Wrapper<T>(T);

struct NotDebug;

fn main() {
    assert_eq!(Wrapper(NotDebug).status(), 401);
    let _: &dyn actix_web::ResponseError = &Wrapper(1_u8);
    let d = 3_i32;
    let e: Failure<'_, i32, 2> = Failure::Rejected { detail: &d, extra: [0; 2] };
    assert_eq!(e.error_code(), Some("invalid_token"));
    assert_eq!(Failure::<i32, 0>::Missing.www_authenticate(), "Bearer realm=\"mcp\"");
    if let Failure::Rejected { detail, extra } = e {
        assert_eq!((*detail, extra.len()), (3, 2));
    }
}
