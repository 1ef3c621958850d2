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

/** Edits a .docx the way Word does (tracked runs with rsids, a run split mid-number, a
 * comment), with Python's zipfile on the Debian interpreter. */
function editAsWord(source, target) {
  const script = `
import sys, zipfile
T = 'w:author="Jane Counsel" w:date="2027-03-05T10:00:00Z"'
with zipfile.ZipFile(sys.argv[1]) as z, zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as out:
    for item in z.infolist():
        data = z.read(item.filename)
        if item.filename == 'word/document.xml':
            s = data.decode()
            s = s.replace('at least 99.5 % in each', 'at least </w:t></w:r><w:del w:id="901" ' + T + '><w:r w:rsidDel="00A1B2C3"><w:delText>99.5</w:delText></w:r></w:del><w:commentRangeStart w:id="4"/><w:ins w:id="902" ' + T + '><w:r w:rsidR="00D4E5F6"><w:t>99.</w:t></w:r><w:r w:rsidR="00D4E5F7"><w:t>7</w:t></w:r></w:ins><w:commentRangeEnd w:id="4"/><w:r><w:commentReference w:id="4"/></w:r><w:r><w:t xml:space="preserve"> % in each', 1)
            s = s.replace('in writing within 30 days', 'in writing within </w:t></w:r><w:del w:id="903" ' + T + '><w:r><w:delText>30</w:delText></w:r></w:del><w:ins w:id="904" ' + T + '><w:r><w:t>ten (10)</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> days', 1)
            data = s.encode()
        out.writestr(item, data)
    out.writestr('word/comments.xml', '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="4" w:author="Jane Counsel" w:date="2027-03-05T10:01:00Z"><w:p><w:r><w:t>We can commit to 99.7.</w:t></w:r></w:p></w:comment></w:comments>')
`;
  execFileSync("/usr/bin/python3", ["-c", script, source, target]);
}

test("a reply edited in Word comes back as the provider's round, with the term change and its impact", async () => {
  const id = JSON.parse(cli("list", "--json"))[0].id;
  const exported = path.join(root, "round-2-for-word.docx");
  const reply = path.join(root, "round-2-reply.docx");

  const browser = await launchApp(workspace);
  try {
    await (await byTestId(browser, "open-agreement")).click();
    const exportButton = await byTestId(browser, "export-word");
    await exportButton.scrollIntoView({ block: "center" });
    await exportButton.click();
    await answerSaveDialog("Save for Word", exported);
    await browser.waitUntil(async () => (await (await byTestId(browser, "exported")).getText()).includes("round-2-for-word"), {
      timeout: 20_000,
      timeoutMsg: "round 2 should be saved for Word",
    });
    editAsWord(exported, reply);

    const importButton = await byTestId(browser, "import-word");
    await importButton.scrollIntoView({ block: "center" });
    await importButton.click();
    await (await browser.$('[data-testid="word-file"]')).setValue(reply);
    await (await byTestId(browser, "word-submit")).click();
    const changes = await byTestId(browser, "word-changes");
    const listed = await changes.getText();
    assert.match(listed, /Availability target: 99\.5 % → 99\.7 % \(tracked: Jane Counsel, 2027-03-05\)/);
    assert.match(listed, /Claim window: 30 days → 10 days/);
    await screenshot(browser, "69-word-reply-imported");
    await (await byTestId(browser, "word-import-done")).click();

    // The redline (round 2 → round 3) shows the term change with what it means.
    const terms = await byTestId(browser, "redline-terms");
    await browser.waitUntil(async () => (await terms.getText()).includes("99.7 %"), {
      timeout: 10_000,
      timeoutMsg: "the redline should show the new target",
    });
    const text = await terms.getText();
    assert.match(text, /Availability target/);
    assert.match(text, /99\.7 %allows 2 h 11 m 29 s of Downtime per calendar month/, text);
    await screenshot(browser, "70-word-reply-redline");
  } finally {
    await browser.deleteSession();
  }

  const record = JSON.parse(cli("show", id, "--json"));
  assert.equal(record.rounds.length, 3);
  assert.equal(record.rounds[2].author, "provider");
  assert.match(record.rounds[2].message, /edited by Jane Counsel/);
  assert.equal(record.agreement.terms["availability.target"].value.value, 99.7);
});
