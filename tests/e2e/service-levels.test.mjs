// The real app over WebDriver, after signature: an SaaS SLA agreed between two workspaces
// (customer and provider, through packages); the customer opens "Service levels", imports
// a malformed incident log (refused whole, naming the line), then March 2027's log, and sees
// the availability with its working and the credit owed; exports the report and the claim
// letter through the system's save dialog (poppler reads their figures back) and the key
// dates as an iCalendar file; the home screen shows what is coming up.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { answerSaveDialog, byTestId, cliBinary, launchApp, screenshot, startDriver, stopDriver } from "./app.mjs";

const root = mkdtempSync(path.join(tmpdir(), "sla-e2e-service-levels-"));
const customer = path.join(root, "customer");
const provider = path.join(root, "provider");
let driver;

before(async () => {
  driver = await startDriver(customer);
});

after(async () => {
  await stopDriver(driver);
  rmSync(root, { recursive: true, force: true });
});

const cli = (workspace, ...args) => execFileSync(cliBinary, ["--workspace", workspace, ...args], { encoding: "utf8" });

/** Agrees the balanced SaaS template between the two workspaces: round 1 accepted as final. */
function agreeSaasSla() {
  const id = cli(customer, "new", "--template", "saas-availability", "--counterparty", "Cloudy Hosting Ltd").trim();
  cli(customer, "round", "propose", id, "--message", "Our draft");
  const first = path.join(root, "round-1.slapkg");
  cli(customer, "package", "export", id, "--out", first);
  cli(provider, "package", "import", first);
  cli(provider, "round", "accept", id);
  const second = path.join(root, "round-2.slapkg");
  cli(provider, "package", "export", id, "--out", second);
  cli(customer, "package", "import", second);
  return id;
}

// March 2027 in London: 31 days less the hour summer time takes = 44,580 minutes.
// 78 minutes down on 4 March (a third-party failure inside it counts once); 3 h 30 of
// maintenance announced 7 days ahead (within the 4-hour allowance, 5 days' notice); 45 minutes
// caused by the customer (excluded); 90 minutes down from 22:30 on 31 March to midnight (the
// rest falls in April). Measured 44,580 − 210 − 45 = 44,325; Downtime 78 + 90 = 168 →
// 44,157 ÷ 44,325 = 99.620 % → below 99.9 %: a 10 % credit, to claim by 30 April.
const MARCH = `start,end,service,cause,notified
2027-03-04T10:02:00+00:00,2027-03-04T11:20:00+00:00,checkout,unplanned,
2027-03-04T10:40:00+00:00,2027-03-04T11:05:00+00:00,checkout,third_party,
2027-03-13T23:00:00+00:00,2027-03-14T02:30:00+00:00,checkout,scheduled,2027-03-06T09:00:00+00:00
2027-03-19T14:00:00+00:00,2027-03-19T14:45:00+00:00,checkout,customer,
2027-03-31T22:30:00+01:00,2027-04-01T01:00:00+01:00,checkout,unplanned,
`;
const MALFORMED = `start,end,service,cause
2027-03-04T10:02:00Z,2027-03-04T11:20:00Z,checkout,unplanned
2027-03-05 10:00,2027-03-05T11:00:00Z,checkout,unplanned
`;

/** Sets a controlled input's value the way typing does (React listens for `input`). */
async function setInputValue(browser, testId, value) {
  await byTestId(browser, testId);
  await browser.execute(
    (id, text) => {
      const input = document.querySelector(`[data-testid="${id}"]`);
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
      setter.call(input, text);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    },
    testId,
    value,
  );
}

async function pickFile(browser, testId, file) {
  await (await browser.$(`[data-testid="${testId}"]`)).setValue(file);
  await browser.waitUntil(
    async () =>
      (await browser.execute(
        (id) => document.querySelector(`[data-testid="${id}"]`).parentElement.textContent,
        testId,
      )).includes(`Read ${path.basename(file)}`),
    { timeout: 10_000, timeoutMsg: `${file} should be read` },
  );
}

const pdfText = (file) => execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).split(/\s+/).join(" ");

test("measure a month of incidents for an agreed SaaS SLA and claim the credit", async () => {
  const id = agreeSaasSla();
  const march = path.join(root, "incidents-2027-03.csv");
  const malformed = path.join(root, "incidents-malformed.csv");
  writeFileSync(march, MARCH);
  writeFileSync(malformed, MALFORMED);
  const reportFile = path.join(root, "service-levels-2027-03.pdf");
  const letterFile = path.join(root, "claim-2027-03.pdf");
  const calendarFile = path.join(root, "key-dates.ics");

  const browser = await launchApp(customer);
  try {
    // Home: the agreed agreement's dates are coming up (it takes effect today).
    const coming = await byTestId(browser, "coming-up");
    assert.match(await coming.getText(), /The agreement takes effect/);
    await screenshot(browser, "64-home-coming-up");

    await (await byTestId(browser, "open-agreement")).click();
    await (await byTestId(browser, "show-service-levels")).click();
    await byTestId(browser, "service-levels");
    await setInputValue(browser, "period-from", "2027-03");
    await setInputValue(browser, "period-to", "2027-03");

    // A malformed log is refused whole, naming the line; nothing is measured.
    await pickFile(browser, "incidents-file", malformed);
    await (await byTestId(browser, "measure")).click();
    const refusal = await byTestId(browser, "measure-error");
    assert.match(await refusal.getText(), /line 3: start `2027-03-05 10:00` is not an ISO 8601 time/);
    assert.equal(await browser.$('[data-testid="measurement"]').isExisting(), false);

    await pickFile(browser, "incidents-file", march);
    await (await byTestId(browser, "measure")).click();
    await byTestId(browser, "measurement");
    const credit = await byTestId(browser, "credit");
    assert.equal(await credit.getText(), "10 %");
    const row = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="summary-table"] tbody tr[data-window="2027-03"] td')]
        .map((cell) => cell.textContent)
        .join(" | "),
    );
    assert.equal(row, "2027-03 | 99.620 % | 168 min | missed | 10 % | 30 April 2027");
    const working = await (await byTestId(browser, "working")).getText();
    for (const step of [
      "The window 2027-03 is 44,580 minutes.",
      "Scheduled maintenance: 210 minutes within the allowance of 240 minutes (not Downtime), 0 minutes beyond it (Downtime).",
      "Caused by the Customer: 45 minutes excluded from the window, as the agreement provides.",
      "Downtime: 168 minutes (overlapping incidents counted once).",
      "Availability = (44,325 minutes − 168 minutes) ÷ 44,325 minutes = 99.620 % (rounded down to thousandths of a percent).",
    ]) {
      assert.ok(working.includes(step), `the working shows "${step}":\n${working}`);
    }
    const bars = await browser.$$('[data-testid="chart-bar"]');
    assert.equal(bars.length, 1);
    assert.equal(await bars[0].getAttribute("data-missed"), "true");
    await screenshot(browser, "65-service-levels-measured");
    const letterPanel = await byTestId(browser, "claim-letter");
    await letterPanel.click();
    await browser.execute(() => document.querySelector('[data-testid="claim-letter"]').scrollIntoView({ block: "start" }));
    assert.match(await letterPanel.getText(), /Under clause 4\.1 this gives a Service Credit of 10 % of the fees for 2027-03/);
    await screenshot(browser, "66-claim-letter");

    // The report and the claim letter, saved where the system's dialog says.
    await (await byTestId(browser, "export-report")).click();
    await answerSaveDialog("Save the PDF", reportFile);
    const saved = await byTestId(browser, "measurement-saved");
    await browser.waitUntil(async () => (await saved.getText()).includes(path.basename(reportFile)), {
      timeout: 20_000,
      timeoutMsg: "the report should be saved",
    });
    await (await byTestId(browser, "export-letter")).click();
    await answerSaveDialog("Save the PDF", letterFile);
    await browser.waitUntil(async () => (await saved.getText()).includes(path.basename(letterFile)), {
      timeout: 20_000,
      timeoutMsg: "the letter should be saved",
    });
    const calendarButton = await byTestId(browser, "export-calendar");
    await calendarButton.scrollIntoView({ block: "center" });
    await calendarButton.click();
    await answerSaveDialog("Save the key dates", calendarFile);
    await browser.waitUntil(
      async () => (await (await byTestId(browser, "calendar-saved")).getText()).includes("key-dates.ics"),
      { timeout: 20_000, timeoutMsg: "the calendar should be saved" },
    );
  } finally {
    await browser.deleteSession();
  }

  const report = pdfText(reportFile);
  assert.ok(report.includes("2027-03 99.620 % 168 min missed 10 % 30 April 2027"), report);
  assert.ok(report.includes("Measured against the agreed version: round 2"), report);
  const letter = pdfText(letterFile);
  assert.ok(
    letter.includes("In 2027-03, Availability was 99.620 % (168 minutes of Downtime in 44,325 minutes measured)"),
    letter,
  );
  assert.ok(letter.includes("Under clause 4.1 this gives a Service Credit of 10 % of the fees for 2027-03."), letter);
  execFileSync("qpdf", ["--check", reportFile]);
  execFileSync("qpdf", ["--check", letterFile]);
  const ics = readFileSync(calendarFile, "utf8");
  assert.ok(existsSync(calendarFile) && ics.startsWith("BEGIN:VCALENDAR"));
  assert.match(ics, /SUMMARY:Last day to give notice of non-renewal/);
  // The agreement itself was not changed by measuring it.
  assert.equal(JSON.parse(cli(customer, "show", id, "--json")).summary.status, "agreed");
});
