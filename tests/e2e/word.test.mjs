// The real app over WebDriver: "Export for Word…" saves the latest round as a .docx where the
// system's save dialog says; LibreOffice (a second reader of the format) opens it and its text
// is the round's. Then the redline between two rounds, exported for Word, holds the change as
// a tracked change (w:del and w:ins by the round's author) that LibreOffice prints.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { answerSaveDialog, byTestId, cliBinary, launchApp, screenshot, startDriver, stopDriver } from "./app.mjs";

const root = mkdtempSync(path.join(tmpdir(), "sla-e2e-word-"));
const workspace = path.join(root, "workspace");
let driver;

before(async () => {
  driver = await startDriver(workspace);
});

after(async () => {
  await stopDriver(driver);
  rmSync(root, { recursive: true, force: true });
});

const cli = (...args) => execFileSync(cliBinary, ["--workspace", workspace, ...args], { encoding: "utf8" });

test("export the latest round for Word through the system's save dialog", async () => {
  const id = cli("new", "--template", "saas-availability", "--counterparty", "Cloudy Hosting Ltd").trim();
  cli("round", "propose", id, "--message", "Opening");
  const file = path.join(root, "for-word.docx");

  const browser = await launchApp(workspace);
  try {
    await (await byTestId(browser, "open-agreement")).click();
    const button = await byTestId(browser, "export-word");
    await button.scrollIntoView({ block: "center" });
    await button.click();
    await answerSaveDialog("Save for Word", file);
    const saved = await byTestId(browser, "exported");
    await browser.waitUntil(async () => (await saved.getText()).includes("for-word.docx"), {
      timeout: 20_000,
      timeoutMsg: "the Word file should be saved where the dialog said",
    });
    await screenshot(browser, "67-word-exported");
  } finally {
    await browser.deleteSession();
  }

  assert.ok(existsSync(file));
  const profile = path.join(root, "lo-profile");
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "txt:Text", "--outdir", root, file],
    { encoding: "utf8", timeout: 120_000 },
  );
  const text = readFileSync(path.join(root, "for-word.txt"), "utf8").split(/\s+/).join(" ");
  const round = JSON.parse(cli("show", id, "--json"));
  for (const [s, section] of round.agreement.sections.entries()) {
    assert.ok(text.includes(`${s + 1}. ${section.heading}`), `section ${section.heading}`);
    for (const [c, clause] of section.clauses.entries()) {
      assert.ok(text.includes(`${s + 1}.${c + 1} ${clause.heading}`), `clause ${clause.heading}`);
    }
  }
  assert.ok(text.includes("Round 1, proposed by the customer"), text.slice(0, 600));
});

test("export the redline between two rounds for Word as tracked changes", async () => {
  const id = JSON.parse(cli("list", "--json"))[0].id;
  // Round 2 lowers the target (the draft taken from a file, as `sla round propose FILE` does).
  const shown = JSON.parse(cli("show", id, "--json")).agreement;
  shown.terms["availability.target"].value.value = 99.5;
  const answer = path.join(root, "round-2.json");
  writeFileSync(answer, JSON.stringify(shown));
  cli("round", "propose", answer, "--message", "Lower target");
  const file = path.join(root, "redline.docx");

  const browser = await launchApp(workspace);
  try {
    await (await byTestId(browser, "open-agreement")).click();
    await (await byTestId(browser, "show-redline")).click();
    await byTestId(browser, "redline");
    await (await byTestId(browser, "redline-word")).click();
    await answerSaveDialog("Save the redline for Word", file);
    const saved = await byTestId(browser, "redline-word-saved");
    await browser.waitUntil(async () => (await saved.getText()).includes("redline.docx"), {
      timeout: 20_000,
      timeoutMsg: "the redline should be saved where the dialog said",
    });
    await screenshot(browser, "68-redline-for-word");
  } finally {
    await browser.deleteSession();
  }

  const document = execFileSync("unzip", ["-p", file, "word/document.xml"], { encoding: "utf8" });
  assert.match(document, /<w:del w:id="\d+" w:author="the Customer" w:date="[^"]+"><w:r><w:delText xml:space="preserve">99\.9<\/w:delText>/);
  assert.match(document, /<w:ins w:id="\d+" w:author="the Customer" w:date="[^"]+"><w:r><w:t xml:space="preserve">99\.5<\/w:t>/);
  const profile = path.join(root, "lo-profile");
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", root, file],
    { encoding: "utf8", timeout: 120_000 },
  );
  const text = execFileSync("pdftotext", [path.join(root, "redline.pdf"), "-"], { encoding: "utf8" });
  assert.ok(text.includes("99.999.5"), "LibreOffice prints the deleted and the inserted value side by side");
});
