//! A device clock set back mid-session (by hand, or a network time step):
//! what was due at a moment stays due then, and the tabs still agree.

use crate::at;
use crate::support::sim::Sim;
use session_timeout::core::{Effect, Input, Message, Reason, State};

const MINUTE: u64 = 60_000;

/// Sets the simulation's clock back `by` ms, as the driver reports it
/// before the next input (a wake-up here).
fn set_back(sim: &mut Sim, by: u64) -> Vec<Effect> {
    sim.clock.set_back(by);
    sim.now -= by;
    sim.feed(Input::Wake)
}

#[test]
fn the_warning_comes_when_it_was_due_not_as_much_later() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.run_until(at(1000.0));
    assert_eq!(set_back(&mut sim, 10 * MINUTE), vec![]);
    // Real second 1680 reads as 1080 on the clock now.
    sim.run_until(at(1079.999));
    assert_eq!(sim.clock.state(), State::Active);
    sim.run_until(at(1080.0));
    assert_eq!(sim.clock.state(), State::Warning);
    assert_eq!(sim.clock.seconds_left(sim.now), 120);
    sim.run_until(at(1200.0));
    assert_eq!(sim.clock.state(), State::Expired);
}

#[test]
fn a_warning_on_screen_stays_and_counts_on() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.run_until(at(1750.0));
    assert_eq!(sim.clock.state(), State::Warning);
    let fx = set_back(&mut sim, 5 * MINUTE);
    assert!(!fx.contains(&Effect::CloseDialog), "the warning closed as if extended: {fx:?}");
    assert_eq!(sim.clock.state(), State::Warning);
    assert_eq!(sim.clock.seconds_left(sim.now), 50);
    sim.run_until(at(1500.0));
    assert_eq!(sim.clock.state(), State::Expired);
}

#[test]
fn the_redirect_comes_when_it_was_due() {
    let mut sim = Sim::start(60, 10, 30);
    sim.run_until(at(70.0));
    assert_eq!(sim.clock.state(), State::Expired);
    let _ = set_back(&mut sim, 3_600_000);
    assert_eq!(sim.clock.redirect_seconds_left(sim.now), Some(20));
    sim.run_until(at(70.0 - 3600.0 + 20.0));
    assert_eq!(sim.log.last().map(|(_, e)| *e), Some(Effect::Redirect { reason: Reason::Expired }));
}

#[test]
fn the_hard_end_moves_with_the_clock() {
    let mut sim = Sim::start(1800, 120, 10);
    let _ = sim.feed(Input::HardEnd(at(900.0)));
    sim.run_until(at(100.0));
    let _ = set_back(&mut sim, MINUTE);
    assert_eq!(sim.clock.hard_end(), Some(at(840.0)));
    // Activity cannot move the deadline past it.
    let _ = sim.feed(Input::Activity(None));
    assert_eq!(sim.clock.deadline(), at(840.0));
}

#[test]
fn news_from_a_tab_after_the_same_set_back_is_still_news() {
    // Every tab sees the same device clock: the other tab's message is
    // stamped by the clock as it now reads, minutes "before" what this
    // tab learnt last by the clock as it read then.
    let mut sim = Sim::start(1800, 120, 10);
    sim.run_until(at(600.0));
    let _ = sim.feed(Input::Activity(None));
    let _ = set_back(&mut sim, 10 * MINUTE);
    sim.run_until(at(5.0));
    let _ = sim.feed(Input::Peer(Message::Deadline { deadline: at(1805.0), at: at(5.0), hard_end: None }));
    assert_eq!(sim.clock.deadline(), at(1805.0), "a tab's request after the set-back was taken as old news");
}
