//! The warning: on time, and its countdown once per whole second, however
//! late the timer.

use crate::at;
use crate::support::sim::{Sim, T0};
use session_timeout::core::{whole_seconds_left, ClockSettings, Effect, Input, SessionClock, State};

// ---- the warning and its countdown ----

#[test]
fn warning_starts_exactly_at_deadline_minus_warn() {
    let mut sim = Sim::start(1800, 120, 10);
    assert!(sim.sleep_until(at(1679.999)).is_empty());
    assert_eq!(sim.sleep_until(at(1680.0)), vec![Effect::ShowWarning { seconds_left: 120, last: false }]);
    assert_eq!(sim.clock.state(), State::Warning);
}

#[test]
fn countdown_changes_exactly_once_per_second_for_long_warnings() {
    // The original jQuery demo broke for warnings over 10 s.
    for warn in [5, 11, 59, 61, 120, 600] {
        let mut sim = Sim::start(1800, warn, 10);
        sim.run_until(at(1800.0) - 1);
        let ticks = sim.ticks();
        assert_eq!(ticks.len() as u64, warn, "warn {warn}: one value per second");
        for (i, (t, left)) in ticks.iter().enumerate() {
            assert_eq!(*left, warn - i as u64, "warn {warn}: counts down by one");
            assert_eq!(*t, at((1800 - warn + i as u64) as f64), "warn {warn}: on the second");
        }
    }
}

#[test]
fn countdown_rounds_up_to_whole_seconds() {
    let mut sim = Sim::start(60, 30, 10);
    sim.sleep_until(at(30.5));
    assert_eq!(sim.clock.seconds_left(sim.now), 30);
    assert_eq!(sim.clock.seconds_left(at(59.001)), 1);
    assert_eq!(whole_seconds_left(at(60.0), at(60.0)), 0);
}

#[test]
fn warning_wakes_on_each_second_boundary_only() {
    let mut sim = Sim::start(60, 10, 5);
    sim.sleep_until(at(50.3));
    assert_eq!(sim.wake_at, Some(at(51.0)));
    sim.sleep_until(at(51.0));
    assert_eq!(sim.wake_at, Some(at(52.0)));
}

#[test]
fn fractional_settings_still_tick_on_whole_seconds_of_remaining_time() {
    let settings = ClockSettings::new(2_500, 1_500, 0).unwrap();
    let mut clock = SessionClock::new(settings);
    let _ = clock.handle(T0, Input::Start { served_at: T0, from_cache: false, page_hard_end: None });
    let out = clock.handle(T0 + 1_000, Input::Wake);
    assert_eq!(out.effects, vec![Effect::ShowWarning { seconds_left: 2, last: false }]);
    assert_eq!(out.wake_at, Some(T0 + 1_500));
    let out = clock.handle(T0 + 1_500, Input::Wake);
    assert_eq!(out.effects, vec![Effect::Tick { seconds_left: 1 }]);
}

#[test]
fn a_late_timer_skips_to_the_current_second() {
    let mut sim = Sim::start(60, 30, 5);
    sim.sleep_until(at(30.0));
    assert_eq!(sim.sleep_until(at(42.4)), vec![Effect::Tick { seconds_left: 18 }]);
}
