// The real app over WebDriver: the export dialog makes a round's PDF and saves it where the
// system's save dialog says; poppler then reads the fingerprint on every page.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { answerSaveDialog, byTestId, cliBinary, launchApp, screenshot, startDriver, stopDriver } from "./app.mjs";

const root = mkdtempSync(path.join(tmpdir(), "sla-e2e-pdf-"));
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

test("export a round as a PDF through the system's save dialog", async () => {
  const id = cli("new", "--template", "saas-availability", "--counterparty", "Cloudy Hosting Ltd").trim();
  const proposed = cli("round", "propose", id, "--message", "Opening");
  const hash = proposed.match(/fingerprint ([0-9a-f]{64})/)[1];
  const file = path.join(root, "round-1.pdf");

  const browser = await launchApp(workspace);
  try {
    await (await byTestId(browser, "open-agreement")).click();
    const button = await byTestId(browser, "export-pdf");
    await button.scrollIntoView({ block: "center" });
    await button.click();
    await byTestId(browser, "export-pdf-dialog");
    await (await byTestId(browser, "pdf-version")).selectByAttribute("value", "1");
    // The preview: the first two pages as the PDF will draw them, the fingerprint in the footer.
    await browser.waitUntil(
      async () =>
        (await browser.execute(() => document.querySelectorAll('[data-testid="pdf-preview-page"]').length)) === 2,
      { timeout: 15_000, timeoutMsg: "the preview should show two pages" },
    );
    const previewText = await browser.execute(() => document.querySelector('[data-testid="pdf-preview"]').textContent);
    assert.ok(previewText.includes(hash), "the preview's footer carries round 1's fingerprint");
    await screenshot(browser, "60-export-pdf-dialog");
    // A page clicked is shown alone, larger; clicked again, both come back.
    await (await browser.$$('[data-testid="pdf-preview-page"]'))[0].click();
    await browser.waitUntil(
      async () =>
        (await browser.execute(() => document.querySelectorAll('[data-testid="pdf-preview-page"]').length)) === 1,
      { timeout: 5_000, timeoutMsg: "the clicked page should be shown alone" },
    );
    await screenshot(browser, "60b-export-pdf-preview-enlarged");
    await (await byTestId(browser, "pdf-preview-page")).click();
    await (await byTestId(browser, "pdf-submit")).click();
    await answerSaveDialog("Save the PDF", file);
    const saved = await byTestId(browser, "pdf-saved");
    await browser.waitUntil(async () => (await saved.getText()).includes("round-1.pdf"), {
      timeout: 20_000,
      timeoutMsg: "the PDF should be saved where the dialog said",
    });
    await screenshot(browser, "61-pdf-saved");
  } finally {
    await browser.deleteSession();
  }

  assert.ok(existsSync(file));
  const pages = Number(execFileSync("pdfinfo", [file], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 4, `${pages} pages`);
  for (let page = 1; page <= pages; page++) {
    const text = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), file, "-"], { encoding: "utf8" });
    assert.ok(text.includes(hash), `page ${page} carries round 1's fingerprint`);
  }
  execFileSync("qpdf", ["--check", file]);
});
