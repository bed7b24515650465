// The engines the end-to-end suite runs in (support/engines.mjs drives
// them; run.mjs schedules them), kept apart from engines.mjs so that the
// scheduler can read them without loading the test runner's hooks.
export const ENGINES = ["chromium", "firefox", "webkit"];
