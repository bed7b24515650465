//! What a keep-alive answer means for the session.

use crate::core::Input;
use crate::request::Reply;

/// 2xx extends (with the server's time left when it said); 401, 403 and
/// 440 mean the session is gone; anything else (network error, time-out,
/// redirect, 5xx) says nothing about the session, so nobody is signed out.
pub fn outcome(reply: Reply) -> Input {
    match reply.status {
        200..=299 => Input::KeepAliveSucceeded(reply.remaining_ms),
        401 | 403 | 440 => Input::Unauthorized,
        _ => Input::KeepAliveFailed,
    }
}

/// Whether the keep-alive extended the session.
pub fn extended(reply: Reply) -> bool {
    (200..300).contains(&reply.status)
}
