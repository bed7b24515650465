//! What tabs of one site tell each other. Every message carries the wall
//! time its news was learnt (`at`), so each tab keeps the newest knowledge
//! whatever order messages arrive in, and computes its own state from it.

use super::{EpochMs, Reason};

/// One message between tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Message {
    /// The session ends at `deadline`, as learnt at `at` (a request, a
    /// keep-alive, the server's word, a page load).
    Deadline {
        /// When the session ends.
        deadline: EpochMs,
        /// When that was learnt.
        at: EpochMs,
        /// The session's hard end, when it has one.
        hard_end: Option<EpochMs>,
    },
    /// The session ended for `reason` at `at` (the server said so, or the
    /// user signed out). Natural expiry needs no message: every tab has the
    /// deadline.
    Ended {
        /// Unauthorized or signed out.
        reason: Reason,
        /// When.
        at: EpochMs,
    },
    /// A person is active in the sending tab; the leader decides whether
    /// that is worth a keep-alive.
    UserActive {
        /// When.
        at: EpochMs,
        /// The sending page's keep-alive-on-activity throttle, so a leader
        /// whose own page does not keep alive on activity still can.
        throttle_ms: EpochMs,
    },
    /// A new tab asks the others what they know.
    Hello,
}
