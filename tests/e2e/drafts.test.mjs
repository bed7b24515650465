// Nothing typed is lost: type into the long form, let the session expire,
// get sent to sign in, sign in again, and find every preservable field
// back, the password empty, and nothing left in storage; never for
// someone else.
import { test } from "./support/retry.mjs";
import assert from "node:assert/strict";
import { fileDemo } from "./support/demo-server.mjs";
import { lacks, open } from "./support/engines.mjs";
import { signIn } from "./support/page.mjs";

// Long enough to fill the whole form over WebDriver before the (modal) warning.
const demo = fileDemo({ session: 12, warn: 4, redirect: 2 });
const skip = lacks();

const TYPED = {
  "#full-name": "Ada Lovelace",
  "#email": "ada@example.org",
  "#phone": "+44 20 7946 0000",
  "#street": "12 St James's Square",
  "#town": "London",
  "#postcode": "SW1Y 4JH",
  "#reason": "To run the Analytical Engine.\nTwice.",
};

test("a long form survives a forced sign-out and comes back after signing in again", { skip }, async () => {
  const page = await open();
  await signIn(page, demo.url, "Ada");
  for (const [selector, text] of Object.entries(TYPED)) await page.fill(selector, text);
  await page.select("#country", "Netherlands");
  await page.click("#agree");
  await page.fill("#confirm-password", "hunter2");

  await page.waitForURL(/\/login\?expired=true&return=%2Fapp$/, 20000);
  const stored = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("session-timeout:draft:")));
  assert.equal(stored.length, 1, "one form saved");
  assert.ok(!(await page.evaluate((k) => sessionStorage.getItem(k), stored[0])).includes("hunter2"), "the password was never stored");

  await page.fill("#name", "Ada");
  await page.click("button[type=submit]");
  await page.waitForURL(`${demo.url}/app`);
  await page.waitFor(() => window.sessionTimeout !== undefined);
  for (const [selector, text] of Object.entries(TYPED)) assert.equal(await page.value(selector), text, selector);
  assert.equal(await page.value("#country"), "Netherlands");
  assert.equal(await page.checked("#agree"), true);
  assert.equal(await page.value("#confirm-password"), "", "the password field is empty");
  assert.match(await page.text(".session-timeout__restored"), /restored what you had typed/);
  const left = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("session-timeout:draft:")));
  assert.deepEqual(left, [], "nothing remains in storage");
  await page.close();
});

// A computer people share: the next person signs in where the last one was
// sent. The demo names who is signed in in the form's marker.
test("someone else who signs in on that tab gets none of the last person's typing", { skip }, async () => {
  const page = await open();
  await signIn(page, demo.url, "Ada");
  await page.fill("#full-name", "Ada Lovelace");
  await page.fill("#reason", "Private reasons");
  await page.waitForURL(/\/login\?expired=true&return=%2Fapp$/, 20000);
  const drafts = () => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("session-timeout:draft:")));
  assert.equal((await drafts()).length, 1, "Ada's typing was saved");
  await page.fill("#name", "Bob");
  await page.click("button[type=submit]");
  await page.waitForURL(`${demo.url}/app`);
  await page.waitFor(() => window.sessionTimeout?.state === "active");
  assert.equal(await page.text("#user"), "Bob");
  assert.equal(await page.value("#full-name"), "");
  assert.equal(await page.value("#reason"), "");
  assert.equal(await page.count(".session-timeout__restored"), 0, "nothing announced");
  assert.deepEqual(await drafts(), [], "Ada's copy is deleted unread");
  await page.close();
});

// The library arrives late (a slow network): the person has already begun
// to type again, and the copy must not undo it.
test("typing done before the library starts stays; the fields left as served get their copy", { skip }, async () => {
  const page = await open();
  try {
    await signIn(page, demo.url, "Ada");
    await page.fill("#full-name", "Ada Lovelace");
    await page.fill("#email", "ada@example.org");
    await page.waitForURL(/\/login\?expired=true&return=%2Fapp$/, 20000);
    await demo.wasmDelay(3000);
    await page.fill("#name", "Ada");
    await page.click("button[type=submit]");
    await page.waitForURL(`${demo.url}/app`);
    await page.fill("#full-name", "Augusta Ada King");
    await page.waitFor(() => window.sessionTimeout?.state === "active", undefined, 15000);
    assert.equal(await page.value("#full-name"), "Augusta Ada King", "what was typed since stays");
    assert.equal(await page.value("#email"), "ada@example.org", "a field as served gets its copy");
  } finally {
    await demo.wasmDelay(0);
    await page.close();
  }
});

test("signing out on purpose keeps nothing", { skip }, async () => {
  const page = await open();
  await signIn(page, demo.url, "Grace");
  await page.fill("#full-name", "Grace Hopper");
  await page.click("text=Sign out");
  await page.waitForURL(/signed-out=true/);
  await page.fill("#name", "Grace");
  await page.click("button[type=submit]");
  await page.waitForURL(`${demo.url}/app`);
  await page.waitFor(() => window.sessionTimeout !== undefined);
  assert.equal(await page.value("#full-name"), "");
  assert.equal(await page.count(".session-timeout__restored"), 0);
  await page.close();
});

// A script-tag page's attributes: a session short enough to end in a
// test, long enough to type into the page first (the page reloads itself
// at expiry: the default redirect).
const QUICK = encodeURIComponent('data-session-seconds="9" data-warn-seconds="2" data-redirect-seconds="1" data-allow-short-warning');

// Rich text: a real Quill editor and a bare contenteditable keep their
// text (a line a paragraph) through a forced sign-out, as a person's
// paste puts it back, and two fields of one name keep their own values.
// The page reloads itself at expiry (the default redirect). Then again
// with the editor made only after the library has started: its copy
// waits for it.
test("a rich-text editor's text, a contenteditable's, and fields of one name come back, the editor made before or after start", { skip }, async () => {
  const page = await open();
  for (const late of ["", "&late"]) {
    const when = late ? "made after start" : "made before start";
    await page.goto(`${demo.url}/__test/editors?attrs=${QUICK}${late}`);
    await page.waitFor(() => window.sessionTimeout?.state === "active" && window.quill !== undefined);
    await page.click("#story .ql-editor");
    await page.type("Dear editor,");
    await page.press("Enter");
    await page.type("a second paragraph.");
    await page.click("#plain");
    await page.type("Plain words");
    await page.fill(".phone-1", "+44 1");
    await page.fill(".phone-2", "+44 2");
    assert.equal(await page.evaluate(() => window.quill.getText()), "Dear editor,\na second paragraph.\n", `${when}: typed into Quill before the warning`);
    await page.evaluate(() => { window.__before = true; });

    await page.waitFor(() => window.__before === undefined && window.sessionTimeout?.state === "active", undefined, 15000);
    await page.waitFor(() => window.quill && window.quill.getText() !== "\n", undefined, 3000);
    assert.equal(await page.evaluate(() => window.quill.getText()), "Dear editor,\na second paragraph.\n", `${when}: Quill's own model holds the text, a line a paragraph`);
    await page.waitFor(() => document.querySelector("#plain").textContent !== "", undefined, 3000);
    assert.equal(await page.evaluate(() => document.querySelector("#plain").innerText.trim()), "Plain words", when);
    assert.equal(await page.value(".phone-1"), "+44 1", when);
    assert.equal(await page.value(".phone-2"), "+44 2", `${when}: the second field of the name gets the second value`);
    assert.match(await page.text(".session-timeout__restored"), /restored what you had typed/);
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true, `${when}: the focus is left where it was`);
    assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("session-timeout:draft:"))), [], when);
    assert.deepEqual(await page.errors(), [], when);
  }
  await page.close();
});

// A design system's fields are custom elements whose input lies in their
// shadow DOM (Shoelace's, from npm): kept by name as inputs are, a
// password among them never. Then again with Shoelace loaded only after
// the library has started: its elements are no fields until defined, and
// their copy waits for that.
test("a design system's custom-element fields come back, defined before or after start; its password field is never kept", { skip }, async () => {
  const page = await open();
  for (const late of ["", "&late"]) {
    const when = late ? "defined after start" : "defined before start";
    await page.goto(`${demo.url}/__test/components?attrs=${QUICK}${late}`);
    await page.waitFor(() => window.sessionTimeout?.state === "active" && customElements.get("sl-checkbox") !== undefined);
    await page.click("sl-input[name=title]");
    await page.type("Dr");
    await page.click("sl-input[name=secret]");
    await page.type("hunter2");
    await page.click("sl-textarea[name=body]");
    await page.type("Some words");
    await page.click("sl-checkbox[name=agree]");
    await page.evaluate(() => { document.querySelector("sl-select[name=size]").value = "l"; });
    const values = () => page.evaluate(() => Object.fromEntries(["title", "secret", "body", "size"].map((n) => [n, document.querySelector(`[name=${n}]`).value]).concat([["agree", document.querySelector("[name=agree]").checked]])));
    assert.deepEqual(await values(), { title: "Dr", secret: "hunter2", body: "Some words", size: "l", agree: true }, `${when}: typed before the warning`);
    await page.evaluate(() => { window.__before = true; addEventListener("pagehide", () => sessionStorage.setItem("test:saved", JSON.stringify(sessionStorage))); });

    await page.waitFor(() => window.__before === undefined && window.sessionTimeout?.state === "active", undefined, 15000);
    const saved = await page.evaluate(() => sessionStorage.getItem("test:saved"));
    assert.ok(saved.includes("Some words") && !saved.includes("hunter2"), `${when}: the password was never stored: ${saved}`);
    await page.waitFor(() => customElements.get("sl-input") && document.querySelector("sl-input[name=title]").value !== "", undefined, 3000);
    assert.deepEqual(await values(), { title: "Dr", secret: "", body: "Some words", size: "l", agree: true }, when);
    assert.match(await page.text(".session-timeout__restored"), /restored what you had typed/, when);
    // (Shoelace fetches its icons from data: URLs, which the demo's policy refuses.)
    assert.deepEqual((await page.errors()).filter((e) => e !== "CSP violation: connect-src data"), [], when);
    await page.evaluate(() => sessionStorage.removeItem("test:saved"));
  }
  await page.close();
});
