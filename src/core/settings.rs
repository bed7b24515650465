//! The three durations the clock needs, checked once so the clock itself
//! never has to handle nonsense.

use std::fmt;

/// Durations of the session clock, in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockSettings {
    session_ms: u64,
    warn_ms: u64,
    redirect_ms: u64,
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

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingsError::SessionZero => write!(f, "the session length must be more than 0"),
            SettingsError::WarnNotShorterThanSession { warn_ms, session_ms } => write!(
                f,
                "the warning ({} s) must be shorter than the session ({} s)",
                *warn_ms as f64 / 1000.0,
                *session_ms as f64 / 1000.0
            ),
        }
    }
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
        Ok(ClockSettings { session_ms, warn_ms, redirect_ms })
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
