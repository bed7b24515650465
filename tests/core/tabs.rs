//! Native tests of the merge rules between tabs: the newest knowledge
//! wins, stale messages lose, sign-out and "session gone" reach every tab,
//! and only the leader talks to the server on its own.

use session_timeout::core::{Change, ClockSettings, Effect, Input, Message, Reason, State};
use crate::support::sim::{Sim, T0};

use crate::at;

fn deadline(deadline: f64, learnt: f64) -> Input {
    Input::Peer(Message::Deadline { deadline: at(deadline), at: at(learnt), hard_end: None })
}

#[test]
fn start_says_hello_and_shares_its_deadline() {
    let sim = Sim::start(1800, 120, 10);
    assert_eq!(sim.sent_since(T0), vec![Message::Deadline { deadline: at(1800.0), at: T0, hard_end: None }, Message::Hello]);
}

#[test]
fn local_activity_is_shared_with_when_it_was_learnt() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(60.0);
    let _ = sim.feed(Input::Activity(None));
    assert_eq!(sim.sent_since(at(60.0)), vec![Message::Deadline { deadline: at(1860.0), at: at(60.0), hard_end: None }]);
}

#[test]
fn a_newer_later_deadline_is_adopted() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(100.0);
    assert_eq!(sim.feed(deadline(1900.0, 100.0)), vec![Effect::DeadlineMoved { deadline: at(1900.0), change: Change::Extended }]);
}

#[test]
fn a_newer_earlier_deadline_is_adopted_too() {
    // Another tab heard from the server that less time is left.
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(100.0);
    let fx = sim.feed(deadline(200.0, 99.0));
    assert_eq!(fx, vec![Effect::DeadlineMoved { deadline: at(200.0), change: Change::Shortened }, Effect::ShowWarning { seconds_left: 100, last: false }]);
}

#[test]
fn a_stale_message_is_ignored_whichever_way_it_points() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(500.0);
    let _ = sim.feed(Input::Activity(None)); // we know as of 500 s
    assert!(sim.feed(deadline(1900.0, 400.0)).is_empty(), "older news, later deadline");
    assert!(sim.feed(deadline(2500.0, 499.0)).is_empty(), "older news, even later deadline");
    assert!(sim.feed(deadline(600.0, 450.0)).is_empty(), "older news, earlier deadline");
    assert_eq!(sim.clock.deadline(), at(2300.0));
}

#[test]
fn adopting_news_does_not_echo_it_back() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(100.0);
    let _ = sim.feed(deadline(1900.0, 100.0));
    assert!(sim.sent_since(at(100.0)).is_empty(), "no message storm between tabs");
}

#[test]
fn sign_out_in_another_tab_signs_this_one_out() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(100.0);
    let fx = sim.feed(Input::Peer(Message::Ended { reason: Reason::SignedOut, at: at(99.0) }));
    assert_eq!(fx, vec![Effect::Redirect { reason: Reason::SignedOut }]);
    assert!(sim.sent_since(at(100.0)).is_empty());
}

#[test]
fn a_local_sign_out_and_a_401_are_broadcast() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(10.0);
    let _ = sim.feed(Input::Unauthorized(at(10.0)));
    assert_eq!(sim.sent_since(at(10.0)), vec![Message::Ended { reason: Reason::Unauthorized, at: at(10.0) }]);
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(10.0);
    let _ = sim.feed(Input::SignOut);
    // Once the server has answered: sooner, another tab could reach it
    // first and find the session alive (or, with a cookie store, bring it back).
    assert!(sim.sent_since(at(10.0)).is_empty(), "not while the sign-out is on its way");
    sim.now = at(10.3);
    let _ = sim.feed(Input::SignOutAnswered);
    assert_eq!(sim.sent_since(at(10.0)), vec![Message::Ended { reason: Reason::SignedOut, at: at(10.0) }]);
    assert!(sim.feed(Input::SignOutAnswered).is_empty(), "told once");
    // Another origin's sign-out is opened, not sent: told as the page goes.
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(10.0);
    let _ = sim.feed(Input::SignOut);
    let _ = sim.feed(Input::PageGone);
    assert_eq!(sim.sent_since(at(10.0)), vec![Message::Ended { reason: Reason::SignedOut, at: at(10.0) }]);
}

#[test]
fn the_pages_own_sign_out_reaches_the_tabs_once_its_answer_replaces_the_page() {
    let ended = Message::Ended { reason: Reason::SignedOut, at: at(10.0) };
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(10.0);
    let _ = sim.feed(Input::PageSignedOut);
    // Sooner, a tab sent to the sign-in page could get there before the
    // form and find the session alive.
    assert!(sim.sent_since(at(10.0)).is_empty(), "not while the form is on its way");
    sim.now = at(10.1);
    assert!(!sim.feed(Input::PageLeaving).contains(&Effect::LeaveTabs), "it stays among the tabs to tell them");
    sim.now = at(10.4);
    let _ = sim.feed(Input::PageGone);
    assert_eq!(sim.sent_since(at(10.0)), vec![ended]);
    assert!(sim.feed(Input::PageGone).is_empty(), "told once");
    // Put away in the back/forward cache instead: told as it goes.
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(10.0);
    let _ = sim.feed(Input::PageSignedOut);
    let fx = sim.feed(Input::PageFrozen);
    assert_eq!(sim.sent_since(at(10.0)), vec![ended]);
    assert!(fx.contains(&Effect::LeaveTabs));
    // Destroyed before it went: nothing to tell.
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(10.0);
    let _ = sim.feed(Input::PageSignedOut);
    let _ = sim.feed(Input::Stop);
    let _ = sim.feed(Input::PageGone);
    assert!(sim.sent_since(at(10.0)).is_empty());
}

#[test]
fn the_server_saying_gone_in_another_tab_expires_this_one() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(100.0);
    let fx = sim.feed(Input::Peer(Message::Ended { reason: Reason::Unauthorized, at: at(100.0) }));
    assert_eq!(fx, vec![Effect::ShowExpired { reason: Reason::Unauthorized, seconds_left: 10 }]);
}

#[test]
fn a_401_older_than_our_last_contact_is_ignored() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(100.0);
    let _ = sim.feed(Input::Activity(None));
    assert!(sim.feed(Input::Peer(Message::Ended { reason: Reason::Unauthorized, at: at(90.0) })).is_empty());
    assert_eq!(sim.clock.state(), State::Active);
}

#[test]
fn a_newer_deadline_from_another_tab_revives_an_expired_one() {
    // The user signed in again in another tab.
    let mut sim = Sim::start(60, 10, 30);
    sim.run_until(at(65.0));
    assert_eq!(sim.clock.state(), State::Expired);
    let fx = sim.feed(deadline(665.0, 65.0));
    assert_eq!(fx, vec![Effect::CloseDialog, Effect::DeadlineMoved { deadline: at(665.0), change: Change::Extended }]);
}

#[test]
fn hello_is_answered_with_what_we_know_and_when() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(30.0);
    let _ = sim.feed(Input::Activity(None));
    sim.now = at(40.0);
    let _ = sim.feed(Input::Peer(Message::Hello));
    assert_eq!(sim.sent_since(at(40.0)), vec![Message::Deadline { deadline: at(1830.0), at: at(30.0), hard_end: None }]);
}

#[test]
fn only_the_leader_asks_the_status_before_the_warning() {
    let mut follower = Sim::with_status(1800, 120);
    let _ = follower.feed(Input::Leader(false));
    follower.run_until(at(1700.0));
    assert!(!follower.log.iter().any(|(_, e)| *e == Effect::CheckStatus));
    let mut leader = Sim::with_status(1800, 120);
    leader.run_until(at(1700.0));
    assert!(leader.log.iter().any(|(_, e)| *e == Effect::CheckStatus));
}

#[test]
fn a_tab_that_becomes_leader_takes_over_the_checks() {
    let mut sim = Sim::with_status(1800, 120);
    let _ = sim.feed(Input::Leader(false));
    assert_eq!(sim.wake_at, Some(at(1680.0)), "a follower sleeps until the warning");
    sim.now = at(1000.0);
    let _ = sim.feed(Input::Leader(true));
    assert_eq!(sim.wake_at, Some(at(1675.0)), "the new leader will ask first");
}

#[test]
fn user_activity_in_a_follower_is_passed_to_the_leader_once_per_window() {
    let settings = ClockSettings::new(1_800_000, 120_000, 10_000).unwrap().with_keep_alive_on_activity(60_000);
    let mut follower = Sim::with(settings);
    let _ = follower.feed(Input::Leader(false));
    for s in [61.0, 62.0, 90.0, 121.0] {
        follower.now = at(s);
        assert!(follower.feed(Input::UserActive).is_empty(), "a follower never sends keep-alives itself");
    }
    let forwarded: Vec<_> = follower.sent.iter().filter(|(_, m)| matches!(m, Message::UserActive { .. })).map(|(t, _)| *t).collect();
    assert_eq!(forwarded, vec![at(61.0), at(121.0)]);

    assert!(follower.sent.iter().all(|(_, m)| !matches!(m, Message::UserActive { throttle_ms, .. } if *throttle_ms != 60_000)), "each carries the page's throttle");

    let mut leader = Sim::with(settings);
    leader.now = at(61.0);
    assert_eq!(leader.feed(Input::Peer(Message::UserActive { at: at(61.0), throttle_ms: 60_000 })), vec![Effect::SendKeepAlive]);
}

#[test]
fn a_leader_without_keep_alive_on_activity_honours_a_tab_that_has_it() {
    // The leader's page does not keep alive on activity; a follower's does.
    let mut leader = Sim::start(1800, 120, 10);
    leader.now = at(30.0);
    assert_eq!(leader.feed(Input::Peer(Message::UserActive { at: at(30.0), throttle_ms: 60_000 })), vec![], "within the throttle window: nothing");
    leader.now = at(61.0);
    assert_eq!(leader.feed(Input::Peer(Message::UserActive { at: at(61.0), throttle_ms: 60_000 })), vec![Effect::SendKeepAlive], "the follower's throttle applies");
    leader.now = at(62.0);
    assert!(leader.feed(Input::UserActive).is_empty(), "its own page's activity still does not keep alive");
}

/// Two tabs wired together: every broadcast of one is heard by the other.
fn exchange(a: &mut Sim, b: &mut Sim) {
    loop {
        let from_a: Vec<Message> = std::mem::take(&mut a.sent).into_iter().map(|(_, m)| m).collect();
        let from_b: Vec<Message> = std::mem::take(&mut b.sent).into_iter().map(|(_, m)| m).collect();
        if from_a.is_empty() && from_b.is_empty() {
            break;
        }
        for m in from_a {
            let _ = b.feed(Input::Peer(m));
        }
        for m in from_b {
            let _ = a.feed(Input::Peer(m));
        }
    }
}

#[test]
fn two_tabs_share_one_clock_through_warning_and_stay() {
    let mut a = Sim::start(60, 20, 10);
    let mut b = Sim::start(60, 20, 10);
    let _ = b.feed(Input::Leader(false));
    exchange(&mut a, &mut b);
    a.now = at(10.0);
    let _ = a.feed(Input::Activity(None));
    exchange(&mut a, &mut b);
    assert_eq!(b.clock.deadline(), at(70.0), "activity in one tab moves the other");
    a.run_until(at(55.0));
    b.run_until(at(55.0));
    assert_eq!((a.clock.state(), b.clock.state()), (State::Warning, State::Warning));
    // "Stay signed in" clicked in b: b sends the one keep-alive itself.
    assert_eq!(b.feed(Input::StayRequested), vec![Effect::SendKeepAlive]);
    let _ = b.feed(Input::KeepAliveSucceeded(None));
    exchange(&mut a, &mut b);
    assert_eq!((a.clock.state(), b.clock.state()), (State::Active, State::Active));
    assert!(a.log.iter().all(|(_, e)| *e != Effect::SendKeepAlive), "a sent nothing");
    assert_eq!(a.clock.deadline(), at(115.0));
}

#[test]
fn a_status_answer_is_news_as_of_its_question_so_a_request_answered_meanwhile_wins() {
    // The leader asks the status at 20 s. Another tab's request reaches the
    // server first (answered at 21 s), so the status answer already counts
    // it, but in whole seconds rounded down: 59 s left, reaching the leader
    // at 21.2 s, before the other tab's news does (what CI once saw).
    let mut leader = Sim::with_status(60, 10);
    let mut other = Sim::with_status(60, 10);
    leader.sleep_until(at(20.0));
    assert_eq!(leader.feed(Input::PageShown), vec![Effect::CheckStatus]);
    other.now = at(21.0);
    let _ = other.feed(Input::Activity(None));
    let request = other.sent_since(at(21.0));
    leader.now = at(21.2);
    let _ = leader.feed(Input::ServerRemaining(59_000));
    let status = leader.sent_since(at(21.2));
    assert_eq!(status, vec![Message::Deadline { deadline: at(80.2), at: at(20.0), hard_end: None }]);
    // Each hears the other: both end on the request's deadline, not one
    // on each (a second apart for good).
    other.now = at(21.3);
    for m in status {
        let _ = other.feed(Input::Peer(m));
    }
    for m in request {
        let _ = leader.feed(Input::Peer(m));
    }
    assert_eq!(leader.clock.deadline(), at(81.0));
    assert_eq!(other.clock.deadline(), at(81.0));
}

#[test]
fn a_page_is_news_as_of_when_it_was_served_so_a_request_answered_while_it_loaded_wins() {
    // Served at 10 s, started at 13 s (a slow page); meanwhile another
    // tab's request was answered at 12 s.
    let mut other = Sim::start(60, 10, 10);
    other.now = at(12.0);
    let _ = other.feed(Input::Activity(None));
    let request = other.sent_since(at(12.0));
    // The harness starts every clock at T0; this start stands for the page's.
    let mut page = Sim::start(60, 10, 10);
    page.now = at(13.0);
    let _ = page.feed(Input::Start { served_at: at(10.0), from_cache: false, page_hard_end: None });
    let loaded = page.sent_since(at(13.0));
    assert_eq!(loaded[0], Message::Deadline { deadline: at(70.0), at: at(10.0), hard_end: None });
    for m in loaded {
        let _ = other.feed(Input::Peer(m));
    }
    for m in request {
        let _ = page.feed(Input::Peer(m));
    }
    assert_eq!(other.clock.deadline(), at(72.0));
    assert_eq!(page.clock.deadline(), at(72.0));
}

#[test]
fn a_status_saying_gone_loses_to_news_of_a_live_session_heard_since_the_question() {
    // The leader asks at 20 s. At 21 s a page another tab loaded after a
    // new sign-in tells of a live session; the answer, worked out for the
    // old cookie, says gone at 21.2 s. The newer news wins.
    let mut leader = Sim::with_status(60, 10);
    leader.sleep_until(at(20.0));
    assert_eq!(leader.feed(Input::PageShown), vec![Effect::CheckStatus]);
    leader.now = at(21.0);
    let _ = leader.feed(deadline(81.0, 21.0));
    leader.now = at(21.2);
    assert!(leader.feed(Input::StatusUnauthorized).is_empty());
    assert_eq!(leader.clock.state(), State::Active);
    assert!(leader.sent_since(at(21.2)).is_empty(), "no tab is told the session ended");
    // The check before the warning asks again; gone then, with no news
    // since the question, it is gone.
    leader.run_until(at(70.0));
    let asked = leader.log.iter().rev().find(|(_, e)| *e == Effect::CheckStatus).map(|(t, _)| *t);
    assert!(asked.is_some_and(|t| t > at(21.2) && t < at(71.0)), "asked again before the warning: {asked:?}");
    let fx = leader.feed(Input::StatusUnauthorized);
    assert_eq!(fx, vec![Effect::ShowExpired { reason: Reason::Unauthorized, seconds_left: 10 }]);
}

#[test]
fn a_status_saying_gone_is_news_as_of_its_question() {
    // Asked at 20 s, answered gone at 21.2 s; meanwhile (21 s) a tab that
    // had just signed in loaded a page. Its news is newer than the
    // question: it keeps its session, and its answer to us revives ours.
    let mut leader = Sim::with_status(60, 10);
    let mut fresh = Sim::with_status(60, 10);
    leader.sleep_until(at(20.0));
    assert_eq!(leader.feed(Input::PageShown), vec![Effect::CheckStatus]);
    fresh.now = at(21.0);
    let _ = fresh.feed(Input::Activity(None));
    let news = fresh.sent_since(at(21.0));
    leader.now = at(21.2);
    let _ = leader.feed(Input::StatusUnauthorized);
    let ended = leader.sent_since(at(21.2));
    assert_eq!(ended, vec![Message::Ended { reason: Reason::Unauthorized, at: at(20.0) }]);
    fresh.now = at(21.3);
    for m in ended {
        assert!(fresh.feed(Input::Peer(m)).is_empty());
    }
    assert_eq!(fresh.clock.state(), State::Active);
    for m in news {
        let _ = leader.feed(Input::Peer(m));
    }
    assert_eq!(leader.clock.state(), State::Active);
    assert_eq!(leader.clock.deadline(), at(81.0));
}

#[test]
fn a_keep_alive_answered_gone_then_revived_by_another_tab_can_keep_alive_again() {
    // "Stay" at 55 s, answered 401: expired. The person signs in again in
    // another tab, whose news revives this one; at its next warning "Stay"
    // must send a keep-alive again.
    let mut sim = Sim::start(60, 10, 30);
    sim.sleep_until(at(55.0));
    assert_eq!(sim.feed(Input::StayRequested), vec![Effect::SendKeepAlive]);
    sim.now = at(55.5);
    let _ = sim.feed(Input::KeepAliveUnauthorized);
    assert_eq!(sim.clock.state(), State::Expired);
    sim.now = at(60.0);
    let _ = sim.feed(deadline(120.0, 60.0));
    assert_eq!(sim.clock.state(), State::Active);
    sim.sleep_until(at(111.0));
    assert_eq!(sim.clock.state(), State::Warning);
    assert_eq!(sim.feed(Input::StayRequested), vec![Effect::SendKeepAlive]);
}

#[test]
fn a_page_request_answered_gone_is_news_as_of_its_sending() {
    // A long poll sent at 50 s with the old cookie; at 52 s a page another
    // tab loaded after a new sign-in tells of a live session; the poll's
    // 401 comes at 80 s and must not end the new session in any tab.
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(52.0);
    let _ = sim.feed(deadline(1852.0, 52.0));
    sim.now = at(80.0);
    assert!(sim.feed(Input::Unauthorized(at(50.0))).is_empty());
    assert_eq!(sim.clock.state(), State::Active);
    assert!(sim.sent_since(at(80.0)).is_empty(), "the other tabs hear nothing of it");
    // Sent after that news, a 401 ends the session, as of its sending.
    sim.now = at(90.0);
    let fx = sim.feed(Input::Unauthorized(at(85.0)));
    assert_eq!(fx, vec![Effect::ShowExpired { reason: Reason::Unauthorized, seconds_left: 10 }]);
    assert_eq!(sim.sent_since(at(90.0)), vec![Message::Ended { reason: Reason::Unauthorized, at: at(85.0) }]);
}

#[test]
fn a_time_of_sending_from_the_future_counts_as_now() {
    let mut sim = Sim::start(1800, 120, 10);
    sim.now = at(30.0);
    let _ = sim.feed(Input::Unauthorized(at(99.0)));
    assert_eq!(sim.sent_since(at(30.0)), vec![Message::Ended { reason: Reason::Unauthorized, at: at(30.0) }]);
}

#[test]
fn a_keep_alive_answered_gone_is_news_as_of_its_sending() {
    // Sent at 55 s with the old cookie; at 55.2 s a page another tab loaded
    // after a new sign-in tells of a live session; the 401 comes at 55.5 s.
    let mut sim = Sim::start(60, 10, 30);
    sim.sleep_until(at(55.0));
    assert_eq!(sim.feed(Input::StayRequested), vec![Effect::SendKeepAlive]);
    sim.now = at(55.2);
    let _ = sim.feed(deadline(115.2, 55.2));
    sim.now = at(55.5);
    assert!(sim.feed(Input::KeepAliveUnauthorized).is_empty());
    assert_eq!(sim.clock.state(), State::Active);
    assert!(!sim.clock.keep_alive_in_flight());
    // With no news since its sending, a 401 ends the session, as of then.
    sim.sleep_until(at(106.0));
    assert_eq!(sim.feed(Input::StayRequested), vec![Effect::SendKeepAlive]);
    sim.now = at(106.5);
    let _ = sim.feed(Input::KeepAliveUnauthorized);
    assert_eq!(sim.clock.state(), State::Expired);
    assert_eq!(sim.sent_since(at(106.5)), vec![Message::Ended { reason: Reason::Unauthorized, at: at(106.0) }]);
}
