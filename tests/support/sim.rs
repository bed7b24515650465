//! A virtual-time harness for the core: jumps straight to each wake-up
//! the clock asks for, the way a perfect timer would, and records effects.

use session_timeout::core::{ClockSettings, Effect, EpochMs, Input, Message, Output, SessionClock};

pub const T0: EpochMs = 1_700_000_000_000;

pub struct Sim {
    pub clock: SessionClock,
    pub now: EpochMs,
    pub wake_at: Option<EpochMs>,
    /// Every effect but broadcasts, with the time it came out.
    pub log: Vec<(EpochMs, Effect)>,
    /// Every message to other tabs, with the time it was sent.
    pub sent: Vec<(EpochMs, Message)>,
}

impl Sim {
    /// Started at `T0` with durations in seconds.
    pub fn start(session_s: u64, warn_s: u64, redirect_s: u64) -> Sim {
        let settings = ClockSettings::new(session_s * 1000, warn_s * 1000, redirect_s * 1000)
            .expect("test settings are valid");
        Sim::with(settings)
    }

    /// Started at `T0`, checking the status (redirect after 10 s).
    pub fn with_status(session_s: u64, warn_s: u64) -> Sim {
        let settings = ClockSettings::new(session_s * 1000, warn_s * 1000, 10_000)
            .expect("test settings are valid")
            .with_status_checks();
        Sim::with(settings)
    }

    /// Started at `T0` with any settings.
    pub fn with(settings: ClockSettings) -> Sim {
        let mut sim = Sim { clock: SessionClock::new(settings), now: T0, wake_at: None, log: Vec::new(), sent: Vec::new() };
        let _ = sim.feed(Input::Start { served_at: T0, from_cache: false, page_hard_end: None });
        sim
    }

    /// Feeds `input` now; returns its effects but broadcasts (see `sent`).
    pub fn feed(&mut self, input: Input) -> Vec<Effect> {
        let out: Output = self.clock.handle(self.now, input);
        if let Some(at) = out.wake_at {
            assert!(at > self.now, "wake-up {at} is not after now {}", self.now);
        }
        self.wake_at = out.wake_at;
        let mut effects = Vec::new();
        for e in out.effects {
            match e {
                Effect::Broadcast(m) => self.sent.push((self.now, m)),
                e => {
                    self.log.push((self.now, e));
                    effects.push(e);
                }
            }
        }
        effects
    }

    /// The messages sent by the last inputs since `from`.
    pub fn sent_since(&self, from: EpochMs) -> Vec<Message> {
        self.sent.iter().filter(|(t, _)| *t >= from).map(|(_, m)| *m).collect()
    }

    /// Jumps to `at` without waking in between (a sleeping laptop).
    pub fn sleep_until(&mut self, at: EpochMs) -> Vec<Effect> {
        self.now = at;
        self.feed(Input::Wake)
    }

    /// Runs every wake-up up to and including `at`, then sets now to `at`.
    pub fn run_until(&mut self, at: EpochMs) {
        while let Some(w) = self.wake_at {
            if w > at {
                break;
            }
            self.now = w;
            let _ = self.feed(Input::Wake);
        }
        self.now = at;
    }

    /// Seconds since `T0` as an instant.
    pub fn at(s: f64) -> EpochMs {
        T0 + (s * 1000.0).round() as u64
    }

    pub fn effects_between(&self, from: EpochMs, to: EpochMs) -> Vec<Effect> {
        self.log.iter().filter(|(t, _)| *t >= from && *t <= to).map(|(_, e)| *e).collect()
    }

    pub fn ticks(&self) -> Vec<(EpochMs, u64)> {
        self.log
            .iter()
            .filter_map(|(t, e)| match e {
                Effect::Tick { seconds_left } | Effect::ShowWarning { seconds_left, .. } => Some((*t, *seconds_left)),
                _ => None,
            })
            .collect()
    }
}
