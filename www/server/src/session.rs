//! The server's side of the session clock: who is signed in, and until
//! when. Requests that count as activity extend it; the status endpoint
//! only reads it.

use time::{Duration, OffsetDateTime};
use tower_sessions::{Expiry, Session};

const USER: &str = "user";
const CSRF: &str = "csrf";
const EXPIRES_AT: &str = "expires_at";
/// The session's hard end (epoch ms), when it has one.
const ENDS_AT: &str = "ends_at";

/// A signed-in user.
#[derive(Clone, Debug)]
pub struct User {
    /// The name typed at sign-in.
    pub name: String,
    /// Seconds left in the session.
    pub seconds_left: u64,
    /// The token state-changing requests must echo in `X-CSRF-Token`.
    pub csrf_token: String,
    /// When the session ends whatever the activity (epoch ms), if ever.
    pub ends_at: Option<i64>,
}

impl User {
    /// Whole seconds until the hard end, if the session has one.
    pub fn seconds_to_end(&self) -> Option<u64> {
        self.ends_at.map(|end| ((end - unix_ms(OffsetDateTime::now_utc())).max(0) / 1000) as u64)
    }

    /// SSO users go back to the identity provider when signed out.
    pub fn is_sso(&self) -> bool {
        self.name.ends_with("@sso")
    }
}

/// Signs `name` in with a fresh session id (no session fixation); the
/// session lasts at most `absolute` seconds (0: no limit).
pub async fn sign_in(session: &Session, name: &str, length: u64, absolute: u64) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.insert(USER, name).await?;
    if absolute > 0 {
        session.insert(ENDS_AT, unix_ms(OffsetDateTime::now_utc() + Duration::seconds(absolute as i64))).await?;
    }
    // A fresh random session id makes a good unguessable token.
    session.insert(CSRF, tower_sessions::session::Id::default().to_string()).await?;
    extend(session, length).await
}

/// Ends the session.
pub async fn sign_out(session: &Session) -> Result<(), tower_sessions::session::Error> {
    session.flush().await
}

/// The signed-in user, without extending the session.
pub async fn peek(session: &Session) -> Option<User> {
    let name: String = session.get(USER).await.ok().flatten()?;
    let csrf_token: String = session.get(CSRF).await.ok().flatten()?;
    let expires_at: i64 = session.get(EXPIRES_AT).await.ok().flatten()?;
    let ends_at: Option<i64> = session.get(ENDS_AT).await.ok().flatten();
    let left_ms = expires_at - unix_ms(OffsetDateTime::now_utc());
    if left_ms <= 0 {
        return None;
    }
    // Rounded down: better the page warns a moment early than late.
    Some(User { name, seconds_left: left_ms as u64 / 1000, csrf_token, ends_at })
}

/// The signed-in user, after restarting the inactivity clock (any request
/// but the status check does this).
pub async fn touch(session: &Session, length: u64) -> Option<User> {
    let user = peek(session).await?;
    extend(session, length).await.ok()?;
    let seconds_left = user.seconds_to_end().map_or(length, |end| end.min(length));
    Some(User { seconds_left, ..user })
}

async fn extend(session: &Session, length: u64) -> Result<(), tower_sessions::session::Error> {
    let mut until = OffsetDateTime::now_utc() + Duration::seconds(length as i64);
    // Never past the hard end.
    if let Some(end) = session.get::<i64>(ENDS_AT).await? {
        until = until.min(OffsetDateTime::from_unix_timestamp_nanos(i128::from(end) * 1_000_000).unwrap_or(until));
    }
    session.insert(EXPIRES_AT, unix_ms(until)).await?;
    // The store forgets the record at the same moment.
    session.set_expiry(Some(Expiry::AtDateTime(until)));
    Ok(())
}

fn unix_ms(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}
