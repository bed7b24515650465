//! Property tests: random input sequences at random times never break the
//! clock's promises.

use proptest::prelude::*;
use session_timeout::core::{ClockSettings, Effect, Failure, Input, Message, Reason, SessionClock, State};

const T0: u64 = 1_700_000_000_000;

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        6 => Just(Input::Wake),
        2 => Just(Input::Activity(None)),
        1 => (0u64..4_000_000).prop_map(|ms| Input::Activity(Some(ms))),
        2 => Just(Input::UserActive),
        2 => Just(Input::Typing),
        2 => Just(Input::PageShown),
        1 => (0u64..4_000_000).prop_map(Input::ServerRemaining),
        1 => (T0 - 1_000_000..T0 + 8_000_000, T0..T0 + 8_000_000).prop_map(|(deadline, at)| Input::Peer(Message::Deadline { deadline, at, hard_end: None })),
        1 => (T0..T0 + 8_000_000).prop_map(|at| Input::Peer(Message::Ended { reason: Reason::Unauthorized, at })),
        1 => (T0..T0 + 8_000_000, 5_000u64..120_000).prop_map(|(at, throttle_ms)| Input::Peer(Message::UserActive { at, throttle_ms })),
        1 => Just(Input::Peer(Message::Hello)),
        1 => any::<bool>().prop_map(Input::Leader),
        2 => Just(Input::StayRequested),
        1 => proptest::option::of(0u64..4_000_000).prop_map(Input::KeepAliveSucceeded),
        1 => Just(Input::KeepAliveFailed(Failure::Unreachable)),
        1 => Just(Input::KeepAliveFailed(Failure::Refused)),
        1 => (T0..T0 + 8_000_000).prop_map(Input::Unauthorized),
        1 => Just(Input::Refused),
        1 => Just(Input::StatusUnauthorized),
        1 => Just(Input::StatusUnknown),
        1 => Just(Input::KeepAliveUnauthorized),
        1 => Just(Input::SignOut),
        1 => Just(Input::PageSignedOut),
        1 => Just(Input::PageGone),
        1 => Just(Input::SignOutAnswered),
        1 => Just(Input::PageFrozen),
        1 => Just(Input::PageLeaving),
        1 => Just(Input::PageRoutes),
    ]
}

fn settings() -> impl Strategy<Value = ClockSettings> {
    (1_000u64..3_600_000, 0u64..1_000, 0u64..120_000, any::<bool>(), proptest::option::of(1_000u64..600_000)).prop_map(
        |(session, warn_frac, redirect, status, throttle)| {
            let warn = session * warn_frac / 1000;
            let mut settings = ClockSettings::new(session, warn, redirect).expect("warn < session");
            if status {
                settings = settings.with_status_checks();
            }
            if let Some(t) = throttle {
                settings = settings.with_keep_alive_on_activity(t);
            }
            settings
        },
    )
}

/// Steps are (milliseconds to advance, whether to land exactly on the
/// clock's own wake-up instead, input).
/// A step may first set the device's clock back (one in eight, by 2 s
/// to about an hour).
fn steps() -> impl Strategy<Value = Vec<(u64, bool, Input, u64)>> {
    let set_back = prop_oneof![7 => Just(0u64), 1 => 2_000u64..4_000_000];
    prop::collection::vec((0u64..400_000, any::<bool>(), input(), set_back), 1..120)
}

/// 2000 cases in `make test`; `make fuzz` sets PROPTEST_CASES much higher.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn the_clock_keeps_its_promises(settings in settings(), steps in steps()) {
        let mut clock = SessionClock::new(settings);
        let mut now = T0;
        let mut out = clock.handle(now, Input::Start { served_at: now, from_cache: false, page_hard_end: None });
        let mut last_check: Option<u64> = None;
        // Put away in the back/forward cache: the next input brings it back.
        let mut frozen = false;
        let mut last_key: u64 = 0;
        for (advance, to_wake, input, set_back) in steps {
            now = match (to_wake, out.wake_at) {
                (true, Some(w)) => w,
                _ => now + advance,
            };
            // The device's clock set back: every time kept moves with it.
            let back = set_back.min(now - T0);
            clock.set_back(back);
            now -= back;
            last_key = last_key.saturating_sub(back);
            last_check = last_check.map(|t| t.saturating_sub(back));
            let deadline_before = clock.deadline();
            out = clock.handle(now, input);
            if input == Input::Typing {
                last_key = now;
            }

            // The next wake-up is never in the past.
            if let Some(w) = out.wake_at {
                prop_assert!(w > now, "wake {} not after now {}", w, now);
            }
            // Effects are checked against the deadline in force when each
            // came out: a later effect of the same input may move it.
            let mut deadline = deadline_before;
            for effect in &out.effects {
                match *effect {
                    Effect::DeadlineMoved { deadline: d, .. } => deadline = d,
                    // Never expired before the deadline, unless the server said so.
                    Effect::ShowExpired { reason: Reason::Expired, .. }
                    | Effect::Redirect { reason: Reason::Expired } => {
                        prop_assert!(now >= deadline, "expired at {} before deadline {}", now, deadline);
                    }
                    // Never a warning while more than warnSeconds remain.
                    Effect::ShowWarning { seconds_left, .. } => {
                        prop_assert!(deadline - now <= settings.warn_ms());
                        prop_assert!(seconds_left * 1000 < settings.warn_ms() + 1000);
                        prop_assert!(seconds_left >= 1);
                    }
                    _ => {}
                }
            }
            // Put away in the cache, the page's state waits for it to be back.
            let put_away = input == Input::PageFrozen || (frozen && matches!(input, Input::Wake | Input::PageLeaving));
            // The state matches the clock.
            match clock.state() {
                _ if put_away => {}
                State::Warning => {
                    prop_assert!(now < clock.deadline());
                    prop_assert!(clock.deadline() - now <= settings.warn_ms());
                }
                State::Active => {
                    // Within the warning's time only while typing goes on,
                    // and never with less than half of it (or 20 s) left.
                    let warn = settings.warn_ms();
                    if clock.deadline() - now <= warn {
                        prop_assert!(now < last_key + 2_000, "active at {} with the last key at {}", now, last_key);
                        prop_assert!(clock.deadline() - now > (warn / 2).max(warn.min(20_000)));
                    }
                }
                _ => {}
            }
            // Remaining seconds never negative, never more than the truth rounded up.
            let left = clock.seconds_left(now);
            prop_assert!(left * 1000 < clock.deadline().saturating_sub(now) + 1000);
            // Status checks are never closer than 2 s: no request storm.
            if out.effects.contains(&Effect::CheckStatus) {
                if let Some(prev) = last_check {
                    prop_assert!(now - prev >= 2_000, "checks at {} and {}", prev, now);
                }
                last_check = Some(now);
            }
            // Moving the mouse never sends a keep-alive during the warning.
            if input == Input::UserActive && out.effects.contains(&Effect::SendKeepAlive) {
                prop_assert_eq!(clock.state(), State::Active);
            }
            // A failed keep-alive never moves the deadline (a page back
            // from the cache guesses anew first, whatever it hears).
            if matches!(input, Input::KeepAliveFailed(_)) && !frozen {
                prop_assert_eq!(clock.deadline(), deadline_before);
            }
            if frozen && !put_away {
                prop_assert_eq!(out.effects.first(), Some(&Effect::JoinTabs));
            }
            frozen = put_away;
        }
    }

    #[test]
    fn the_countdown_changes_exactly_once_per_second(session_s in 2u64..7200, warn_pct in 1u64..99, redirect_s in 0u64..60) {
        let warn_s = (session_s * warn_pct / 100).max(1).min(session_s - 1);
        let settings = ClockSettings::new(session_s * 1000, warn_s * 1000, redirect_s * 1000).unwrap();
        let mut clock = SessionClock::new(settings);
        let mut out = clock.handle(T0, Input::Start { served_at: T0, from_cache: false, page_hard_end: None });
        let mut shown = Vec::new();
        while let Some(w) = out.wake_at {
            out = clock.handle(w, Input::Wake);
            for e in &out.effects {
                if let Effect::ShowWarning { seconds_left, .. } | Effect::Tick { seconds_left } = e {
                    if clock.state() == State::Warning {
                        shown.push((w, *seconds_left));
                    }
                }
            }
        }
        prop_assert_eq!(shown.len() as u64, warn_s);
        for pair in shown.windows(2) {
            prop_assert_eq!(pair[1].0 - pair[0].0, 1000);
            prop_assert_eq!(pair[0].1 - pair[1].1, 1);
        }
        prop_assert_eq!(clock.state(), State::Redirecting);
    }
}
