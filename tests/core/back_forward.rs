//! Native tests of a page put away in the back/forward cache: it leaves
//! the other tabs (an open channel or a held lock would keep Back from
//! restoring it), and when it is back its stale deadline expires nothing:
//! the visit is told to the server, whose answer sets the clock.

use session_timeout::core::{Change, Effect, Input, Message, Reason, State};
use crate::support::sim::Sim;

use crate::at;

#[test]
fn a_page_put_away_leaves_the_tabs_and_takes_nothing_more() {
    let mut sim = Sim::start(60, 20, 10);
    sim.now = at(10.0);
    assert_eq!(sim.feed(Input::PageFrozen), vec![Effect::LeaveTabs]);
    assert!(sim.sent_since(at(10.0)).is_empty());
    assert!(!sim.clock.is_leader(), "it gave up the election");
    assert_eq!(sim.clock.state(), State::Active);
}

#[test]
fn back_after_the_old_deadline_tells_the_server_of_the_visit_instead_of_expiring() {
    // The person went on to other pages of the site (which kept the
    // session alive) and came Back five minutes later.
    let mut sim = Sim::start(60, 20, 10);
    sim.now = at(10.0);
    let _ = sim.feed(Input::PageFrozen);
    sim.now = at(300.0);
    let fx = sim.feed(Input::PageShown);
    assert_eq!(fx, vec![Effect::JoinTabs, Effect::DeadlineMoved { deadline: at(360.0), change: Change::Start }, Effect::SendKeepAlive]);
    assert_eq!(sim.sent_since(at(300.0)), vec![Message::Hello], "the guess is no news; the other tabs' answers win");
    assert_eq!(sim.clock.state(), State::Active);
    sim.now = at(300.2);
    assert_eq!(sim.feed(Input::KeepAliveSucceeded(None)), vec![Effect::DeadlineMoved { deadline: at(360.2), change: Change::Extended }]);
}

#[test]
fn back_with_status_checks_asks_the_server_once_not_twice() {
    // The visit's keep-alive answers what a status check would ask.
    let mut sim = Sim::with_status(60, 20);
    sim.now = at(10.0);
    let _ = sim.feed(Input::PageFrozen);
    sim.now = at(300.0);
    let fx = sim.feed(Input::PageShown);
    assert_eq!(fx.iter().filter(|e| matches!(e, Effect::SendKeepAlive | Effect::CheckStatus)).collect::<Vec<_>>(), vec![&Effect::SendKeepAlive]);
    // Once it is answered, coming back later asks the status as before.
    sim.now = at(300.2);
    let _ = sim.feed(Input::KeepAliveSucceeded(None));
    sim.now = at(330.0);
    assert_eq!(sim.feed(Input::PageShown), vec![Effect::CheckStatus]);
}

#[test]
fn time_alone_means_nothing_while_put_away() {
    // The page hides (visibilitychange) after pagehide: no rejoining then,
    // and no expiring on a stale deadline later.
    let mut sim = Sim::start(60, 20, 10);
    let _ = sim.feed(Input::PageFrozen);
    assert!(sim.feed(Input::Wake).is_empty());
    assert_eq!(sim.wake_at, None);
    sim.now = at(500.0);
    assert!(sim.feed(Input::Wake).is_empty());
    assert_eq!(sim.clock.state(), State::Active);
}

#[test]
fn whatever_else_is_heard_first_counts_as_the_page_back() {
    // A request's answer may come before `pageshow`.
    let mut sim = Sim::start(60, 20, 10);
    let _ = sim.feed(Input::PageFrozen);
    sim.now = at(500.0);
    let fx = sim.feed(Input::Activity(None));
    assert_eq!(fx.first(), Some(&Effect::JoinTabs));
    assert!(!fx.iter().any(|e| matches!(e, Effect::ShowExpired { .. } | Effect::ShowWarning { .. })));
    // Only once: the next input is an ordinary one.
    sim.now = at(501.0);
    assert!(sim.feed(Input::PageShown).is_empty());
}

#[test]
fn a_warning_open_when_put_away_closes_on_the_visit() {
    let mut sim = Sim::start(60, 20, 10);
    sim.run_until(at(45.0));
    assert_eq!(sim.clock.state(), State::Warning);
    let _ = sim.feed(Input::PageFrozen);
    sim.now = at(50.0);
    let fx = sim.feed(Input::PageShown);
    assert_eq!(fx, vec![Effect::JoinTabs, Effect::DeadlineMoved { deadline: at(110.0), change: Change::Start }, Effect::SendKeepAlive, Effect::CloseDialog]);
}

#[test]
fn a_session_gone_meanwhile_ends_when_the_keep_alive_says_so() {
    let mut sim = Sim::start(60, 20, 10);
    let _ = sim.feed(Input::PageFrozen);
    sim.now = at(4000.0);
    let _ = sim.feed(Input::PageShown);
    sim.now = at(4000.1);
    let fx = sim.feed(Input::KeepAliveUnauthorized);
    assert_eq!(fx, vec![Effect::ShowExpired { reason: Reason::Unauthorized, seconds_left: 10 }]);
}

#[test]
fn a_keep_alive_already_on_its_way_is_not_sent_twice() {
    let mut sim = Sim::start(60, 20, 10);
    sim.now = at(45.0);
    assert!(sim.feed(Input::StayRequested).contains(&Effect::SendKeepAlive));
    let _ = sim.feed(Input::PageFrozen);
    sim.now = at(46.0);
    assert!(!sim.feed(Input::PageShown).contains(&Effect::SendKeepAlive));
}

#[test]
fn near_the_hard_end_the_visit_extends_nothing() {
    let mut sim = Sim::start(60, 20, 10);
    let _ = sim.feed(Input::HardEnd(at(100.0)));
    let _ = sim.feed(Input::PageFrozen);
    sim.now = at(90.0);
    let fx = sim.feed(Input::PageShown);
    assert!(!fx.contains(&Effect::SendKeepAlive), "{fx:?}");
    assert_eq!(sim.clock.deadline(), at(100.0));
    assert!(fx.contains(&Effect::ShowWarning { seconds_left: 10, last: true }), "{fx:?}");
}

#[test]
fn an_expired_page_put_away_goes_on_to_the_sign_in_page() {
    let mut sim = Sim::start(60, 20, 10);
    sim.run_until(at(62.0));
    assert_eq!(sim.clock.state(), State::Expired);
    let _ = sim.feed(Input::PageFrozen);
    sim.now = at(200.0);
    let fx = sim.feed(Input::PageShown);
    assert_eq!(fx, vec![Effect::JoinTabs, Effect::Redirect { reason: Reason::Expired }]);
}

#[test]
fn a_page_destroyed_while_put_away_does_not_come_back() {
    let mut sim = Sim::start(60, 20, 10);
    let _ = sim.feed(Input::PageFrozen);
    sim.now = at(30.0);
    assert!(!sim.feed(Input::Stop).contains(&Effect::JoinTabs));
    assert!(!sim.feed(Input::PageShown).contains(&Effect::JoinTabs));
}

#[test]
fn a_page_about_to_be_left_leaves_the_tabs_at_once() {
    // Firefox decides whether to keep the page before `pagehide`.
    let mut sim = Sim::start(60, 20, 10);
    sim.now = at(5.0);
    assert_eq!(sim.feed(Input::PageLeaving), vec![Effect::LeaveTabs]);
    assert!(!sim.clock.is_leader());
    // Put away next: nothing more to leave; back later as above.
    sim.now = at(5.2);
    assert!(sim.feed(Input::PageFrozen).is_empty());
    sim.now = at(300.0);
    assert_eq!(sim.feed(Input::PageShown).first(), Some(&Effect::JoinTabs));
}

#[test]
fn a_page_not_left_after_all_joins_the_tabs_again() {
    // A navigation cancelled (the page asked "Leave site?"), or a download.
    let mut sim = Sim::start(60, 20, 10);
    sim.now = at(5.0);
    let _ = sim.feed(Input::PageLeaving);
    assert_eq!(sim.wake_at, Some(at(15.0)), "it wakes to join again");
    sim.run_until(at(15.0));
    assert_eq!(sim.log.last(), Some(&(at(15.0), Effect::JoinTabs)));
    assert_eq!(sim.sent_since(at(15.0)), vec![Message::Hello], "and asks the other tabs what it missed");
    assert_eq!(sim.wake_at, Some(at(40.0)), "then the clock runs on as before");
    // It ran meanwhile: the warning came on time.
    sim.run_until(at(40.0));
    assert_eq!(sim.clock.state(), State::Warning);
}

#[test]
fn a_page_not_left_after_all_asks_the_server_what_it_missed() {
    // Another tab signed out while this one was off the channel: that tab
    // has gone, so no tab answers Hello with the news; the server can.
    let mut sim = Sim::with_status(60, 20);
    sim.now = at(5.0);
    let _ = sim.feed(Input::PageLeaving);
    sim.run_until(at(15.0));
    assert_eq!(sim.log.iter().filter(|(t, _)| *t == at(15.0)).map(|(_, e)| *e).collect::<Vec<_>>(), vec![Effect::JoinTabs, Effect::CheckStatus]);
    assert_eq!(sim.sent_since(at(15.0)), vec![Message::Hello]);
    let _ = sim.feed(Input::StatusUnauthorized);
    assert_eq!(sim.clock.state(), State::Expired, "the sign-out is heard at once, not at the deadline");
}

#[test]
fn the_clock_runs_on_while_the_page_is_being_left() {
    let mut sim = Sim::start(60, 20, 10);
    sim.now = at(38.0);
    let _ = sim.feed(Input::PageLeaving);
    assert_eq!(sim.wake_at, Some(at(40.0)));
    sim.run_until(at(40.0));
    assert_eq!(sim.clock.state(), State::Warning);
}
