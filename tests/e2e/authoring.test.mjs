// The real app over WebDriver: draft a SaaS SLA from its template, change the availability
// target, see the downtime figure and every clause quoting the target change, restart and
// find it all intact; an invalid value is refused with the reason.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { byTestId, cliBinary, launchApp, screenshot, startDriver, stopDriver } from "./app.mjs";

const workspace = mkdtempSync(path.join(tmpdir(), "sla-e2e-authoring-"));
let driver;

before(async () => {
  driver = await startDriver(workspace);
});

after(async () => {
  await stopDriver(driver);
  rmSync(workspace, { recursive: true, force: true });
});

const TARGET = "availability.target";

// Replaces an input's text as a person does: select all, type. (WebDriver's clear blurs the
// field without React seeing the change, which a person never does.)
async function retype(browser, element, text) {
  await element.click();
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  await element.addValue(text);
  await browser.keys(["Enter"]);
}

async function chipTexts(browser, term) {
  return browser.execute(
    (id) => Array.from(document.querySelectorAll(`[data-testid="term-chip"][data-term="${id}"]`), (c) => c.textContent),
    term,
  );
}

async function waitForChips(browser, term, text) {
  await browser.waitUntil(
    async () => {
      const texts = await chipTexts(browser, term);
      return texts.length > 0 && texts.every((t) => t === text);
    },
    { timeout: 10_000, timeoutMsg: `every ${term} chip should read ${text}` },
  );
}

test("draft from a template, change the availability target, restart, find it intact", async () => {
  let browser = await launchApp(workspace);
  let id;
  try {
    await (await byTestId(browser, "new-agreement")).click();
    const template = await byTestId(browser, "new-template");
    await browser.waitUntil(async () => (await template.$$("option").getElements()).length > 1, { timeout: 10_000 });
    await template.selectByAttribute("value", "saas-availability");
    await (await byTestId(browser, "new-counterparty")).setValue("Cloudy Hosting Ltd");
    await (await byTestId(browser, "new-position-balanced")).click();
    await screenshot(browser, "20-new-from-template");
    await (await byTestId(browser, "create-submit")).click();

    const heading = await byTestId(browser, "agreement-title");
    await browser.waitUntil(async () => (await heading.getText()) === "SaaS Availability SLA", { timeout: 10_000 });
    id = await (await byTestId(browser, "agreement-id")).getText();
    await waitForChips(browser, TARGET, "99.9 %");
    const meaning = await byTestId(browser, `meaning-${TARGET}`);
    assert.match(await meaning.getText(), /43 m 49 s of Downtime per calendar month/);
    assert.ok((await browser.$$('[data-testid="clause"]').getElements()).length >= 14, "the whole draft is shown");
    await screenshot(browser, "21-drafted-saas-sla");

    const input = await byTestId(browser, `term-input-${TARGET}`);
    await retype(browser, input, "120");
    const error = await byTestId(browser, "term-error");
    assert.match(await error.getText(), /between 0 and 100/);
    await waitForChips(browser, TARGET, "99.9 %");
    await screenshot(browser, "22-invalid-target-refused");

    await retype(browser, input, "99.95");
    await waitForChips(browser, TARGET, "99.95 %");
    await browser.waitUntil(async () => /21 m 54 s/.test(await meaning.getText()), { timeout: 10_000 });
    await screenshot(browser, "23-target-changed");

    const achieved = await byTestId(browser, "credit-achieved");
    await achieved.scrollIntoView();
    await retype(browser, achieved, "99.5");
    const answer = await byTestId(browser, "credit-answer");
    assert.match(await answer.getText(), /At 99\.5 % \(Downtime of 3 h 39 m 8 s\), the credit owed is 10 %/);
    await screenshot(browser, "25-credit-chart");
  } finally {
    await browser.deleteSession();
  }

  const terms = JSON.parse(execFileSync(cliBinary, ["--workspace", workspace, "terms", id, "--json"], { encoding: "utf8" }));
  const target = terms.find((t) => t.id === TARGET);
  assert.equal(target.value, "99.95 %", "the change was saved to the workspace");
  assert.match(target.meaning, /21 m 54 s/);

  browser = await launchApp(workspace);
  try {
    await (await byTestId(browser, "open-agreement")).click();
    await waitForChips(browser, TARGET, "99.95 %");
    assert.match(await (await byTestId(browser, `meaning-${TARGET}`)).getText(), /21 m 54 s/);
    const summary = await byTestId(browser, "checks-summary");
    assert.match(await summary.getText(), /^0 errors/);
    await screenshot(browser, "24-after-restart");
  } finally {
    await browser.deleteSession();
  }
});
