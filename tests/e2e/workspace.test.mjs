// The real app over WebDriver: create an agreement, see it listed, restart the app, find it
// again, rename it, delete it. The CLI reads the same SQLite file to prove the app wrote it.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { byTestId, cliBinary, launchApp, screenshot, startDriver, stopDriver } from "./app.mjs";

const workspace = mkdtempSync(path.join(tmpdir(), "sla-e2e-"));
let driver;

before(async () => {
  driver = await startDriver(workspace);
});

after(async () => {
  await stopDriver(driver);
  rmSync(workspace, { recursive: true, force: true });
});

const TITLE = "Managed Hosting SLA 2027";
const COUNTERPARTY = "Cloudy Hosting Ltd";

function cliList() {
  return JSON.parse(execFileSync(cliBinary, ["--workspace", workspace, "list", "--json"], { encoding: "utf8" }));
}

// The text of each listed row, cell by cell. (WebKitWebDriver's getText on a table row
// returns only some cells, so read the DOM; the screenshots show what is drawn.)
async function rowTexts(browser) {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="agreement-row"]'), (row) =>
      Array.from(row.cells, (cell) => cell.textContent.trim()).join(" | "),
    ),
  );
}

test("create an agreement, see it listed, and find it again after a restart", async () => {
  let browser = await launchApp(workspace);
  try {
    const empty = await byTestId(browser, "empty-state");
    assert.match(await empty.getText(), /No agreements yet/);
    await screenshot(browser, "01-home-empty");

    await (await byTestId(browser, "new-agreement")).click();
    await (await byTestId(browser, "new-title")).setValue(TITLE);
    await (await byTestId(browser, "new-counterparty")).setValue(COUNTERPARTY);
    await screenshot(browser, "02-new-agreement-dialog");
    await (await byTestId(browser, "create-submit")).click();

    const heading = await byTestId(browser, "agreement-title");
    await browser.waitUntil(async () => (await heading.getText()) === TITLE, { timeout: 10_000 });
    await screenshot(browser, "03-agreement-opened");

    await (await byTestId(browser, "back-home")).click();
    await byTestId(browser, "agreement-row");
    const titles = await rowTexts(browser);
    assert.equal(titles.length, 1);
    assert.match(titles[0], new RegExp(TITLE));
    assert.match(titles[0], new RegExp(COUNTERPARTY));
    await screenshot(browser, "04-home-listed");
  } finally {
    await browser.deleteSession();
  }

  const stored = cliList();
  assert.equal(stored.length, 1, "the app wrote the agreement to the workspace file");
  assert.equal(stored[0].title, TITLE);
  assert.equal(stored[0].counterparty, COUNTERPARTY);
  assert.equal(stored[0].our_role, "customer");

  browser = await launchApp(workspace);
  try {
    await byTestId(browser, "agreement-row");
    assert.match((await rowTexts(browser))[0], new RegExp(`${TITLE} \\| ${COUNTERPARTY} \\| Customer \\| Draft`));
    await screenshot(browser, "05-home-after-restart");
    await (await byTestId(browser, "open-agreement")).click();
    const heading = await byTestId(browser, "agreement-title");
    assert.equal(await heading.getText(), TITLE);
    assert.equal(await (await byTestId(browser, "agreement-id")).getText(), stored[0].id);
  } finally {
    await browser.deleteSession();
  }
});

test("rename and delete an agreement, with confirmation", async () => {
  const browser = await launchApp(workspace);
  try {
    await (await byTestId(browser, "open-agreement")).click();
    await (await byTestId(browser, "rename")).click();
    const input = await byTestId(browser, "rename-input");
    await input.clearValue();
    await input.setValue("Managed Hosting SLA 2028");
    await (await byTestId(browser, "rename-save")).click();
    const heading = await byTestId(browser, "agreement-title");
    await browser.waitUntil(async () => (await heading.getText()) === "Managed Hosting SLA 2028", { timeout: 10_000 });
    assert.equal(cliList()[0].title, "Managed Hosting SLA 2028");

    await (await byTestId(browser, "delete")).click();
    await byTestId(browser, "delete-confirm");
    await screenshot(browser, "06-delete-confirmation");
    await (await byTestId(browser, "delete-confirm")).click();
    await byTestId(browser, "empty-state");
    assert.deepEqual(cliList(), []);
  } finally {
    await browser.deleteSession();
  }
});

test("an error from the core reaches the user: the agreement was deleted elsewhere", async () => {
  const id = execFileSync(
    cliBinary,
    ["--workspace", workspace, "new", "--title", "Support desk SLA", "--counterparty", "Acme GmbH"],
    { encoding: "utf8" },
  ).trim();
  const browser = await launchApp(workspace);
  try {
    await (await byTestId(browser, "open-agreement")).click();
    await byTestId(browser, "agreement-title");
    // Someone deletes it with the CLI while it is open in the app.
    execFileSync(cliBinary, ["--workspace", workspace, "delete", id]);
    await (await byTestId(browser, "rename")).click();
    await (await byTestId(browser, "rename-input")).setValue(" (v2)");
    await (await byTestId(browser, "rename-save")).click();
    const banner = await byTestId(browser, "error-banner");
    assert.match(await banner.getText(), new RegExp(`There is no agreement with id ${id}`));
    await byTestId(browser, "empty-state");
    await screenshot(browser, "07-error-banner");
  } finally {
    await browser.deleteSession();
  }
});

test("markup in titles and names is shown as text and never runs; dark theme", async () => {
  const payload = `<img src=x onerror="window.__pwned=1">`;
  const party = `<svg onload="window.__pwned=2">Evil Corp</svg>`;
  execFileSync(cliBinary, ["--workspace", workspace, "new", "--title", payload, "--counterparty", party]);
  const browser = await launchApp(workspace);
  try {
    await byTestId(browser, "agreement-row");
    const [row] = await rowTexts(browser);
    assert.ok(row.includes(payload) && row.includes(party), row);
    await (await byTestId(browser, "open-agreement")).click();
    assert.equal(await (await byTestId(browser, "agreement-title")).getText(), payload);
    const injected = await browser.execute(() => ({
      pwned: window.__pwned ?? null,
      images: document.querySelectorAll("img").length,
      svgs: document.querySelectorAll("svg").length,
    }));
    assert.deepEqual(injected, { pwned: null, images: 0, svgs: 0 });

    await (await byTestId(browser, "theme")).selectByAttribute("value", "dark");
    await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.theme)) === "dark");
    await screenshot(browser, "08-hostile-text-dark-theme");
    await (await byTestId(browser, "back-home")).click();
    await byTestId(browser, "agreement-row");
    await screenshot(browser, "09-home-dark-theme");
  } finally {
    // The choice persists in the webview's storage: leave the machine as it was.
    await browser.execute(() => localStorage.removeItem("sla-studio.theme")).catch(() => {});
    await browser.deleteSession();
  }
});

// Types `value` as a paste would: WebDriver's key events cannot carry characters outside the
// Basic Multilingual Plane on every driver.
async function paste(browser, element, value) {
  await browser.execute(
    (input, text) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
      setter.call(input, text);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    },
    element,
    value,
  );
}

test("a title of 165 characters, most outside the Basic Multilingual Plane, is accepted; 201 are refused beside the field", async () => {
  // 165 characters, 315 UTF-16 code units: the limit is 200 characters, counted by the core.
  const title = `Fraktur SLA 2027 ${"𝔖".repeat(148)}`;
  assert.equal([...title].length, 165);
  const tooLong = "𝔖".repeat(201);
  const browser = await launchApp(workspace);
  try {
    await (await byTestId(browser, "new-agreement")).click();
    await paste(browser, await byTestId(browser, "new-title"), tooLong);
    await (await byTestId(browser, "new-counterparty")).setValue("Unicode Hosting Ltd");
    await (await byTestId(browser, "create-submit")).click();
    const refusal = await browser.$("#new-title-error");
    await refusal.waitForDisplayed({ timeout: 10_000 });
    assert.match(await refusal.getText(), /Agreement title: is 201 characters long; at most 200/);
    await screenshot(browser, "10-title-refused-beside-the-field");

    await paste(browser, await byTestId(browser, "new-title"), title);
    await (await byTestId(browser, "create-submit")).click();
    const heading = await byTestId(browser, "agreement-title");
    await browser.waitUntil(async () => (await heading.getText()) === title, { timeout: 10_000 });
    await screenshot(browser, "11-astral-title-accepted");
  } finally {
    await browser.deleteSession();
  }

  const created = cliList().find((a) => a.title === title);
  assert.ok(created, "the app stored the title as typed");
  // The PDF's font cannot draw these letters: it refuses, naming the character, and writes nothing.
  const out = path.join(workspace, "astral.pdf");
  const pdf = spawnSync(cliBinary, ["--workspace", workspace, "pdf", created.id, "--out", out], { encoding: "utf8" });
  assert.notEqual(pdf.status, 0);
  assert.match(pdf.stderr, /U\+1D516/);
  assert.equal(existsSync(out), false);
});
