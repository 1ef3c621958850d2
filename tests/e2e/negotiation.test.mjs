// The real app over WebDriver, twice: the customer proposes round 1 in the app; the provider
// (another workspace) imports the package in the app, lowers the availability target and the
// first credit tier and proposes round 2; the customer imports it (a tampered copy is refused
// first), reads the redline (each changed term with what it means and whom it favours, and the
// clause's words), keeps the target, takes the lower credit and proposes round 3; the provider
// accepts it as final, and its acceptance brings the customer to "agreed" on the same text.
// Then: a round signed with a key the provider did not use before is refused with both
// fingerprints shown, and imported only once the user trusts the new key.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { answerSaveDialog, byTestId, cliBinary, launchApp, screenshot, startDriver, stopDriver } from "./app.mjs";

const root = mkdtempSync(path.join(tmpdir(), "sla-e2e-negotiation-"));
const customerWorkspace = path.join(root, "customer");
const providerWorkspace = path.join(root, "provider");
let driver;

before(async () => {
  driver = await startDriver(customerWorkspace);
});

after(async () => {
  await stopDriver(driver);
  rmSync(root, { recursive: true, force: true });
});

function cli(workspace, ...args) {
  return execFileSync(cliBinary, ["--workspace", workspace, ...args], { encoding: "utf8" });
}

async function retype(browser, element, text) {
  await element.click();
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  await element.addValue(text);
  await browser.keys(["Enter"]);
}

async function propose(browser, message) {
  await (await byTestId(browser, "propose")).click();
  await (await byTestId(browser, "round-message")).setValue(message);
  await (await byTestId(browser, "propose-submit")).click();
  await browser.waitUntil(async () => !(await browser.$('[data-testid="propose-dialog"]').isExisting()), {
    timeout: 10_000,
    timeoutMsg: "the round should be proposed",
  });
}

function firstTierCredit(workspace, id) {
  return JSON.parse(cli(workspace, "show", id, "--json")).agreement.terms["credits.tiers"].value.value.tiers[0].credit;
}

async function importPackage(browser, file) {
  await (await byTestId(browser, "import-package")).click();
  await (await browser.$('[data-testid="package-file"]')).setValue(file);
  await (await byTestId(browser, "package-submit")).click();
}

test("propose, exchange packages, refuse a tampered one, and read the redline", async () => {
  const created = cli(customerWorkspace, "new", "--template", "saas-availability", "--position", "customer", "--counterparty", "Cloudy Hosting Ltd");
  const id = created.match(/[0-9a-f]{8}-[0-9a-f-]{27}/)?.[0];

  // The customer proposes round 1 in the app.
  const round1 = path.join(root, "round1.slapkg");
  let browser = await launchApp(customerWorkspace);
  try {
    await (await byTestId(browser, "open-agreement")).click();
    await byTestId(browser, "rounds-panel");
    // A comment on the availability clause, sent with the round.
    const availability = await browser.$('[data-testid="clause"][data-clause="availability"]');
    await availability.waitForExist({ timeout: 10_000 });
    await availability.moveTo();
    await (await availability.$('[data-testid="clause-comment"]')).click();
    await (await byTestId(browser, "comment-text")).setValue("Checkout must stay up: we need 99.95 %.");
    await (await byTestId(browser, "comment-save")).click();
    const pendingCount = await byTestId(browser, "pending-count");
    assert.match(await pendingCount.getText(), /1 comment will go with your next round/);
    const pendingComment = await availability.$('[data-testid="pending-comment"]');
    assert.match(await pendingComment.getText(), /Your comment \(goes with your next round\): Checkout must stay up/);
    await propose(browser, "Our opening position");
    const turn = await byTestId(browser, "turn");
    await browser.waitUntil(async () => /Waiting for the provider to answer round 1/.test(await turn.getText()), {
      timeout: 10_000,
    });
    await screenshot(browser, "50-round-1-proposed");

    // Save the package through the system's save dialog.
    const exportButton = await byTestId(browser, "export-package");
    await exportButton.scrollIntoView({ block: "center" });
    await exportButton.click();
    await answerSaveDialog("Save the package for the other side", round1);
    const saved = await byTestId(browser, "exported");
    await browser.waitUntil(async () => (await saved.getText()).includes("round1.slapkg"), {
      timeout: 15_000,
      timeoutMsg: "the package should be saved where the dialog said",
    });
    await screenshot(browser, "50b-package-saved");
  } finally {
    await browser.deleteSession();
  }

  // The provider imports it in the app, lowers the target and proposes round 2.
  browser = await launchApp(providerWorkspace);
  try {
    await importPackage(browser, round1);
    const title = await byTestId(browser, "agreement-title");
    await browser.waitUntil(async () => (await title.getText()) === "SaaS Availability SLA", { timeout: 10_000 });
    assert.match(await (await byTestId(browser, "turn")).getText(), /Your turn: answer round 1/);
    await retype(browser, await byTestId(browser, "term-input-availability.target"), "99.9");
    await browser.waitUntil(
      async () =>
        (await browser.execute(() => document.querySelector('[data-term="availability.target"]')?.textContent)) ===
        "99.9 %",
      { timeout: 10_000, timeoutMsg: "the target should change" },
    );
    // …and the credit for the first tier, from 10 % to 5 %.
    const firstCredit = await byTestId(browser, "cell-credits.tiers-0-1");
    await firstCredit.scrollIntoView({ block: "center" });
    await retype(browser, firstCredit, "5");
    await (await byTestId(browser, "save-table-credits.tiers")).click();
    await browser.waitUntil(() => firstTierCredit(providerWorkspace, id) === 5, {
      timeout: 10_000,
      timeoutMsg: "the lower credit should be saved",
    });
    // The customer's comment arrived with round 1: under the clause in the document…
    const received = await browser.$('[data-testid="clause"][data-clause="availability"] [data-testid="comment"]');
    await received.waitForExist({ timeout: 10_000 });
    assert.match(await received.getText(), /Round 1, customer: Checkout must stay up/);
    // …and beside the change in the redline.
    await (await byTestId(browser, "show-redline")).click();
    const comment = await byTestId(browser, "comment");
    assert.match(await comment.getText(), /Round 1, customer: Checkout must stay up: we need 99\.95 %\./);
    await screenshot(browser, "51a-comment-received");
    await (await byTestId(browser, "show-document")).click();
    await propose(browser, "Our counter-proposal");
  } finally {
    await browser.deleteSession();
  }
  const round2 = path.join(root, "round2.slapkg");
  cli(providerWorkspace, "package", "export", id, "--out", round2);

  // The customer first gets a tampered copy: refused, naming the round; nothing changes.
  const tampered = path.join(root, "tampered.slapkg");
  writeFileSync(tampered, readFileSync(round2, "utf8").replace("Our counter-proposal", "Take it or leave it"));
  browser = await launchApp(customerWorkspace);
  try {
    await importPackage(browser, tampered);
    const error = await byTestId(browser, "package-error");
    assert.match(await error.getText(), /Round 2 does not match its fingerprint/);
    await screenshot(browser, "51-tampered-package-refused");
    assert.match(cli(customerWorkspace, "show", id), /negotiating/);
    assert.equal(JSON.parse(cli(customerWorkspace, "show", id, "--json")).rounds.length, 1);

    await (await browser.$('[data-testid="package-file"]')).setValue(round2);
    await (await byTestId(browser, "package-submit")).click();
    const turn = await byTestId(browser, "turn");
    await browser.waitUntil(async () => /Your turn: answer round 2/.test(await turn.getText()), { timeout: 10_000 });
    // Each round names the key that signed it; the provider's key is pinned at first contact.
    const providerKey = cli(providerWorkspace, "key").trim();
    assert.equal(await (await byTestId(browser, "party-key-provider")).getText(), providerKey);
    assert.equal(await (await byTestId(browser, "party-key-customer")).getText(), cli(customerWorkspace, "key").trim());
    const signers = await browser.$$('[data-testid="round-signer"]');
    assert.equal(await signers[1].getText(), `Signed with key ${providerKey}`);

    // The redline from round 1 to round 2.
    await (await byTestId(browser, "show-redline")).click();
    const term = await browser.$('[data-testid="redline-term"][data-term="availability.target"]');
    await term.waitForExist({ timeout: 10_000 });
    const row = await browser.execute(
      () => document.querySelector('[data-testid="redline-term"][data-term="availability.target"]').textContent,
    );
    assert.match(row, /99\.95 %.*21 m 54 s.*99\.9 %.*43 m 49 s.*the provider/);
    const clause = await browser.$('[data-testid="redline-clause"][data-clause="availability"]');
    assert.equal(await clause.getAttribute("data-kind"), "modified");
    const marks = await browser.execute(() =>
      Array.from(
        document.querySelectorAll('[data-testid="redline-clause"][data-clause="availability"] del, [data-testid="redline-clause"][data-clause="availability"] ins'),
        (e) => `${e.tagName}:${e.textContent}`,
      ),
    );
    assert.deepEqual(marks, ["DEL:99.95", "INS:99.9"]);
    await screenshot(browser, "52-redline-round-1-to-2");
    const changes = await byTestId(browser, "redline-changes");
    assert.match(await changes.getText(), /2\.1 Availability/);
    await (await byTestId(browser, "redline-side-by-side")).click();
    const columns = await browser.execute(() =>
      Array.from(
        document.querySelectorAll('[data-clause="availability"] [data-testid="redline-columns"] p'),
        (p) => `${p.getAttribute("aria-label")}: ${Array.from(p.querySelectorAll("del, ins"), (e) => e.textContent).join("|")}`,
      ),
    );
    assert.deepEqual(columns, ["Before: 99.95", "After: 99.9"]);
    await screenshot(browser, "52b-redline-side-by-side");
    await (await byTestId(browser, "redline-side-by-side")).click();

    // The lower credit tier too, with whom it favours.
    const tiersRow = await browser.execute(
      () => document.querySelector('[data-testid="redline-term"][data-term="credits.tiers"]')?.textContent,
    );
    assert.match(tiersRow, /10 %.*5 %.*the provider/);
    // Row by row: only the first tier's credit is struck out and written anew.
    const tierMarks = await browser.execute(() =>
      Array.from(
        document.querySelectorAll('[data-testid="redline-term"][data-term="credits.tiers"] del, [data-testid="redline-term"][data-term="credits.tiers"] ins'),
        (e) => `${e.tagName}:${e.textContent}`,
      ),
    );
    assert.deepEqual(tierMarks, ["DEL:10 %", "INS:5 %"]);

    // Reject every change, then accept the lower credit: the draft keeps 99.95 % and takes 5 %;
    // then answer with round 3.
    const decided = (term) =>
      browser.execute((t) => document.querySelector(`[data-testid="decide-term-${t}"]`)?.getAttribute("data-state"), term);
    assert.equal(await decided("availability.target"), "accepted");
    assert.equal(await decided("credits.tiers"), "accepted");
    await (await byTestId(browser, "reject-all")).click();
    await browser.waitUntil(
      async () => (await decided("availability.target")) === "rejected" && (await decided("credits.tiers")) === "rejected",
      { timeout: 10_000, timeoutMsg: "every change should show as rejected" },
    );
    const acceptTiers = await browser.$('[data-testid="decide-term-credits.tiers"] [data-testid="accept-change"]');
    await acceptTiers.scrollIntoView({ block: "center" });
    await acceptTiers.click();
    await browser.waitUntil(async () => (await decided("credits.tiers")) === "accepted", {
      timeout: 10_000,
      timeoutMsg: "the credit change should show as accepted",
    });
    assert.equal(await decided("availability.target"), "rejected");
    const draft = JSON.parse(cli(customerWorkspace, "show", id, "--json")).agreement;
    assert.equal(draft.terms["availability.target"].value.value, 99.95);
    assert.equal(firstTierCredit(customerWorkspace, id), 5);
    await screenshot(browser, "53-change-rejected");
    const history = await browser.execute(
      () => document.querySelector('[data-testid="term-history-item"][data-term="availability.target"]')?.textContent,
    );
    assert.match(history, /99\.95 % \(round 1, customer\) → 99\.9 % \(round 2, provider\) → 99\.95 % \(draft\)/);
    await propose(browser, "We keep 99.95 %");
    assert.equal(JSON.parse(cli(customerWorkspace, "show", id, "--json")).rounds.length, 3);
  } finally {
    await browser.deleteSession();
  }

  // The provider accepts round 3 as final: agreed and locked on their side.
  const round3 = path.join(root, "round3.slapkg");
  cli(customerWorkspace, "package", "export", id, "--out", round3);
  browser = await launchApp(providerWorkspace);
  try {
    await (await byTestId(browser, "open-agreement")).click();
    await importPackageFromAgreement(browser, round3);
    await (await byTestId(browser, "accept-round")).click();
    await (await byTestId(browser, "accept-confirm")).click();
    const turn = await byTestId(browser, "turn");
    await browser.waitUntil(async () => /Agreed: both parties hold round 3/.test(await turn.getText()), {
      timeout: 10_000,
      timeoutMsg: "the agreement should be agreed",
    });
    assert.equal(await (await byTestId(browser, "term-input-availability.target")).isEnabled(), false, "locked");
    assert.match(cli(providerWorkspace, "show", id), /agreed/);
    await screenshot(browser, "54-agreed");
  } finally {
    await browser.deleteSession();
  }

  // The provider's acceptance reaches the customer: agreed on both sides, on the same text.
  const acceptance = path.join(root, "round4.slapkg");
  cli(providerWorkspace, "package", "export", id, "--out", acceptance);
  browser = await launchApp(customerWorkspace);
  try {
    await (await byTestId(browser, "open-agreement")).click();
    await importPackageFromAgreement(browser, acceptance);
    const turn = await byTestId(browser, "turn");
    await browser.waitUntil(async () => /Agreed: both parties hold round 3/.test(await turn.getText()), {
      timeout: 10_000,
      timeoutMsg: "the customer should see the agreement agreed",
    });
    assert.match(cli(customerWorkspace, "show", id), /agreed/);
    const agreedText = (workspace) => JSON.stringify(JSON.parse(cli(workspace, "show", id, "--json")).agreement);
    assert.equal(agreedText(customerWorkspace), agreedText(providerWorkspace));
    assert.equal(firstTierCredit(customerWorkspace, id), 5);
    await screenshot(browser, "55-agreed-customer");
  } finally {
    await browser.deleteSession();
  }
});

/** Proposes the agreement's next round from the command line with the target changed. */
function proposeWithTarget(workspace, id, target, message) {
  const agreement = JSON.parse(cli(workspace, "show", id, "--json")).agreement;
  agreement.terms["availability.target"].value.value = target;
  const file = path.join(root, `${path.basename(workspace)}-${target}.json`);
  writeFileSync(file, JSON.stringify(agreement));
  cli(workspace, "round", "propose", file, "-m", message);
}

test("a round signed with a new key is refused until the user checks and trusts it", async () => {
  const customer = path.join(root, "keys-customer");
  const provider = path.join(root, "keys-provider");
  const laptop = path.join(root, "keys-provider-laptop");
  const id = cli(customer, "new", "--template", "saas-availability", "--position", "customer", "--counterparty", "Cloudy Hosting Ltd").match(
    /[0-9a-f]{8}-[0-9a-f-]{27}/,
  )?.[0];
  const file = (name) => path.join(root, `keys-${name}.slapkg`);
  cli(customer, "round", "propose", id, "-m", "Opening");
  cli(customer, "package", "export", id, "--out", file("1"));
  cli(provider, "package", "import", file("1"));
  proposeWithTarget(provider, id, 99.9, "Counter");
  cli(provider, "package", "export", id, "--out", file("2"));
  cli(customer, "package", "import", file("2"));
  proposeWithTarget(customer, id, 99.95, "Back to 99.95");
  cli(customer, "package", "export", id, "--out", file("3"));
  // The provider's counsel answers from a new laptop: a new workspace, so a new key.
  cli(laptop, "package", "import", file("3"));
  proposeWithTarget(laptop, id, 99.8, "From my new laptop");
  cli(laptop, "package", "export", id, "--out", file("4"));
  const oldKey = cli(provider, "key").trim();
  const newKey = cli(laptop, "key").trim();
  assert.notEqual(oldKey, newKey);

  const browser = await launchApp(customer);
  try {
    await importPackage(browser, file("4"));
    const warning = await byTestId(browser, "key-warning");
    assert.match(await warning.getText(), /Round 4 is signed with a new key/);
    assert.equal((await (await byTestId(browser, "pinned-fingerprint")).getText()).replace(/\s+/g, " "), oldKey);
    assert.equal((await (await byTestId(browser, "new-fingerprint")).getText()).replace(/\s+/g, " "), newKey);
    await screenshot(browser, "56-new-key-warning");
    assert.equal(JSON.parse(cli(customer, "show", id, "--json")).rounds.length, 3, "nothing imported");

    await (await byTestId(browser, "trust-key")).click();
    const turn = await byTestId(browser, "turn");
    await browser.waitUntil(async () => /Your turn: answer round 4/.test(await turn.getText()), {
      timeout: 10_000,
      timeoutMsg: "the round should be imported once the key is trusted",
    });
    assert.equal(await (await byTestId(browser, "party-key-provider")).getText(), newKey);

    await (await byTestId(browser, "show-signing-key")).click();
    assert.equal((await (await byTestId(browser, "own-fingerprint")).getText()).replace(/\s+/g, " "), cli(customer, "key").trim());
    await screenshot(browser, "57-own-signing-key");
  } finally {
    await browser.deleteSession();
  }
});

/** Imports a package from inside an open agreement: back to the list, import, reopen. */
async function importPackageFromAgreement(browser, file) {
  await (await byTestId(browser, "back-home")).click();
  await importPackage(browser, file);
  await byTestId(browser, "agreement-title");
}
