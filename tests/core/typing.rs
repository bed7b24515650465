//! A warning due while the person types waits for a pause in their keys:
//! opened mid-word, its focused button would take the next ones (a space
//! presses it), and what they typed would be lost.

use crate::at;
use crate::support::sim::Sim;
use session_timeout::core::{ClockSettings, Effect, Input, State};

/// Keys every 300 ms from `from` until `to` (seconds), the timer waking
/// in between; returns what happened meanwhile.
fn type_between(sim: &mut Sim, from: f64, to: f64) -> Vec<Effect> {
    let start = sim.log.len();
    let mut t = from;
    while t <= to {
        sim.run_until(at(t));
        sim.feed(Input::Typing);
        t += 0.3;
    }
    sim.log[start..].iter().map(|(_, e)| *e).collect()
}

#[test]
fn the_warning_waits_for_a_pause_in_typing() {
    let mut sim = Sim::start(1800, 120, 10);
    // Typing through the moment the warning is due (1680 s)…
    let typed = type_between(&mut sim, 1675.0, 1690.0);
    assert!(!typed.iter().any(|e| matches!(e, Effect::ShowWarning { .. })), "{typed:?}");
    assert_eq!(sim.clock.state(), State::Active);
    assert_eq!(sim.clock.state_at(sim.now), State::Active, "the getter agrees");
    // …then the last key: the warning opens 2 s after it, counting the
    // session's own time left, and the timer wakes for exactly that.
    let last_key = sim.now;
    assert_eq!(sim.wake_at, Some(last_key + 2_000));
    assert!(sim.sleep_until(last_key + 1_999).is_empty());
    assert_eq!(sim.sleep_until(last_key + 2_000), vec![Effect::ShowWarning { seconds_left: 108, last: false }]);
    assert_eq!(sim.clock.state(), State::Warning);
}

#[test]
fn typing_never_holds_the_warning_past_half_of_it() {
    // 120 s of warning: it opens with 60 s left at the latest.
    let mut sim = Sim::start(1800, 120, 10);
    let typed = type_between(&mut sim, 1679.0, 1750.0);
    let opened: Vec<_> = sim.log.iter().filter(|(_, e)| matches!(e, Effect::ShowWarning { .. })).collect();
    assert_eq!(opened, vec![&(at(1740.0), Effect::ShowWarning { seconds_left: 60, last: false })], "{typed:?}");
}

#[test]
fn typing_never_holds_a_warning_of_20_seconds_or_less() {
    // WCAG 2.2.1 gives the person at least 20 s to act: none to spare.
    for warn in [5, 20] {
        let mut sim = Sim::start(60, warn, 5);
        let due = at((60 - warn) as f64);
        type_between(&mut sim, (60 - warn) as f64 - 3.0, (60 - warn) as f64 + 1.0);
        assert_eq!(sim.log.iter().find(|(_, e)| matches!(e, Effect::ShowWarning { .. })).map(|(t, _)| *t), Some(due), "warn {warn}");
    }
    // Over 20 s, it may wait until 20 s are left.
    let mut sim = Sim::start(60, 30, 5);
    type_between(&mut sim, 29.0, 45.0);
    assert_eq!(sim.log.iter().find(|(_, e)| matches!(e, Effect::ShowWarning { .. })).map(|(t, _)| *t), Some(at(40.0)));
}

#[test]
fn keys_long_before_the_warning_change_nothing() {
    let mut sim = Sim::start(1800, 120, 10);
    type_between(&mut sim, 100.0, 110.0);
    assert_eq!(sim.wake_at, Some(at(1680.0)), "no extra wake-up");
    assert_eq!(sim.sleep_until(at(1680.0)), vec![Effect::ShowWarning { seconds_left: 120, last: false }]);
    // Nor do keys just before it, once they pause in time.
    let mut sim = Sim::start(1800, 120, 10);
    type_between(&mut sim, 1670.0, 1677.9);
    assert_eq!(sim.sleep_until(at(1680.0)), vec![Effect::ShowWarning { seconds_left: 120, last: false }]);
}

#[test]
fn keys_in_the_open_warning_do_not_close_it() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.sleep_until(at(1680.0));
    let typed = type_between(&mut sim, 1681.0, 1685.0);
    assert!(typed.iter().all(|e| matches!(e, Effect::Tick { .. })), "{typed:?}");
    assert_eq!(sim.clock.state(), State::Warning);
}

#[test]
fn with_keep_alive_on_activity_typing_through_the_due_warning_extends_instead() {
    let settings = ClockSettings::new(1_800_000, 120_000, 10_000).unwrap().with_keep_alive_on_activity(60_000);
    let mut sim = Sim::with(settings);
    let typed = type_between(&mut sim, 1679.0, 1682.0);
    assert!(typed.contains(&Effect::SendKeepAlive), "{typed:?}");
    assert!(!typed.iter().any(|e| matches!(e, Effect::ShowWarning { .. })), "{typed:?}");
}
