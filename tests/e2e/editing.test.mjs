// The real app over WebDriver: edit a clause's wording in place (with a term chip), have a
// bad reference refused, remove, move and add clauses from the library, undo and redo, and
// find every change in the workspace file after a restart; import a Markdown SLA through the
// file picker.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { byTestId, cliBinary, launchApp, root, screenshot, startDriver, stopDriver } from "./app.mjs";

const workspace = mkdtempSync(path.join(tmpdir(), "sla-e2e-editing-"));
let driver;

before(async () => {
  driver = await startDriver(workspace);
});

after(async () => {
  await stopDriver(driver);
  rmSync(workspace, { recursive: true, force: true });
});

function cli(...args) {
  return execFileSync(cliBinary, ["--workspace", workspace, ...args], { encoding: "utf8" });
}

/** The draft as stored in the workspace file, read by the CLI (a separate process). */
function stored(id) {
  return JSON.parse(cli("show", id, "--json")).agreement;
}

function clauseIds(agreement) {
  return agreement.sections.flatMap((s) => s.clauses.map((c) => c.id));
}

async function clause(browser, id) {
  const element = await browser.$(`[data-testid="clause"][data-clause="${id}"]`);
  await element.waitForExist({ timeout: 10_000 });
  return element;
}

/** Clicks a clause's toolbar button (shown on hover or focus). */
async function clauseAction(browser, id, action) {
  const block = await clause(browser, id);
  await block.moveTo();
  await (await block.$(`[data-testid="clause-${action}"]`)).click();
}

/**
 * Types into the focused element one key action at a time. (One WebDriver action holding a
 * whole string merges repeated characters in WebKitWebDriver: "{{" arrives as "{".)
 */
async function type(browser, text) {
  for (const character of text) await browser.keys(character);
}

/** Waits until the page has stopped scrolling (smooth scrolls run for a few hundred ms). */
async function settle(browser) {
  let last = -1;
  await browser.waitUntil(
    async () => {
      const now = await browser.execute(() => window.scrollY + document.documentElement.scrollTop);
      const still = now === last;
      last = now;
      return still;
    },
    { timeout: 5_000, interval: 200 },
  );
}

async function documentClauseIds(browser) {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="clause"]'), (c) => c.getAttribute("data-clause")),
  );
}

test("edit wording in place, add, remove and move clauses, undo and redo, restart intact", async () => {
  const created = cli("new", "--template", "saas-availability", "--role", "customer", "--counterparty", "Cloudy Hosting Ltd");
  const id = created.match(/[0-9a-f]{8}-[0-9a-f-]{27}/)?.[0];
  assert.ok(id, created);
  let browser = await launchApp(workspace);
  try {
    await (await byTestId(browser, "open-agreement")).click();
    await clause(browser, "availability");

    // Edit the availability clause in place: append a sentence that quotes the target.
    await clauseAction(browser, "availability", "edit");
    const text = await byTestId(browser, "clause-editor-text");
    assert.equal(
      (await browser.$$('[data-testid="clause-editor"] [data-testid="editor-term-chip"]').getElements()).length >= 1,
      true,
      "term references are chips in the editor",
    );
    await text.click();
    await browser.keys(["Control", "End"]);
    await type(browser, " Monthly reports state whether ");
    await (await byTestId(browser, "clause-editor-insert-term")).selectByAttribute("value", "availability.target");
    await type(browser, " was met.");
    await screenshot(browser, "30-clause-editor");
    await (await byTestId(browser, "clause-editor-save")).click();
    await browser.waitUntil(async () => !(await browser.$('[data-testid="clause-editor"]').isExisting()), {
      timeout: 10_000,
      timeoutMsg: "the editor should close after saving",
    });
    let draft = stored(id);
    const availability = draft.sections.flatMap((s) => s.clauses).find((c) => c.id === "availability");
    assert.match(availability.text, /Monthly reports state whether \{\{availability\.target\}\} was met\.$/);

    // A reference to a term the agreement lacks is refused with the reason; nothing is saved.
    await clauseAction(browser, "availability", "edit");
    await (await byTestId(browser, "clause-editor-text")).click();
    await browser.keys(["Control", "End"]);
    await type(browser, " {{credits.bogus}}");
    await (await byTestId(browser, "clause-editor-save")).click();
    const refusal = await byTestId(browser, "clause-editor-error");
    assert.match(await refusal.getText(), /refers to the term `credits\.bogus`, which this agreement does not define/);
    await screenshot(browser, "31-clause-reference-refused");
    await browser.keys(["Escape"]);
    assert.deepEqual(stored(id), draft, "nothing was saved");

    // Remove scheduled maintenance; its terms go with it. Undo brings both back, redo removes again.
    await clauseAction(browser, "scheduled-maintenance", "remove");
    await browser.waitUntil(async () => !(await documentClauseIds(browser)).includes("scheduled-maintenance"), {
      timeout: 10_000,
    });
    assert.ok(!("maintenance.notice" in stored(id).terms));
    await (await byTestId(browser, "undo")).click();
    await browser.waitUntil(async () => (await documentClauseIds(browser)).includes("scheduled-maintenance"), {
      timeout: 10_000,
      timeoutMsg: "undo should bring the clause back",
    });
    assert.ok("maintenance.notice" in stored(id).terms);
    await (await byTestId(browser, "redo")).click();
    await browser.waitUntil(async () => !(await documentClauseIds(browser)).includes("scheduled-maintenance"), {
      timeout: 10_000,
      timeoutMsg: "redo should remove it again",
    });

    // Move exclusions down: it leaves "Service levels" and opens "Support".
    await clauseAction(browser, "exclusions", "down");
    await browser.waitUntil(async () => {
      const ids = await documentClauseIds(browser);
      return ids.indexOf("exclusions") === ids.indexOf("support-hours") - 1;
    });
    draft = stored(id);
    assert.equal(draft.sections.find((s) => s.id === "support").clauses[0].id, "exclusions");

    // Add the escalation clause from the library, searched for, in the customer's position.
    // Moving a clause scrolls it into view smoothly; let the page settle before clicking.
    await settle(browser);
    const addClause = await byTestId(browser, "add-clause");
    await addClause.scrollIntoView({ block: "center" });
    await settle(browser);
    await addClause.click();
    await (await byTestId(browser, "clause-search")).setValue("escalation levels");
    await browser.waitUntil(async () => (await browser.$$('[data-testid="library-clause"]').getElements()).length === 1, {
      timeout: 10_000,
      timeoutMsg: "the search should leave one clause",
    });
    await (await byTestId(browser, "clause-position")).selectByAttribute("value", "customer");
    await screenshot(browser, "32-add-clause-dialog");
    await (await byTestId(browser, "library-add")).click();
    await clause(browser, "escalation");
    draft = stored(id);
    assert.ok(clauseIds(draft).includes("escalation"));
    assert.ok(Object.keys(draft.terms).some((t) => t.startsWith("escalation.")), "its terms came with it");
    await screenshot(browser, "33-clause-added");
  } finally {
    await browser.deleteSession();
  }

  // Restart: everything is as it was left.
  const before = stored(id);
  browser = await launchApp(workspace);
  try {
    await (await byTestId(browser, "open-agreement")).click();
    await clause(browser, "escalation");
    const ids = await documentClauseIds(browser);
    assert.deepEqual(ids, clauseIds(before));
    const availabilityText = await (await clause(browser, "availability")).getText();
    assert.match(availabilityText, /Monthly reports state whether 99\.9 % was met\./);
    assert.equal(await (await byTestId(browser, "undo")).isEnabled(), false, "the history is per run");
  } finally {
    await browser.deleteSession();
  }
});

test("import a Markdown SLA through the file picker", async () => {
  const browser = await launchApp(workspace);
  try {
    await (await byTestId(browser, "import-agreement")).click();
    const file = path.join(root, "tests/corpus/real/commonpaper-sla/v2.0.md");
    await (await browser.$('[data-testid="import-file"]')).setValue(file);
    await (await byTestId(browser, "import-counterparty")).setValue("Vendor Inc");
    await screenshot(browser, "34-import-dialog");
    await (await byTestId(browser, "import-submit")).click();
    const title = await byTestId(browser, "agreement-title");
    await browser.waitUntil(async () => (await title.getText()).length > 0, { timeout: 10_000 });
    const clauses = await browser.$$('[data-testid="clause"]').getElements();
    assert.ok(clauses.length > 10, `${clauses.length} clauses imported`);
    await screenshot(browser, "35-imported");
  } finally {
    await browser.deleteSession();
  }
});

// Replaces an input's text as a person does (WebDriver's clear is not seen by React).
async function retype(browser, element, text) {
  await element.click();
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  await element.addValue(text);
}

test("draft with our name and key terms; edit credit tiers as a grid and support hours as a line", async () => {
  const browser = await launchApp(workspace);
  try {
    await (await byTestId(browser, "new-agreement")).click();
    const template = await byTestId(browser, "new-template");
    await browser.waitUntil(async () => (await template.$$("option").getElements()).length > 1, { timeout: 10_000 });
    await template.selectByAttribute("value", "saas-availability");
    await (await byTestId(browser, "new-title")).setValue("Payments platform SLA");
    await (await byTestId(browser, "new-counterparty")).setValue("Acme Retail plc");
    await (await byTestId(browser, "new-role-provider")).click();
    await (await byTestId(browser, "new-our-name")).setValue("Cloudy Hosting Ltd");
    await (await byTestId(browser, "new-position-customer")).click();
    const target = await byTestId(browser, "key-term-availability.target");
    assert.equal(await target.getValue(), "99.95", "the customer position's default");
    await (await byTestId(browser, "new-position-balanced")).click();
    assert.equal(await target.getValue(), "99.9", "follows the position until typed over");
    await retype(browser, target, "99.95");
    await screenshot(browser, "36-new-with-key-terms");
    await (await byTestId(browser, "create-submit")).click();

    const title = await byTestId(browser, "agreement-title");
    await browser.waitUntil(async () => (await title.getText()) === "Payments platform SLA", { timeout: 10_000 });
    const id = await (await byTestId(browser, "agreement-id")).getText();
    let draft = stored(id);
    assert.equal(draft.parties.provider.name, "Cloudy Hosting Ltd");
    assert.equal(draft.parties.customer.name, "Acme Retail plc");
    assert.equal(draft.terms["availability.target"].value.value, 99.95);

    // Credit tiers as a grid: raise the first credit, add a tier, save; the document's table follows.
    const firstCredit = await byTestId(browser, "cell-credits.tiers-0-1");
    await firstCredit.scrollIntoView({ block: "center" });
    await retype(browser, firstCredit, "15");
    await (await byTestId(browser, "add-row-credits.tiers")).click();
    const rows = (stored(id).terms["credits.tiers"].value.value.tiers.length);
    await (await byTestId(browser, `cell-credits.tiers-${rows}-0`)).addValue("90");
    await (await byTestId(browser, `cell-credits.tiers-${rows}-1`)).addValue("75");
    await (await byTestId(browser, "save-table-credits.tiers")).click();
    await screenshot(browser, "37-credit-tiers-grid");
    await browser.waitUntil(async () => stored(id).terms["credits.tiers"].value.value.tiers.length === rows + 1, {
      timeout: 10_000,
      timeoutMsg: "the new tier should be saved",
    });
    const documentTable = await browser.execute(() =>
      Array.from(document.querySelectorAll('.term-table[data-term="credits.tiers"] tbody tr'), (tr) => tr.textContent),
    );
    assert.equal(documentTable[0], "99.9 %15 %");
    assert.equal(documentTable.at(-1), "90 %75 %");
    await screenshot(browser, "37-credit-tiers-grid");

    // The priority matrix is edited in a wider dialog: Priority 1 answered within 15 minutes.
    const editMatrix = await byTestId(browser, "edit-table-support.priorities");
    await editMatrix.scrollIntoView({ block: "center" });
    await editMatrix.click();
    await retype(browser, await byTestId(browser, "cell-support.priorities-0-2"), "15 minutes");
    await screenshot(browser, "38-priority-matrix-dialog");
    await (await byTestId(browser, "save-table-support.priorities")).click();
    await browser.waitUntil(async () => !(await browser.$('[data-testid="table-dialog"]').isExisting()), {
      timeout: 10_000,
      timeoutMsg: "the dialog should close once saved",
    });
    const p1 = stored(id).terms["support.priorities"].value.value.rows[0].response;
    assert.deepEqual(p1, { amount: 15, unit: "minutes", clock: "calendar" });

    // Support hours around the clock: the support clause drops its business-hours sentence.
    const supportClause = () =>
      stored(id).sections.flatMap((s) => s.clauses).find((c) => c.id === "support-hours").text;
    assert.match(supportClause(), /during Business Hours only/);
    const hours = await byTestId(browser, "term-input-support.hours");
    assert.equal(await hours.getValue(), "Monday to Friday, 08:00 to 18:00, Europe/London");
    await hours.scrollIntoView({ block: "center" });
    await retype(browser, hours, "24x7");
    await browser.keys(["Enter"]);
    await browser.waitUntil(async () => !/Business Hours only/.test(supportClause()), {
      timeout: 10_000,
      timeoutMsg: "the support clause should be re-drafted for 24x7 support",
    });
    const shown = await (await clause(browser, "support-hours")).getText();
    assert.match(shown, /24 hours a day, 7 days a week/);
    assert.doesNotMatch(shown, /Business Hours only/);
    await screenshot(browser, "39-support-24x7");

    // Signatories and the effective date.
    const editParties = await byTestId(browser, "edit-parties");
    await editParties.scrollIntoView({ block: "center" });
    await editParties.click();
    await (await byTestId(browser, "customer-signatory_name")).setValue("Ann Lee");
    await (await byTestId(browser, "customer-signatory_title")).setValue("Head of Procurement");
    await (await byTestId(browser, "customer-signatory_email")).setValue("ann.lee@acme.example");
    await (await byTestId(browser, "provider-signatory_name")).setValue("Ben Ode");
    await (await byTestId(browser, "provider-signatory_title")).setValue("Director");
    await browser.execute(() => {
      // Date inputs take typed digits in the locale's order; set the value as the picker does.
      const input = document.querySelector('[data-testid="effective-date"]');
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
      setter.call(input, "2027-03-01");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await screenshot(browser, "40-parties-dialog");
    await (await byTestId(browser, "parties-save")).click();
    await browser.waitUntil(async () => stored(id).effective_date === "2027-03-01", {
      timeout: 10_000,
      timeoutMsg: "the parties should be saved",
    });
    draft = stored(id);
    assert.deepEqual(draft.parties.customer.signatory, {
      name: "Ann Lee",
      title: "Head of Procurement",
      email: "ann.lee@acme.example",
    });
    assert.equal(draft.parties.provider.signatory.name, "Ben Ode");
  } finally {
    await browser.deleteSession();
  }
});
