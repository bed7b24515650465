//! What a status answer means: the server's time left, or that the
//! session is gone. The status endpoint never extends the session.

use crate::core::Input;
use crate::request::{Landed, Reply};

/// The input a status reply gives the clock. A failed check changes
/// nothing (`StatusUnknown`): the local clock stands. Gone means an
/// `unauthorized` status or a redirect to the sign-in page.
pub fn outcome(reply: Reply, unauthorized: &[u16]) -> Input {
    if reply.landed == Landed::SignIn || unauthorized.contains(&reply.status) {
        return Input::StatusUnauthorized;
    }
    match (reply.landed, reply.status, reply.remaining_ms) {
        (Landed::Asked, 200..=299, Some(ms)) => Input::ServerRemaining(ms),
        _ => Input::StatusUnknown,
    }
}

#[cfg(test)]
mod tests {
    use super::outcome;
    use crate::core::Input;
    use crate::request::{Landed, Reply};

    #[test]
    fn only_a_clear_answer_moves_the_clock() {
        let gone = [401, 440];
        let r = |status, remaining_ms| Reply { status, remaining_ms, landed: Landed::Asked, hard_end_in_ms: None };
        assert_eq!(outcome(r(200, Some(5_000)), &gone), Input::ServerRemaining(5_000));
        assert_eq!(outcome(r(200, None), &gone), Input::StatusUnknown);
        assert_eq!(outcome(r(401, None), &gone), Input::StatusUnauthorized);
        assert_eq!(outcome(r(403, None), &gone), Input::StatusUnknown, "403 is not a sign-out");
        assert_eq!(outcome(r(500, Some(5_000)), &gone), Input::StatusUnknown);
        assert_eq!(outcome(r(0, None), &gone), Input::StatusUnknown);
        assert_eq!(outcome(Reply { landed: Landed::SignIn, ..r(200, None) }, &gone), Input::StatusUnauthorized);
        assert_eq!(outcome(Reply { landed: Landed::Elsewhere, ..r(200, Some(5_000)) }, &gone), Input::StatusUnknown);
    }
}
