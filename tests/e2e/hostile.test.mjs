// The other side's text is hostile. 56 script and HTML payloads (tests/hostile/payloads.txt:
// script tags, event handlers, javascript: and data: URLs, iframes, SVG, mXSS, template
// syntax, bidi overrides, zero-width characters, calls to the Tauri IPC) are placed in the
// agreement's title, the party names, clause headings and text, a text term, a round's message
// and 56 comments; a second round adds more. The real app shows every one literally in the
// document and in the redline, no element carries an event handler, nothing set the canary,
// and no command was invoked but the app's own.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { byTestId, cliBinary, launchApp, root as repository, screenshot, startDriver, stopDriver } from "./app.mjs";

const root = mkdtempSync(path.join(tmpdir(), "sla-e2e-hostile-"));
const workspace = path.join(root, "workspace");
const payloads = readFileSync(path.join(repository, "tests/hostile/payloads.txt"), "utf8")
  .split("\n")
  .filter((line) => line.length > 0);
let driver;

before(async () => {
  driver = await startDriver(workspace);
});

after(async () => {
  await stopDriver(driver);
  rmSync(root, { recursive: true, force: true });
});

function cli(...args) {
  return execFileSync(cliBinary, ["--workspace", workspace, ...args], { encoding: "utf8" });
}

/** Whitespace collapsed, as the page's text content compares. */
const flat = (text) => text.replace(/\s+/g, " ").trim();

/** Clause text may not hold `{{…}}` that is not a term reference: those go elsewhere. */
const inClauseText = payloads.filter((p) => !p.includes("{{"));

function proposeFile(agreement, message) {
  const file = path.join(root, `${message.length}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(agreement));
  cli("round", "propose", file, "-m", message);
}

test("hostile text is shown literally everywhere and runs nothing", async () => {
  const id = cli("new", "--template", "saas-availability", "--counterparty", "Cloudy Hosting Ltd").match(
    /[0-9a-f]{8}-[0-9a-f-]{27}/,
  )?.[0];
  const agreement = JSON.parse(cli("show", id, "--json")).agreement;
  agreement.title = payloads[0];
  agreement.parties.customer.name = payloads[2];
  agreement.parties.provider.name = payloads[4];
  const templated = payloads.find((p) => p.includes("{{"));
  agreement.terms["law.governing"].value.value = templated;
  const clauses = agreement.sections.flatMap((s) => s.clauses);
  clauses.slice(0, 5).forEach((clause, i) => {
    clause.heading = inClauseText[10 + i];
  });
  inClauseText.forEach((payload, i) => {
    clauses[i % clauses.length].text += `\n\n${payload}`;
  });
  proposeFile(agreement, payloads[6]);
  // Comments on clauses, the term and the agreement, one per payload; round 2 carries them
  // and adds a few payloads as new paragraphs (insertions in the redline).
  payloads.forEach((payload, i) => {
    const target = i % 3 === 0 ? ["--clause", clauses[i % clauses.length].id] : i % 3 === 1 ? ["--term", "law.governing"] : [];
    cli("comment", id, ...target, payload);
  });
  const added = inClauseText.slice(0, 6);
  clauses[0].text += `\n\n${added.join("\n\n")}`;
  proposeFile(agreement, payloads[8]);
  assert.equal(JSON.parse(cli("show", id, "--json")).rounds.length, 2);

  const browser = await launchApp(workspace);
  try {
    // Record every command the page sends from here on. Tauri's IPC goes out as a fetch of
    // ipc://localhost/<command>; whether the spy works is checked below (it must see the app's
    // own calls).
    await browser.execute(() => {
      const send = window.fetch.bind(window);
      window.__commands = [];
      window.fetch = (resource, options) => {
        const url = String(resource instanceof Request ? resource.url : resource);
        if (url.startsWith("ipc:")) window.__commands.push(decodeURIComponent(url.split("/").pop() ?? ""));
        return send(resource, options);
      };
    });
    await byTestId(browser, "agreement-row");
    const rowText = flat(await browser.execute(() => document.querySelector('[data-testid="agreement-row"]')?.textContent ?? ""));
    assert.ok(rowText.includes(flat(payloads[0])), `the title, literally, in the list: ${rowText}`);

    await (await byTestId(browser, "open-agreement")).click();
    const title = await byTestId(browser, "agreement-title");
    assert.equal(await title.getText(), payloads[0]);
    const documentText = async () =>
      flat(await browser.execute(() => document.querySelector('[data-testid="document"]')?.textContent ?? ""));
    await browser.waitUntil(async () => (await documentText()).includes(flat(inClauseText.at(-1))), {
      timeout: 10_000,
      timeoutMsg: "the document should show the clause text",
    });
    const shown = await documentText();
    const missing = inClauseText.filter((p) => !shown.includes(flat(p)));
    assert.deepEqual(missing, [], "every payload in clause text is shown literally in the document");
    const page = flat(await browser.execute(() => document.body.textContent ?? ""));
    for (const payload of [payloads[2], payloads[4], templated, payloads[8]]) {
      assert.ok(page.includes(flat(payload)), `shown literally: ${payload}`);
    }
    const onClauses = payloads.filter((_, i) => i % 3 === 0);
    const clauseCommentsShown = onClauses.filter((p) => page.includes(flat(`customer: ${p}`)));
    assert.equal(clauseCommentsShown.length, onClauses.length, "every clause comment is shown literally under its clause");
    await screenshot(browser, "62-hostile-document");

    await (await byTestId(browser, "show-redline")).click();
    const redline = await byTestId(browser, "redline");
    await browser.waitUntil(async () => flat(await redline.getText()).includes(flat(added.at(-1))), {
      timeout: 10_000,
      timeoutMsg: "the redline should show the inserted payloads",
    });
    const redlineText = flat(await browser.execute(() => document.querySelector('[data-testid="redline"]')?.textContent ?? ""));
    assert.deepEqual(
      added.filter((p) => !redlineText.includes(flat(p))),
      [],
      "every inserted payload is shown literally in the redline",
    );
    const commentsInRedline = payloads.filter((p) => redlineText.includes(flat(`customer: ${p}`)));
    console.log(`# comments shown in the redline: ${commentsInRedline.length} of ${payloads.length}`);
    assert.equal(commentsInRedline.length, payloads.length, "every comment is shown literally in the redline");
    await screenshot(browser, "63-hostile-redline");

    // Nothing ran: no canary, no element with an event handler, no frames or plugins, and
    // no command but the app's own.
    const findings = await browser.execute(() => ({
      pwned: typeof window.__pwned,
      handlers: Array.from(document.querySelectorAll("*")).flatMap((element) =>
        Array.from(element.attributes)
          .filter((attribute) => attribute.name.startsWith("on"))
          .map((attribute) => `${element.tagName}.${attribute.name}`),
      ),
      frames: document.querySelectorAll("iframe, object, embed, frame, base, meta[http-equiv]").length,
      inlineScripts: Array.from(document.querySelectorAll("script")).filter((s) => s.textContent?.includes("__pwned")).length,
      commands: window.__commands,
      location: window.location.href,
    }));
    assert.equal(findings.pwned, "undefined", "no payload ran");
    assert.deepEqual(findings.handlers, [], "no element carries an event handler");
    assert.equal(findings.frames, 0);
    assert.equal(findings.inlineScripts, 0);
    assert.ok(findings.commands.includes("agreement_view") && findings.commands.includes("review"), "the spy sees IPC");
    assert.deepEqual(
      findings.commands.filter((c) => !["list_agreements", "agreement_view", "review", "workspace_info"].includes(c)),
      [],
      `only the app's own reads: ${findings.commands.join(", ")}`,
    );
    assert.ok(!findings.location.startsWith("javascript:"), findings.location);
    // Least privilege at run time: what a script in the page could try is refused by Tauri.
    const refused = await browser.executeAsync((done) => {
      const attempts = [
        ["plugin:dialog|open", {}],
        ["plugin:fs|read_text_file", { path: "/etc/passwd" }],
        ["plugin:shell|execute", { program: "sh", args: ["-c", "id"] }],
        ["plugin:http|fetch", { url: "https://example.invalid/" }],
        ["delete_everything", {}],
      ];
      Promise.all(
        attempts.map(([command, args]) =>
          window.__TAURI_INTERNALS__.invoke(command, args).then(
            () => `${command}: ALLOWED`,
            (error) => `${command}: refused (${String(error).slice(0, 60)})`,
          ),
        ),
      ).then(done);
    });
    assert.equal(refused.filter((r) => r.includes("ALLOWED")).length, 0, refused.join("\n"));
    console.log(`# ${refused.join("; ")}`);
    assert.equal(JSON.parse(cli("show", id, "--json")).rounds.length, 2, "the agreement is intact");
    console.log(
      `# ${payloads.length} payloads; ${inClauseText.length} in clause text, ${payloads.length} comments; ` +
        `commands invoked: ${[...new Set(findings.commands)].join(", ")}`,
    );
  } finally {
    await browser.deleteSession();
  }
});
