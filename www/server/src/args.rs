//! Command-line flags. Short sessions make the whole flow watchable in
//! under a minute.

/// How the demo server runs.
#[derive(Clone, Debug)]
pub struct Args {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// The server's inactivity timeout.
    pub session_seconds: u64,
    /// When the page's warning shows, before expiry.
    pub warn_seconds: u64,
    /// How long the expired dialog stays before the forced redirect.
    pub redirect_seconds: u64,
    /// How long the page waits for a keep-alive answer.
    pub keep_alive_timeout_seconds: u64,
    /// A session's maximum lifetime from sign-in, which no activity
    /// extends (0: none).
    pub absolute_seconds: u64,
    /// The hard end written into the page as an epoch is this many
    /// seconds later than the session's: as a device whose clock runs
    /// that far behind the server's reads it (a test of the library).
    pub clock_ahead_seconds: u64,
    /// Where the built npm package is (served at /assets/session-timeout/).
    pub pkg_dir: String,
    /// Where the demo's own static files are.
    pub static_dir: String,
    /// npm packages served under /__test/vendor with --test-hooks.
    pub vendor_dir: String,
    /// A built consumer app served under /vite with --test-hooks.
    pub vite_dir: String,
    /// Fault injection and counters under /__test/, for the e2e tests.
    pub test_hooks: bool,
}

const USAGE: &str = "usage: session-timeout-demo [--port N] [--session-seconds N] [--warn-seconds N] \
[--redirect-seconds N] [--keep-alive-timeout-seconds N] [--absolute-seconds N] [--clock-ahead-seconds N] [--pkg DIR] [--static DIR] [--vendor DIR] [--vite DIR] [--test-hooks]";

impl Args {
    /// Parses `std::env::args()`-style flags; the error says which flag and why.
    pub fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut out = Args {
            port: 8765,
            session_seconds: 45,
            warn_seconds: 25,
            redirect_seconds: 8,
            keep_alive_timeout_seconds: 10,
            absolute_seconds: 0,
            clock_ahead_seconds: 0,
            pkg_dir: "pkg".into(),
            static_dir: "www/static".into(),
            vendor_dir: "node_modules".into(),
            vite_dir: "tests/vite-app/dist".into(),
            test_hooks: false,
        };
        while let Some(flag) = args.next() {
            let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
            match flag.as_str() {
                "--port" => out.port = number(&flag, &value(&flag)?)?,
                "--session-seconds" => out.session_seconds = number(&flag, &value(&flag)?)?,
                "--warn-seconds" => out.warn_seconds = number(&flag, &value(&flag)?)?,
                "--redirect-seconds" => out.redirect_seconds = number(&flag, &value(&flag)?)?,
                "--keep-alive-timeout-seconds" => out.keep_alive_timeout_seconds = number(&flag, &value(&flag)?)?,
                "--absolute-seconds" => out.absolute_seconds = number(&flag, &value(&flag)?)?,
                "--clock-ahead-seconds" => out.clock_ahead_seconds = number(&flag, &value(&flag)?)?,
                "--pkg" => out.pkg_dir = value(&flag)?,
                "--static" => out.static_dir = value(&flag)?,
                "--vendor" => out.vendor_dir = value(&flag)?,
                "--vite" => out.vite_dir = value(&flag)?,
                "--test-hooks" => out.test_hooks = true,
                "-h" | "--help" => return Err(USAGE.into()),
                other => return Err(format!("unknown flag {other}\n{USAGE}")),
            }
        }
        if out.session_seconds == 0 || out.warn_seconds >= out.session_seconds {
            return Err(format!(
                "--warn-seconds ({}) must be less than --session-seconds ({}), which must be more than 0",
                out.warn_seconds, out.session_seconds
            ));
        }
        Ok(out)
    }
}

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.parse().map_err(|_| format!("{flag} takes a whole number, got {text:?}"))
}
