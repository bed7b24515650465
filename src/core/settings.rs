//! The three durations the clock needs, checked once so the clock itself
//! never has to handle nonsense.

use crate::prelude::*;
use core::fmt;

/// The most time before the warning that the status is asked.
pub const STATUS_LEAD_MS: u64 = 5_000;
/// A page that comes back after at least this long asks the status again.
pub const STATUS_AWAY_MS: u64 = 5_000;
/// A page that was leaving (`beforeunload`) but is still here this long
/// after (a navigation cancelled, a download) joins the other tabs again.
pub const REJOIN_MS: u64 = 10_000;
/// Never two status checks closer than this, whatever their answers say:
/// each answer moves the deadline, which must not trigger another check.
pub const STATUS_MIN_GAP_MS: u64 = 2_000;
/// A warning due while the person types waits for this pause in their
/// keys: opened mid-word, its button would take the next ones.
pub const TYPING_PAUSE_MS: u64 = 2_000;
/// …but leaves the person at least this long to act (WCAG 2.2.1's 20 s),
/// and at least half the warning.
pub const LAST_WARNING_MS: u64 = 20_000;

/// Durations of the session clock, in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockSettings {
    session_ms: u64,
    warn_ms: u64,
    redirect_ms: u64,
    status_checks: bool,
    activity_throttle_ms: Option<u64>,
}

/// Why a set of durations cannot run a session clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsError {
    /// The session length is zero.
    SessionZero,
    /// The warning would start before the session begins.
    WarnNotShorterThanSession {
        /// Warning length in milliseconds.
        warn_ms: u64,
        /// Session length in milliseconds.
        session_ms: u64,
    },
}

impl SettingsError {
    /// What is wrong, for the error message. Built without `core::fmt`,
    /// which would cost the browser build kilobytes.
    pub fn describe(&self) -> String {
        match self {
            SettingsError::SessionZero => "the session length must be more than 0".into(),
            SettingsError::WarnNotShorterThanSession { warn_ms, session_ms } => {
                cat(&["the warning (", &seconds_text(*warn_ms), " s) must be shorter than the session (", &seconds_text(*session_ms), " s)"])
            }
        }
    }
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Milliseconds shown as seconds the way JavaScript writes them ("90",
/// "1.5", "0.001"), with integer arithmetic only.
pub fn seconds_text(ms: u64) -> String {
    let whole = super::decimal(ms / 1000);
    if ms % 1000 == 0 {
        return whole;
    }
    // 1000 + the remainder keeps its leading zeros: 1005 ms → "1.005".
    // `strip_prefix`, not `[1..]`: no slicing panic path is linked.
    let thousandths = super::decimal(1000 + ms % 1000);
    let mut fraction = thousandths.strip_prefix("1").unwrap_or_default();
    // Trailing zeros off byte by byte (`trim_end_matches` links a char searcher).
    while let Some(shorter) = fraction.strip_suffix("0") {
        fraction = shorter;
    }
    cat(&[whole.as_str(), ".", fraction])
}

impl ClockSettings {
    /// Checks that the warning fits inside the session.
    pub fn new(session_ms: u64, warn_ms: u64, redirect_ms: u64) -> Result<Self, SettingsError> {
        if session_ms == 0 {
            return Err(SettingsError::SessionZero);
        }
        if warn_ms >= session_ms {
            return Err(SettingsError::WarnNotShorterThanSession { warn_ms, session_ms });
        }
        Ok(ClockSettings { session_ms, warn_ms, redirect_ms, status_checks: false, activity_throttle_ms: None })
    }

    /// Ask the server's status endpoint shortly before the warning and
    /// when the page comes back, so a session extended elsewhere cancels a
    /// needless warning.
    pub fn with_status_checks(mut self) -> Self {
        self.status_checks = true;
        self
    }

    /// Send a keep-alive when the user is active, at most once per
    /// `throttle_ms` (never during the warning).
    pub fn with_keep_alive_on_activity(mut self, throttle_ms: u64) -> Self {
        self.activity_throttle_ms = Some(throttle_ms);
        self
    }

    /// Whether status checks are on.
    pub fn status_checks(&self) -> bool {
        self.status_checks
    }

    /// The user-activity keep-alive throttle, if on.
    pub fn activity_throttle_ms(&self) -> Option<u64> {
        self.activity_throttle_ms
    }

    /// How long before the warning the status is asked: up to 5 s, and
    /// never more than half the quiet time before the warning.
    pub fn status_lead_ms(&self) -> u64 {
        STATUS_LEAD_MS.min((self.session_ms - self.warn_ms) / 2)
    }

    /// How long the server keeps an idle session.
    pub fn session_ms(&self) -> u64 {
        self.session_ms
    }

    /// How long before expiry the warning shows.
    pub fn warn_ms(&self) -> u64 {
        self.warn_ms
    }

    /// How long after expiry the page is replaced.
    pub fn redirect_ms(&self) -> u64 {
        self.redirect_ms
    }
}

#[cfg(test)]
mod tests {
    use super::seconds_text;

    #[test]
    fn seconds_are_written_as_typed() {
        assert_eq!(seconds_text(0), "0");
        assert_eq!(seconds_text(20_000), "20");
        assert_eq!(seconds_text(1_005), "1.005");
        assert_eq!(seconds_text(2_500), "2.5");
        assert_eq!(seconds_text(90_120), "90.12");
        assert_eq!(seconds_text(999), "0.999");
    }
}
