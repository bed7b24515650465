//! The JavaScript contract in TypeScript: the package's `.d.ts` gets this
//! text as written (a wasm-bindgen custom section, no code in the .wasm).
//! Options are read at run time by `config.rs`; tests keep the option,
//! text, event, state and reason names here equal to the library's lists.

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const DECLARATIONS: &'static str = TYPES;

/// The declarations' text, kept as a constant so tests can read it (the
/// macro copies it into the custom section; rustc does not count that as a use).
#[allow(dead_code)]
const TYPES: &str = r#"
/** Where the session stands. */
export type SessionState = "active" | "warning" | "expired" | "redirecting" | "stopped";
/** Why the session ended. */
export type SessionEndReason = "expired" | "unauthorized" | "signed-out";
/** Every event and its type; each is also dispatched on `document` as `session-timeout:<name>`. */
export interface SessionTimeoutEventMap {
  warning: CustomEvent<SessionTimeoutDetail>;
  tick: CustomEvent<SessionTimeoutDetail>;
  extended: CustomEvent<SessionTimeoutDetail>;
  keepaliveerror: CustomEvent<SessionTimeoutDetail>;
  expired: CustomEvent<SessionTimeoutDetail>;
  redirect: CustomEvent<SessionTimeoutDetail>;
  signout: CustomEvent<SessionTimeoutDetail>;
  activity: CustomEvent<SessionTimeoutDetail>;
  draftsaved: CustomEvent<SessionTimeoutDetail>;
  draftrestored: CustomEvent<SessionTimeoutDetail>;
}
/** The same events on `document`, as `session-timeout:<name>`, and `session-timeout:error` when a script tag could not start the library. */
export type SessionTimeoutDocumentEventMap = {
  [K in keyof SessionTimeoutEventMap as `session-timeout:${K}`]: SessionTimeoutEventMap[K];
} & {
  "session-timeout:error": CustomEvent<{ message: string; error: Error }>;
};
declare global {
  interface DocumentEventMap extends SessionTimeoutDocumentEventMap {}
}
export interface SessionTimeout {
  /** Sends the keep-alive now (or joins the one on its way); `true` when the server extended the session. */
  extend(): Promise<boolean>;
  addEventListener<K extends keyof SessionTimeoutEventMap>(type: K, listener: (event: SessionTimeoutEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SessionTimeoutEventMap>(type: K, listener: (event: SessionTimeoutEventMap[K]) => void, options?: boolean | EventListenerOptions): void;
}

/** Every string the dialogs show or announce. */
export interface SessionTimeoutText {
  /** Warning heading. */
  warningTitle?: string;
  /** Warning message; `{time}` is the countdown. */
  warningMessage?: string;
  /** The primary button. */
  stayButton?: string;
  /** Shown when `signOutUrl` is set. */
  signOutButton?: string;
  /** Expired heading. */
  expiredTitle?: string;
  /** Expired message; `{time}` is the time until the redirect. */
  expiredMessage?: string;
  /** Leaves for the sign-in page now. */
  signInButton?: string;
  /** Shown when the keep-alive could not reach the server. */
  keepAliveFailed?: string;
  /** Said when typed input was put back after signing in again. */
  draftRestored?: string;
  /** Shown when the server refused the keep-alive (403, usually CSRF). */
  keepAliveRefused?: string;
  /** The tab's title while a dialog is open (default "({time}) {title}"; `{time}` reads "4:59", `{title}` is the page's own). */
  titleAlert?: string;
  /** The up-front notice put in every `data-session-timeout-notice` element (WCAG 2.2.6); `{time}` is the session's length. */
  notice?: string;
  /** The final warning's heading: the session's hard end is near and nothing extends it. */
  finalWarningTitle?: string;
  /** The final warning's message; `{time}` is the countdown. */
  finalWarningMessage?: string;
  /** Closes the final warning (so the person can save their work); it does not extend the session. */
  finalWarningButton?: string;
}

/** Options of `new SessionTimeout(options)`. */
export interface SessionTimeoutOptions {
  /** Required: the server's inactivity timeout, in seconds. */
  sessionSeconds: number;
  /** The warning shows this long before expiry (default 120, at most half the session). */
  warnSeconds?: number;
  /** After expiry, the page is replaced this much later (default 10). */
  redirectSeconds?: number;
  /** Where "Stay signed in" sends its request (default: this page, with GET). */
  keepAliveUrl?: string;
  /** Extends the session instead of a request to `keepAliveUrl` (token sessions: refresh the token): resolves to true, false, or `{ secondsLeft }`; a throw or rejection is a failed keep-alive, never a sign-out. Only the leading tab calls it, or the tab where "Stay signed in" was pressed. */
  keepAlive?: () => Promise<boolean | { secondsLeft: number }>;
  /** POST (default), GET, PUT or PATCH. */
  keepAliveMethod?: "POST" | "GET" | "PUT" | "PATCH" | "post" | "get" | "put" | "patch";
  /** Give up on a keep-alive after this long (default 10). */
  keepAliveTimeoutSeconds?: number;
  /** Where the page goes when the session ends; a function gets the reason. */
  redirectUrl?: string | ((reason: SessionEndReason) => string);
  /**
   * Adds a "Sign out" button: POSTed with the CSRF token on this origin
   * (a DELETE where no POST route answers; then the tab follows the
   * server's answer), opened on another; the other tabs go to
   * redirectUrl("signed-out").
   */
  signOutUrl?: string;
  /** Query parameter that carries the current path to the sign-in page. */
  returnParam?: string;
  /** Which requests count as activity (default true). */
  trackRequests?: boolean | TrackRequestsOptions;
  /** Response header with whole seconds left, e.g. "Session-Expires-In". */
  remainingHeader?: string;
  /** A GET that reports seconds left without extending the session. */
  statusUrl?: string | null;
  /** Seconds left instead of a request to `statusUrl`; never extends; null when unknown. */
  status?: () => Promise<number | null>;
  /** Statuses that mean the session is gone (default [401, 440]). */
  unauthorizedStatuses?: number[];
  /** Keep-alive when the person is active, at most once per window. */
  keepAliveOnActivity?: boolean | { throttleSeconds?: number };
  /** Share one clock with the site's other tabs (default true). */
  crossTab?: boolean;
  /** Which tabs share it (default: the origin). */
  channel?: string;
  /** Render the dialogs (default true); false: events only. */
  dialog?: boolean;
  /** Header for the token of `<meta name="csrf-token">` (default "X-CSRF-Token"). */
  csrfHeader?: string;
  /**
   * The keep-alive's CSRF token: "auto" (default: Django, Rails, Laravel,
   * Angular, Spring Security, ASP.NET Core and Flask-WTF conventions,
   * including their forms' hidden fields), false, or where it is.
   */
  csrf?: "auto" | false | CsrfOptions;
  /**
   * The sign-in page: a request redirected there means the session is
   * gone (default: the path of `redirectUrl`, when that is a string).
   */
  signInUrl?: string;
  /** The session's hard end, which no activity or keep-alive moves: epoch ms or an ISO 8601 string. Its warning is final (no "Stay signed in"). */
  absoluteExpiresAt?: number | string;
  /** A response header with whole seconds until the hard end, e.g. "Session-Absolute-Expires-In"; on the page's own answer, a Server-Timing metric of that name. */
  absoluteHeader?: string;
  /** Show the countdown in the tab's title while a dialog is open, so a background tab shows it (default true). */
  titleAlert?: boolean;
  /** Language of the texts and their durations, a BCP 47 tag (default: the page's `lang`; English where it is not shipped). */
  locale?: string;
  /** Every visible and announced string; `{time}` is the countdown. */
  text?: SessionTimeoutText;
  /** Allow a warning shorter than 20 s (WCAG 2.2.1 must then be met another way). */
  allowShortWarning?: boolean;
  /** Other origins the page may be sent to, e.g. an SSO identity provider (not `keepAliveUrl` or `statusUrl`: the library's requests stay on the page's origin, where the session cookie is sent). */
  allowedOrigins?: string[];
  /** How long typed input saved at expiry waits for the user (default 3600). */
  draftMaxAgeSeconds?: number;
}

/** The `detail` of every event. */
export interface SessionTimeoutDetail {
  /** The state after the event. */
  state: SessionState;
  /** Whole seconds of session left, never negative. */
  remainingSeconds: number;
  /** When the session ends, epoch milliseconds. */
  expiresAt: number;
  /** Whole seconds until the forced redirect, while expired. */
  redirectSeconds?: number;
  /** Why the session ended, once it has. */
  reason?: SessionEndReason;
  /** The keep-alive's HTTP status (`keepaliveerror`; 0 when unreachable). */
  status?: number;
  /** Where the page is going (`redirect`, `signout`). */
  url?: string;
  /** How many fields were saved or restored (`draftsaved`, `draftrestored`). */
  fields?: number;
  /** The session ends at its hard end: nothing can extend it (the warning is the final one). */
  final: boolean;
}

/** Where the keep-alive's CSRF token is, and the header it goes in. */
export interface CsrfOptions {
  /** The request header, e.g. "X-CSRFToken". */
  header: string;
  /** A cookie that holds the token (URL-decoded). */
  cookie?: string;
  /** The `name` of a `<meta>` whose `content` is the token. */
  meta?: string;
  /** The token itself. */
  token?: string;
}

/** Which requests count as activity. */
export interface TrackRequestsOptions {
  /** "patch" wraps fetch/XHR (default); "observe" uses PerformanceObserver. */
  mode?: "patch" | "observe";
  /** URL prefixes that count (default: all same-origin). */
  include?: string[];
  /** URL prefixes that never count; these win. */
  exclude?: string[];
}
"#;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::TYPES;
    use crate::config::{OPTION_NAMES, TEXT_KEYS};
    use crate::options::names;
    use crate::core::{Reason, State};

    /// The field names of `interface name { … }` in the declarations.
    fn keys(name: &str) -> Vec<String> {
        let start = TYPES.find(&format!("export interface {name} {{")).unwrap_or(TYPES.len());
        let body = &TYPES[start..];
        let body = &body[..body.find("\n}").unwrap_or(0)];
        let mut keys: Vec<String> = body
            .lines()
            .skip(1)
            .map(str::trim)
            .filter(|l| !l.starts_with("/**") && !l.starts_with('*'))
            .filter_map(|l| l.split(['?', ':']).next())
            .filter(|k| !k.is_empty())
            .map(String::from)
            .collect();
        keys.sort();
        keys
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn the_typescript_events_states_and_reasons_are_the_ones_the_library_sends() {
        let ts = TYPES;
        let sent: Vec<&str> = crate::events::EventName::ALL.iter().map(|e| e.as_str()).collect();
        assert_eq!(keys("SessionTimeoutEventMap"), sorted(&sent), "the .d.ts lists every event the library sends, and no other");
        // The events on document are made from that map, not listed again.
        assert!(ts.contains("[K in keyof SessionTimeoutEventMap as `session-timeout:${K}`]: SessionTimeoutEventMap[K];"));
        for reason in [Reason::Expired, Reason::Unauthorized, Reason::SignedOut] {
            assert!(ts.contains(&format!("\"{}\"", reason.as_str())), "{reason:?}");
        }
        for state in [State::Active, State::Warning, State::Expired, State::Redirecting, State::Stopped] {
            assert!(ts.contains(&format!("\"{}\"", state.as_str())), "{state:?}");
        }
    }

    #[test]
    fn the_typescript_options_are_the_options_the_library_reads() {
        assert_eq!(keys("SessionTimeoutOptions"), sorted(&names(OPTION_NAMES).collect::<Vec<_>>()));
        assert_eq!(keys("SessionTimeoutText"), sorted(&names(TEXT_KEYS).collect::<Vec<_>>()));
    }
}
