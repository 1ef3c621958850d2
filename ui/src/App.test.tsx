import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "./App";
import type { AgreementRecord, AgreementSummary, AgreementView, ApiError, RoundSummary, TemplateInfo } from "./ipc";
import { MAX_VISIBLE_ROWS } from "./screens/Home";

type Call = { cmd: string; args: Record<string, unknown> };

function summary(overrides: Partial<AgreementSummary> = {}): AgreementSummary {
  return {
    id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11",
    title: "Managed Hosting SLA",
    our_role: "customer",
    counterparty: "Cloudy Hosting Ltd",
    status: "draft",
    latest_round: null,
    updated_at: "2026-11-24T23:20:00Z",
    ...overrides,
  };
}

function record(s: AgreementSummary): AgreementRecord {
  return {
    summary: s,
    created_at: s.updated_at,
    agreement: {
      format_version: 1,
      id: s.id,
      title: s.title,
      parties: {
        customer: { name: "", signatory: null },
        provider: { name: s.counterparty, signatory: null },
      },
      effective_date: null,
      terms: {},
      sections: [],
    },
    rounds: [...mockedRounds],
  };
}

const SAAS: TemplateInfo = {
  id: "saas-availability",
  name: "SaaS Availability SLA",
  structure: "service_based",
  description: "Availability target with service credits.",
  options: [{ name: "clawback", label: "Let the Provider earn back service credits", default: false, help: null }],
  key_terms: [
    {
      id: "availability.target",
      label: "Availability target",
      help: null,
      range: "90 % to 99.999 %",
      options: [],
      defaults: { customer: "99.95", balanced: "99.9", provider: "99.5" },
    },
    {
      id: "availability.window",
      label: "Measurement window",
      help: null,
      range: null,
      options: ["calendar month", "calendar quarter"],
      defaults: { customer: "calendar month", balanced: "calendar month", provider: "calendar quarter" },
    },
  ],
};

function view(s: AgreementSummary, target = "99.9"): AgreementView {
  return {
    record: record(s),
    document: [
      {
        id: "service-levels",
        number: "1",
        heading: "Service levels",
        clauses: [
          {
            id: "availability",
            number: "1.1",
            heading: "Availability",
            paragraphs: [
              [
                { kind: "text", text: "Availability of at least " },
                { kind: "term", term: "availability.target", text: `${target} %`, table: null },
                { kind: "text", text: " each month." },
              ],
            ],
          },
        ],
      },
    ],
    terms: [
      {
        id: "availability.target",
        label: "Availability target",
        type: "percentage",
        value: `${target} %`,
        range: "90 % to 99.999 %",
        quoted_by: ["availability"],
        meaning: target === "99.9" ? "allows 43 m 49 s of Downtime per calendar month" : "allows 21 m 54 s of Downtime per calendar month",
        input: target,
        options: [],
        table: null,
      },
      {
        id: "credits.tiers",
        label: "Service credit tiers",
        type: "tier_table",
        value: "below 99.9 %: 10 %; below 99 %: 25 %",
        range: null,
        quoted_by: ["availability"],
        meaning: null,
        input: null,
        options: [],
        table: { header: ["Achieved level below (%)", "Service credit (%)"], rows: [["99.9", "10"], ["99", "25"]] },
      },
    ],
    findings: [
      {
        severity: "warning",
        rule: "clawback",
        clause: "availability",
        terms: [],
        message: "Availability: something to look at",
      },
    ],
    credit_chart: {
      target: Number(target),
      cap: 50,
      steps: [
        { below: 99.9, credit: 10 },
        { below: 99, credit: 25 },
      ],
      bands: [98, 99, 99.9, 100],
      credit_ceiling: 60,
      credit_ticks: [0, 10, 25],
      window: "calendar month",
    },
    history: { undo: null, redo: null },
    pending_comments: [],
    comments: [],
    party_keys: [],
  };
}

let mockedRounds: readonly RoundSummary[] = [];
/** Rounds the next records carry (reset after each test). */
function mockRounds(rounds: readonly RoundSummary[]) {
  mockedRounds = rounds;
}
afterEach(() => {
  mockedRounds = [];
});

/** A fake backend holding agreements in memory; records every call. */
function backend(initial: AgreementSummary[], failures: Record<string, ApiError> = {}) {
  let agreements = [...initial];
  const calls: Call[] = [];
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const failure = failures[cmd];
    if (failure) throw failure;
    switch (cmd) {
      case "workspace_info":
        return {
          path: "sample-data/app.slastudio.desktop",
          key_fingerprint: "07261 55830 12345 67890 00001 99999 31415 92653",
          limits: { document_bytes: 1000, package_bytes: 1000, word_bytes: 1000, measurement_bytes: 1000 },
        };
      case "list_agreements":
        return agreements;
      case "create_agreement": {
        const request = args.request as { title: string; our_role: "customer" | "provider"; counterparty: string };
        const created = summary({
          id: "0b7e1a52-8a0e-4f57-a8c5-2f6f4f0d9e10",
          title: request.title.trim(),
          our_role: request.our_role,
          counterparty: request.counterparty.trim(),
        });
        agreements = [created, ...agreements];
        return created;
      }
      case "agreement_view": {
        const found = agreements.find((a) => a.id === args.id);
        if (!found) throw { code: "not_found", message: `there is no agreement with id ${String(args.id)}` };
        return view(found);
      }
      case "list_templates":
        return [SAAS];
      case "create_from_template": {
        const request = args.request as { counterparty: string; our_role: "customer" | "provider" };
        const created = summary({
          id: "5d1e8c1a-1111-4f57-a8c5-2f6f4f0d9e10",
          title: "SaaS Availability SLA",
          our_role: request.our_role,
          counterparty: request.counterparty,
        });
        agreements = [created, ...agreements];
        return created;
      }
      case "set_term_table": {
        const found = agreements.find((a) => a.id === args.id);
        if (!found) throw { code: "not_found", message: "gone" };
        const rows = args.rows as string[][];
        if (rows.some((row) => row.some((cell) => cell === "ten")))
          throw { code: "invalid_input", message: "Service credit tiers: row 1, Service credit (%): `ten` is not a percentage" };
        const updated = view(found);
        return {
          ...updated,
          terms: updated.terms.map((t) => (t.table ? { ...t, table: { ...t.table, rows } } : t)),
          history: { undo: "change Service credit tiers", redo: null },
        };
      }
      case "credit_owed":
        if (args.achieved === "abc") throw { code: "invalid_input", message: "`abc` is not a percentage" };
        return { achieved: "99.5 %", downtime: "3 h 39 m 8 s", credit: "10 %", capped: false };
      case "set_term": {
        const found = agreements.find((a) => a.id === args.id);
        if (!found) throw { code: "not_found", message: "gone" };
        if (args.value === "120")
          throw { code: "invalid_input", message: "Availability target: a percentage must be between 0 and 100, not 120" };
        return view(found, String(args.value));
      }
      case "rename_agreement": {
        const found = agreements.find((a) => a.id === args.id);
        if (!found) throw { code: "not_found", message: "gone" };
        const renamed = { ...found, title: String(args.title).trim() };
        agreements = agreements.map((a) => (a.id === renamed.id ? renamed : a));
        return renamed;
      }
      case "delete_agreement":
        agreements = agreements.filter((a) => a.id !== args.id);
        return null;
      case "set_clause_text": {
        const found = agreements.find((a) => a.id === args.id);
        if (!found) throw { code: "not_found", message: "gone" };
        if (String(args.text).includes("{{nope}}"))
          throw { code: "invalid_input", message: "Availability: refers to the term `nope`, which this agreement does not define" };
        const edited = view(found);
        const section = edited.document[0];
        const clause = section?.clauses[0];
        if (section && clause) section.clauses[0] = { ...clause, heading: String(args.heading) };
        return { ...edited, history: { undo: `edit clause ${String(args.heading)}`, redo: null } };
      }
      case "remove_clause": {
        const found = agreements.find((a) => a.id === args.id);
        if (!found) throw { code: "not_found", message: "gone" };
        return { ...view(found), document: [], history: { undo: "remove clause Availability", redo: null } };
      }
      case "undo": {
        const found = agreements.find((a) => a.id === args.id);
        if (!found) throw { code: "not_found", message: "gone" };
        return { ...view(found), history: { undo: null, redo: "remove clause Availability" } };
      }
      case "import_markdown": {
        const request = args.request as { file_name: string; markdown: string };
        if (!request.markdown.includes("#"))
          throw { code: "invalid_input", message: `${request.file_name}: the file has no headings or numbered clauses` };
        const created = summary({ id: "9a9a9a9a-1111-4f57-a8c5-2f6f4f0d9e10", title: "Imported SLA", counterparty: "" });
        agreements = [created, ...agreements];
        return created;
      }
      case "set_parties": {
        const found = agreements.find((a) => a.id === args.id);
        if (!found) throw { code: "not_found", message: "gone" };
        const update = args.update as { customer: { signatory_email: string; name: string }; effective_date: string };
        if (update.customer.signatory_email === "ann@")
          throw { code: "invalid_input", message: "Customer signatory e-mail: `ann@` is not an e-mail address" };
        const edited = view(found);
        edited.record.agreement.parties.customer = {
          name: update.customer.name,
          signatory: { name: "Ann Lee", title: "Director", email: update.customer.signatory_email },
        };
        edited.record.agreement.effective_date = update.effective_date;
        return edited;
      }
      case "review": {
        const decided = calls.some((c) => c.cmd === "decide");
        return {
          redline: {
            clauses: [
              {
                kind: "modified",
                clause: "availability",
                old_clause: null,
                old_number: "1.1",
                new_number: "1.1",
                heading: "Availability",
                old_heading: null,
                words: {
                  pieces: [
                    { kind: "same", text: "at least ", edit: null },
                    { kind: "deleted", text: "99.95", edit: 0 },
                    { kind: "inserted", text: "99.9", edit: 0 },
                    { kind: "same", text: " %", edit: null },
                  ],
                  edits: [{ deleted: "99.95", inserted: "99.9", cosmetic: false }],
                },
                cosmetic: false,
              },
              {
                kind: "unchanged",
                clause: "exclusions",
                old_clause: null,
                old_number: "1.2",
                new_number: "1.2",
                heading: "Exclusions",
                old_heading: null,
                words: { pieces: [{ kind: "same", text: "Unchanged words.", edit: null }], edits: [] },
                cosmetic: false,
              },
              {
                kind: "unchanged",
                clause: "reporting",
                old_clause: null,
                old_number: "1.3",
                new_number: "1.3",
                heading: "Reporting",
                old_heading: null,
                words: { pieces: [{ kind: "same", text: "Unchanged words.", edit: null }], edits: [] },
                cosmetic: false,
              },
            ],
            terms: [
              {
                id: "availability.target",
                label: "Availability target",
                old: "99.95 %",
                new: "99.9 %",
                old_meaning: "allows 21 m 54 s of Downtime per calendar month",
                new_meaning: "allows 43 m 49 s of Downtime per calendar month",
                favours: "provider",
                table: null,
              },
              {
                id: "support.priorities",
                label: "Response and resolution times",
                old: "Priority 1: response within 30 minutes; Priority 2: response within 1 hour",
                new: "Priority 1: response within 15 minutes",
                old_meaning: null,
                new_meaning: null,
                favours: null,
                table: {
                  header: ["Priority", "Response"],
                  rows: [
                    {
                      kind: "changed",
                      cells: [
                        { old: "Priority 1", new: "Priority 1" },
                        { old: "30 minutes", new: "15 minutes" },
                      ],
                    },
                    {
                      kind: "deleted",
                      cells: [
                        { old: "Priority 2", new: null },
                        { old: "1 hour", new: null },
                      ],
                    },
                  ],
                },
              },
            ],
          },
          clause_states: ["follows_terms", "follows_terms", "follows_terms"],
          term_states: [decided ? "rejected" : "accepted", "accepted"],
          history: [],
          comments: [
            { round: 1, author: "customer", target: { kind: "clause", id: "availability" }, text: "Keep 99.95 %" },
            { round: 1, author: "customer", target: { kind: "clause", id: "exclusions" }, text: "Add force majeure" },
          ],
        };
      }
      case "decide": {
        const found = agreements.find((a) => a.id === args.id);
        if (!found) throw { code: "not_found", message: "gone" };
        return { ...view(found), history: { undo: "reject the change to Availability target", redo: null } };
      }
      case "library_clauses":
        return [
          { id: "availability", category: "Service levels", heading: "Availability", summary: "The target.", terms: [] },
          { id: "escalation", category: "Governance", heading: "Escalation", summary: "Who to call.", terms: [] },
          { id: "clawback", category: "Remedies", heading: "Clawback", summary: "Earn-back.", terms: [] },
        ];
      case "add_clause": {
        const found = agreements.find((a) => a.id === args.id);
        if (!found) throw { code: "not_found", message: "gone" };
        return { ...view(found), history: { undo: "add clause Escalation", redo: null } };
      }
      case "pdf_preview":
        return {
          width: 595.28,
          height: 841.89,
          total_pages: 6,
          pages: [1, 2].map((n) => ({
            items: [
              { kind: "text", x: 72, baseline: 100, width: 120, text: `Page ${n} text`, size: 11, bold: false, italic: false, color: "#000000", underline: n === 2, strike: false },
              { kind: "line", x1: 72, y1: 780, x2: 523, y2: 780, width: 0.4, color: "#5a5a5a" },
            ],
          })),
        };
      case "export_pdf": {
        // Rust reports pages through the channel the call carries.
        const channel = args.onProgress as { id: number };
        const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } })
          .__TAURI_INTERNALS__;
        internals.runCallback(channel.id, { index: 0, message: { pages_done: 10, pages_total: 12 } });
        return new Promise((resolve) =>
          setTimeout(() => resolve("exports/SaaS Availability SLA - redline round 1 to round 2.pdf"), 100),
        );
      }
      case "import_package": {
        const imported = agreements[0];
        if (!imported) throw { code: "invalid_input", message: "not a package" };
        if (args.trustedKey !== NEW_KEY)
          throw {
            code: "key_changed",
            message: "Round 3 is signed by the provider with a key you have not seen before",
            key_change: {
              round: 3,
              role: "provider",
              pinned_fingerprint: "11111 22222 33333 44444 55555 66666 77777 88888",
              new_fingerprint: "99999 00000 12121 34343 56565 78787 90909 24680",
              new_key: NEW_KEY,
            },
          };
        return { summary: imported, created: false, draft_replaced: true };
      }
      default:
        throw { code: "internal", message: `unexpected command ${cmd}` };
    }
  });
  return { calls, names: () => calls.map((c) => c.cmd) };
}

describe("home screen", () => {
  it("shows an empty state that says what to do first, and the workspace path", async () => {
    const fake = backend([]);
    render(<App />);
    const empty = await screen.findByTestId("empty-state");
    expect(empty).toHaveTextContent("No agreements yet");
    expect(within(empty).getByRole("button", { name: "New agreement" })).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId("workspace-path")).toHaveTextContent("sample-data/app.slastudio.desktop"),
    );
    expect(fake.names()).toEqual(expect.arrayContaining(["workspace_info", "list_agreements"]));
  });

  it("lists agreements with counterparty, role, status, round and last change", async () => {
    backend([
      summary({ title: "Service desk SLA", status: "negotiating", latest_round: 3, our_role: "provider" }),
      summary({ id: "a1", title: "Hosting SLA" }),
    ]);
    render(<App />);
    const rows = await screen.findAllByTestId("agreement-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Service desk SLA");
    expect(rows[0]).toHaveTextContent("Cloudy Hosting Ltd");
    expect(rows[0]).toHaveTextContent("Provider");
    expect(rows[0]).toHaveTextContent("Negotiating");
    expect(rows[0]).toHaveTextContent("Round 3");
    expect(rows[0]).toHaveTextContent("24 Nov 2026");
    expect(rows[1]).toHaveTextContent("—");
  });

  it("draws at most a few hundred rows of a huge list and filters the rest", async () => {
    const many = Array.from({ length: 2000 }, (_, n) =>
      summary({ id: `id-${n}`, title: `Agreement ${n}`, counterparty: n === 1999 ? "Rare Vendor GmbH" : "Vendor" }),
    );
    backend(many);
    render(<App />);
    expect(await screen.findAllByTestId("agreement-row")).toHaveLength(MAX_VISIBLE_ROWS);
    expect(screen.getByTestId("list-truncated")).toHaveTextContent("2,000");
    await userEvent.type(screen.getByTestId("filter"), "rare vendor");
    await waitFor(() => expect(screen.getAllByTestId("agreement-row")).toHaveLength(1));
    expect(screen.getByTestId("agreement-row")).toHaveTextContent("Agreement 1999");
  });

  it("shows an error from the core instead of swallowing it", async () => {
    backend([], { list_agreements: { code: "storage", message: "the workspace database failed: disk I/O error" } });
    render(<App />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The workspace database failed: disk I/O error");
    await userEvent.click(within(alert).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("explains a workspace that cannot be opened", async () => {
    const failure: ApiError = {
      code: "workspace_unavailable",
      message: "/data/ws is not an SLA Studio workspace: it is not a SQLite database",
    };
    backend([], { workspace_info: failure, list_agreements: failure });
    render(<App />);
    expect(await screen.findByTestId("workspace-unavailable")).toHaveTextContent("it is not a SQLite database");
    expect(screen.queryByTestId("new-agreement")).toBeNull();
  });
});

describe("new agreement", () => {
  it("shows the core's refusal of a field beside that field, and keeps the dialog open", async () => {
    const refusal: ApiError = {
      code: "invalid_input",
      message: "Counterparty: must not be empty",
      field: "counterparty",
    };
    backend([], { create_agreement: refusal });
    render(<App />);
    await userEvent.click(await screen.findByTestId("new-agreement"));
    expect(screen.getByTestId("new-title")).toHaveFocus();
    await userEvent.type(screen.getByTestId("new-title"), "Hosting SLA");
    await userEvent.type(screen.getByTestId("new-counterparty"), "   ");
    await userEvent.click(screen.getByTestId("create-submit"));
    const counterparty = screen.getByTestId("new-counterparty");
    expect(await screen.findByText("Counterparty: must not be empty")).toHaveAttribute("id", "new-counterparty-error");
    expect(counterparty).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("new-title")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByTestId("new-agreement-dialog")).toBeTruthy();
  });

  it("creates the agreement with the chosen role and opens it", async () => {
    const fake = backend([]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("new-agreement"));
    await userEvent.type(screen.getByTestId("new-title"), "IT Support Desk SLA");
    await userEvent.type(screen.getByTestId("new-counterparty"), "Acme Services GmbH");
    await userEvent.click(screen.getByTestId("new-role-provider"));
    await userEvent.click(screen.getByTestId("create-submit"));
    expect(await screen.findByTestId("agreement-title")).toHaveTextContent("IT Support Desk SLA");
    const create = fake.calls.find((c) => c.cmd === "create_agreement");
    expect(create?.args).toEqual({
      request: { title: "IT Support Desk SLA", our_role: "provider", counterparty: "Acme Services GmbH" },
    });
    expect(fake.names()).toContain("agreement_view");
  });

  it("closes on Escape and returns focus", async () => {
    backend([]);
    render(<App />);
    const button = await screen.findByTestId("new-agreement");
    await userEvent.click(button);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("new-agreement-dialog")).toBeNull();
    expect(button).toHaveFocus();
  });
});

describe("agreement view", () => {
  it("opens from the keyboard, renames, and goes back", async () => {
    const fake = backend([summary()]);
    render(<App />);
    await screen.findByTestId("agreement-row");
    await userEvent.tab(); // "Your signing key"
    await userEvent.tab(); // the theme selector
    await userEvent.tab(); // "Import package…"
    await userEvent.tab(); // "Import Markdown…"
    await userEvent.tab(); // "New agreement"
    await userEvent.tab(); // the filter
    await userEvent.tab(); // the first agreement
    expect(screen.getByTestId("open-agreement")).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByTestId("agreement-title")).toHaveTextContent("Managed Hosting SLA");
    expect(screen.getByTestId("agreement-id")).toHaveTextContent("6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11");
    expect(screen.getByText("No rounds proposed yet.")).toBeTruthy();

    await userEvent.click(screen.getByTestId("rename"));
    const input = screen.getByTestId("rename-input");
    await userEvent.clear(input);
    await userEvent.type(input, "Managed Hosting SLA 2028{Enter}");
    expect(await screen.findByTestId("agreement-title")).toHaveTextContent("Managed Hosting SLA 2028");
    expect(fake.calls.find((c) => c.cmd === "rename_agreement")?.args).toEqual({
      id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11",
      title: "Managed Hosting SLA 2028",
    });

    await userEvent.click(screen.getByTestId("back-home"));
    expect(await screen.findByTestId("agreement-row")).toHaveTextContent("Managed Hosting SLA 2028");
  });

  it("deletes only after confirmation", async () => {
    const fake = backend([summary()]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("agreement-row"));
    await userEvent.click(await screen.findByTestId("delete"));
    expect(screen.getByTestId("delete-dialog")).toHaveTextContent("Managed Hosting SLA");
    await userEvent.click(within(screen.getByTestId("delete-dialog")).getByRole("button", { name: "Cancel" }));
    expect(fake.names()).not.toContain("delete_agreement");

    await userEvent.click(screen.getByTestId("delete"));
    await userEvent.click(screen.getByTestId("delete-confirm"));
    expect(await screen.findByTestId("empty-state")).toBeTruthy();
    expect(fake.calls.find((c) => c.cmd === "delete_agreement")?.args).toEqual({
      id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11",
    });
  });

  it("reports an agreement that vanished and returns to the list", async () => {
    const fake = backend([summary()], {
      agreement_view: { code: "not_found", message: "there is no agreement with id 6f1c… in this workspace" },
    });
    render(<App />);
    await userEvent.click(await screen.findByTestId("agreement-row"));
    expect(await screen.findByRole("alert")).toHaveTextContent("There is no agreement with id");
    expect(await screen.findByTestId("agreement-row")).toBeTruthy();
    expect(fake.names().filter((n) => n === "list_agreements")).toHaveLength(2);
  });
});

describe("drafting from a template and editing terms", () => {
  it("drafts from a template with the chosen position and options", async () => {
    const fake = backend([]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("new-agreement"));
    await waitFor(() => expect(screen.getByRole("option", { name: "SaaS Availability SLA" })).toBeTruthy());
    await userEvent.selectOptions(screen.getByTestId("new-template"), "saas-availability");
    await userEvent.type(screen.getByTestId("new-counterparty"), "Cloudy Hosting Ltd");
    await userEvent.type(screen.getByTestId("new-our-name"), "Acme Retail plc");
    const target = screen.getByTestId("key-term-availability.target");
    expect(target).toHaveValue("99.9");
    await userEvent.click(screen.getByTestId("new-position-customer"));
    expect(target).toHaveValue("99.95");
    expect(screen.getByTestId("key-term-availability.window")).toHaveValue("calendar month");
    await userEvent.clear(target);
    await userEvent.type(target, "99.99");
    await userEvent.click(screen.getByTestId("new-position-provider"));
    expect(target).toHaveValue("99.99");
    expect(screen.getByTestId("key-term-availability.window")).toHaveValue("calendar quarter");
    await userEvent.click(screen.getByTestId("new-position-customer"));
    await userEvent.click(screen.getByTestId("new-option-clawback"));
    await userEvent.click(screen.getByTestId("create-submit"));
    expect(await screen.findByTestId("agreement-title")).toHaveTextContent("SaaS Availability SLA");
    expect(fake.calls.find((c) => c.cmd === "create_from_template")?.args).toEqual({
      request: {
        template: "saas-availability",
        position: "customer",
        our_role: "customer",
        title: null,
        counterparty: "Cloudy Hosting Ltd",
        our_name: "Acme Retail plc",
        options: { clawback: true },
        set: { "availability.target": "99.99" },
      },
    });
  });

  it("sets a term, shows its new meaning and refuses an invalid value with the reason", async () => {
    const fake = backend([summary()]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-agreement"));
    const chip = await screen.findByTestId("term-chip");
    expect(chip).toHaveTextContent("99.9 %");
    await userEvent.click(chip);
    const input = screen.getByTestId("term-input-availability.target");
    expect(input).toHaveFocus();

    await userEvent.clear(input);
    await userEvent.type(input, "120{Enter}");
    expect(await screen.findByTestId("term-error")).toHaveTextContent("must be between 0 and 100");
    expect(screen.getByTestId("term-chip")).toHaveTextContent("99.9 %");

    await userEvent.clear(input);
    await userEvent.type(input, "99.95{Enter}");
    await waitFor(() => expect(screen.getByTestId("term-chip")).toHaveTextContent("99.95 %"));
    expect(screen.getByTestId("meaning-availability.target")).toHaveTextContent("Allows 21 m 54 s");
    expect(screen.queryByTestId("term-error")).toBeNull();
    expect(fake.calls.filter((c) => c.cmd === "set_term").map((c) => c.args)).toEqual([
      { id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11", term: "availability.target", value: "120" },
      { id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11", term: "availability.target", value: "99.95" },
    ]);
  });

  it("lists findings and jumps to their clause", async () => {
    backend([summary()]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-agreement"));
    expect(await screen.findByTestId("checks-summary")).toHaveTextContent("0 errors, 1 warning");
    const finding = screen.getByTestId("finding");
    Element.prototype.scrollIntoView = () => {};
    await userEvent.click(within(finding).getByRole("button", { name: "Go to clause" }));
    expect(document.getElementById("clause-availability")).toHaveFocus();
  });
});

describe("service credits", () => {
  it("draws the credit steps and computes the credit owed in Rust", async () => {
    const fake = backend([summary()]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-agreement"));
    expect(await screen.findByTestId("credit-chart")).toHaveAttribute(
      "aria-label",
      "Credit against achieved availability: below 99.9 %: 10 %; below 99 %: 25 %",
    );
    await userEvent.type(screen.getByTestId("credit-achieved"), "abc{Enter}");
    expect(await screen.findByText("`abc` is not a percentage")).toBeTruthy();
    await userEvent.clear(screen.getByTestId("credit-achieved"));
    await userEvent.type(screen.getByTestId("credit-achieved"), "99.5{Enter}");
    expect(await screen.findByTestId("credit-answer")).toHaveTextContent(
      "At 99.5 % (Downtime of 3 h 39 m 8 s), the credit owed is 10 % of the calendar month's fees.",
    );
    expect(fake.calls.filter((c) => c.cmd === "credit_owed").map((c) => c.args.achieved)).toEqual(["abc", "99.5"]);
  });
});

describe("hostile text", () => {
  it("renders markup in titles and names as literal text", async () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    backend([summary({ title: payload, counterparty: "<script>alert(1)</script>" })]);
    const { container } = render(<App />);
    const row = await screen.findByTestId("agreement-row");
    expect(row).toHaveTextContent(payload);
    expect(row).toHaveTextContent("<script>alert(1)</script>");
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("script")).toBeNull();
    await userEvent.click(row);
    expect(await screen.findByTestId("agreement-title")).toHaveTextContent(payload);
    expect(container.querySelector("img")).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe("editing clauses", () => {
  it("edits a clause in place with its term chips and saves the text with references", async () => {
    const fake = backend([summary()]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-agreement"));
    await userEvent.click(await screen.findByTestId("clause-edit"));
    const editor = await screen.findByTestId("clause-editor");
    expect(within(editor).getByTestId("editor-term-chip")).toHaveTextContent("99.9 %");
    const heading = within(editor).getByTestId("clause-editor-heading");
    await userEvent.clear(heading);
    await userEvent.type(heading, "Availability commitment");
    await userEvent.click(within(editor).getByTestId("clause-editor-save"));
    await waitFor(() => expect(screen.queryByTestId("clause-editor")).toBeNull());
    expect(fake.calls.find((c) => c.cmd === "set_clause_text")?.args).toEqual({
      id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11",
      clause: "availability",
      heading: "Availability commitment",
      text: "Availability of at least {{availability.target}} each month.",
    });
    expect(screen.getByTestId("undo")).toBeEnabled();
    expect(screen.getByTestId("undo")).toHaveAttribute("title", "Undo edit clause Availability commitment (Ctrl+Z)");
  });

  it("removes a clause, and undoes it from the toolbar and with Ctrl+Z", async () => {
    const fake = backend([summary()]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-agreement"));
    expect(screen.getByTestId("undo")).toBeDisabled();
    await userEvent.click(await screen.findByTestId("clause-remove"));
    await waitFor(() => expect(screen.queryByTestId("clause")).toBeNull());
    expect(fake.calls.find((c) => c.cmd === "remove_clause")?.args).toEqual({
      id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11",
      clause: "availability",
    });
    await userEvent.keyboard("{Control>}z{/Control}");
    expect(await screen.findByTestId("clause")).toHaveTextContent("Availability");
    expect(fake.names().filter((n) => n === "undo")).toHaveLength(1);
    expect(screen.getByTestId("redo")).toBeEnabled();
  });

  it("finds a library clause by search and adds it in the chosen position", async () => {
    const fake = backend([summary()]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-agreement"));
    await userEvent.click(await screen.findByTestId("add-clause"));
    const dialog = await screen.findByTestId("add-clause-dialog");
    await waitFor(() => expect(within(dialog).getAllByTestId("library-clause")).toHaveLength(3));
    const present = within(dialog)
      .getAllByTestId("library-clause")
      .find((li) => li.dataset.clause === "availability");
    expect(present && within(present).getByRole("button")).toBeDisabled();
    await userEvent.type(within(dialog).getByTestId("clause-search"), "call");
    expect(within(dialog).getAllByTestId("library-clause")).toHaveLength(1);
    await userEvent.selectOptions(within(dialog).getByTestId("clause-position"), "provider");
    await userEvent.click(within(dialog).getByTestId("library-add"));
    await waitFor(() => expect(screen.queryByTestId("add-clause-dialog")).toBeNull());
    expect(fake.calls.find((c) => c.cmd === "add_clause")?.args).toEqual({
      id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11",
      request: { clause: "escalation", position: "provider", section: null },
    });
  });
});

describe("importing Markdown", () => {
  it("reads the picked file, shows a refusal in the dialog, and opens the imported agreement", async () => {
    const fake = backend([]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("import-agreement"));
    const dialog = await screen.findByTestId("import-dialog");
    await userEvent.click(within(dialog).getByTestId("import-submit"));
    expect(within(dialog).getByTestId("import-error")).toHaveTextContent("Choose a Markdown file");

    const input = within(dialog).getByTestId("import-file");
    await userEvent.upload(input, new File(["just words"], "notes.md", { type: "text/markdown" }));
    await userEvent.click(within(dialog).getByTestId("import-submit"));
    expect(await within(dialog).findByTestId("import-error")).toHaveTextContent("notes.md: the file has no headings");

    await userEvent.upload(input, new File(["# Service Level Agreement\n\n1. Uptime"], "sla.md", { type: "text/markdown" }));
    await userEvent.type(within(dialog).getByTestId("import-counterparty"), "Vendor Inc");
    await userEvent.click(within(dialog).getByTestId("import-role-provider"));
    await userEvent.click(within(dialog).getByTestId("import-submit"));
    expect(await screen.findByTestId("agreement-title")).toHaveTextContent("Imported SLA");
    expect(fake.calls.filter((c) => c.cmd === "import_markdown").at(-1)?.args).toEqual({
      request: {
        file_name: "sla.md",
        markdown: "# Service Level Agreement\n\n1. Uptime",
        our_role: "provider",
        counterparty: "Vendor Inc",
      },
    });
  });

  it("refuses a file larger than the core's limit before reading it", async () => {
    const fake = backend([]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("import-agreement"));
    const dialog = await screen.findByTestId("import-dialog");
    // The fake workspace info says a document is at most 1,000 bytes.
    await userEvent.upload(within(dialog).getByTestId("import-file"), new File(["x".repeat(1001)], "big.md"));
    await userEvent.click(within(dialog).getByTestId("import-submit"));
    expect(within(dialog).getByTestId("import-error")).toHaveTextContent(
      "big.md is 1,001 bytes; a document to import is at most 1,000 bytes.",
    );
    expect(fake.names()).not.toContain("import_markdown");
  });
});

const NEW_KEY = "c".repeat(64);

describe("signed rounds", () => {
  it("shows this workspace's key fingerprint to read aloud", async () => {
    backend([]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("show-signing-key"));
    const dialog = await screen.findByTestId("signing-key-dialog");
    expect(within(dialog).getByTestId("own-fingerprint")).toHaveTextContent(
      "07261 55830 12345 67890 00001 99999 31415 92653",
    );
  });

  it("refuses a package signed with a new key until the user says the fingerprints match", async () => {
    const fake = backend([summary({ status: "negotiating", latest_round: 2 })]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("import-package"));
    const dialog = await screen.findByTestId("import-package-dialog");
    await userEvent.upload(within(dialog).getByTestId("package-file"), new File(["{}"], "round 3.slapkg"));
    await userEvent.click(within(dialog).getByTestId("package-submit"));
    const warning = await within(dialog).findByTestId("key-warning");
    expect(warning).toHaveTextContent("Round 3 is signed with a new key");
    expect(within(warning).getByTestId("pinned-fingerprint")).toHaveTextContent("11111 22222 33333 44444");
    expect(within(warning).getByTestId("new-fingerprint")).toHaveTextContent("99999 00000 12121 34343");
    expect(fake.calls.filter((c) => c.cmd === "import_package").map((c) => c.args.trustedKey)).toEqual([null]);

    await userEvent.click(within(dialog).getByTestId("trust-key"));
    expect(await screen.findByTestId("agreement-title")).toBeInTheDocument();
    expect(fake.calls.filter((c) => c.cmd === "import_package").map((c) => c.args.trustedKey)).toEqual([
      null,
      NEW_KEY,
    ]);
  });

  it("lists who signed each round and each party's key", async () => {
    backend([summary({ status: "negotiating", latest_round: 2 })]);
    mockRounds([
      { number: 1, author: "customer", proposed_at: "2026-11-24T10:00:00Z", message: "Opening", hash: "a".repeat(64), signed_by: "11111 22222 33333 44444 55555 66666 77777 88888" },
      { number: 2, author: "provider", proposed_at: "2026-11-24T11:00:00Z", message: "Counter", hash: "b".repeat(64), signed_by: null },
    ]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-agreement"));
    const signers = await screen.findAllByTestId("round-signer");
    expect(signers.map((s) => s.textContent)).toEqual([
      "Signed with key 11111 22222 33333 44444 55555 66666 77777 88888",
      "Not signed (proposed before rounds were signed)",
    ]);
  });
});

describe("editing tables", () => {
  it("edits credit tiers as a grid, shows a refused cell's reason, and saves the rows", async () => {
    const fake = backend([summary()]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-agreement"));
    const save = await screen.findByTestId("save-table-credits.tiers");
    expect(save).toBeDisabled();
    await userEvent.clear(screen.getByTestId("cell-credits.tiers-0-1"));
    await userEvent.type(screen.getByTestId("cell-credits.tiers-0-1"), "ten");
    await userEvent.click(save);
    expect(await screen.findByTestId("term-error")).toHaveTextContent("row 1, Service credit (%): `ten` is not a percentage");
    await userEvent.clear(screen.getByTestId("cell-credits.tiers-0-1"));
    await userEvent.type(screen.getByTestId("cell-credits.tiers-0-1"), "15");
    await userEvent.click(screen.getByTestId("add-row-credits.tiers"));
    await userEvent.type(screen.getByTestId("cell-credits.tiers-2-0"), "95");
    await userEvent.type(screen.getByTestId("cell-credits.tiers-2-1"), "50");
    await userEvent.click(save);
    await waitFor(() => expect(screen.queryByTestId("term-error")).toBeNull());
    expect(fake.calls.filter((c) => c.cmd === "set_term_table").at(-1)?.args).toEqual({
      id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11",
      term: "credits.tiers",
      rows: [
        ["99.9", "15"],
        ["99", "25"],
        ["95", "50"],
      ],
    });
    expect(screen.getByTestId("undo")).toBeEnabled();
  });
});

describe("parties", () => {
  it("edits names, signatories and the effective date; a refusal stays in the dialog", async () => {
    const fake = backend([summary()]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-agreement"));
    await userEvent.click(await screen.findByTestId("edit-parties"));
    const dialog = await screen.findByTestId("parties-dialog");
    expect(within(dialog).getByTestId("provider-name")).toHaveValue("Cloudy Hosting Ltd");
    await userEvent.type(within(dialog).getByTestId("customer-name"), "Acme Retail plc");
    await userEvent.type(within(dialog).getByTestId("customer-signatory_name"), "Ann Lee");
    await userEvent.type(within(dialog).getByTestId("customer-signatory_title"), "Director");
    await userEvent.type(within(dialog).getByTestId("customer-signatory_email"), "ann@");
    await userEvent.click(within(dialog).getByTestId("parties-save"));
    expect(await within(dialog).findByTestId("parties-error")).toHaveTextContent("is not an e-mail address");
    await userEvent.type(within(dialog).getByTestId("customer-signatory_email"), "acme.example");
    await userEvent.type(within(dialog).getByTestId("effective-date"), "2027-03-01");
    await userEvent.click(within(dialog).getByTestId("parties-save"));
    await waitFor(() => expect(screen.queryByTestId("parties-dialog")).toBeNull());
    expect(fake.calls.filter((c) => c.cmd === "set_parties").at(-1)?.args).toEqual({
      id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11",
      update: {
        customer: {
          name: "Acme Retail plc",
          signatory_name: "Ann Lee",
          signatory_title: "Director",
          signatory_email: "ann@acme.example",
        },
        provider: { name: "Cloudy Hosting Ltd", signatory_name: "", signatory_title: "", signatory_email: "" },
        effective_date: "2027-03-01",
      },
    });
    expect(screen.getByText("Effective date: 1 March 2027")).toBeTruthy();
  });
});

describe("the redline", () => {
  it("shows term changes with meanings, the words changed, comments, and rejects a change", async () => {
    const negotiating = summary({ status: "negotiating", latest_round: 2 });
    const fake = backend([negotiating]);
    // Two rounds in the record, so the redline compares round 1 with round 2.
    const rounds = [
      { number: 1, author: "customer", proposed_at: "2026-11-24T10:00:00Z", message: "Opening", hash: "a".repeat(64), signed_by: "11111 22222 33333 44444 55555 66666 77777 88888" },
      { number: 2, author: "provider", proposed_at: "2026-11-24T11:00:00Z", message: "Counter", hash: "b".repeat(64), signed_by: null },
    ] as const;
    mockRounds(rounds);
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-agreement"));
    await userEvent.click(await screen.findByTestId("show-redline"));
    const [row, matrix] = (await screen.findAllByTestId("redline-term")) as [HTMLElement, HTMLElement];
    // A table term reads row by row: the changed cell and the removed row struck on the old
    // side, the new cell underlined on the new side, unchanged cells plain.
    const old = within(matrix).getByTestId("redline-table-old");
    expect(Array.from(old.querySelectorAll("del"), (d) => d.textContent)).toEqual(["30 minutes", "Priority 2", "1 hour"]);
    const updated = within(matrix).getByTestId("redline-table-new");
    expect(Array.from(updated.querySelectorAll("ins"), (i) => i.textContent)).toEqual(["15 minutes"]);
    expect(updated.querySelectorAll(":scope > tbody > tr").length).toBe(1);
    expect(row).toHaveTextContent("99.95 %allows 21 m 54 s");
    expect(row).toHaveTextContent("99.9 %allows 43 m 49 s");
    expect(row).toHaveTextContent("the provider");
    // An unchanged clause shows when someone commented on it; the others stay hidden.
    const clauses = screen.getAllByTestId("redline-clause");
    expect(clauses.map((c) => c.getAttribute("data-clause"))).toEqual(["availability", "exclusions"]);
    expect(within(clauses[1] as HTMLElement).getByTestId("comment")).toHaveTextContent("Add force majeure");
    const clause = clauses[0] as HTMLElement;
    expect(clause.querySelector("del")).toHaveTextContent("99.95");
    expect(clause.querySelector("ins")).toHaveTextContent("99.9");
    expect(within(clause).getByTestId("comment")).toHaveTextContent("Round 1, customer: Keep 99.95 %");
    await userEvent.click(within(screen.getByTestId("decide-term-availability.target")).getByTestId("reject-change"));
    await waitFor(() =>
      expect(screen.getByTestId("decide-term-availability.target")).toHaveAttribute("data-state", "rejected"),
    );
    expect(fake.calls.find((c) => c.cmd === "decide")?.args).toEqual({
      id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11",
      from: 1,
      to: 2,
      change: { kind: "term", id: "availability.target" },
      decision: "reject",
    });
  });
});

describe("the PDF export", () => {
  it("asks which document, which versions and which paper, then saves through the system dialog", async () => {
    const fake = backend([summary({ status: "negotiating", latest_round: 2 })]);
    mockRounds([
      { number: 1, author: "customer", proposed_at: "2026-11-24T10:00:00Z", message: "Opening", hash: "a".repeat(64), signed_by: "11111 22222 33333 44444 55555 66666 77777 88888" },
      { number: 2, author: "provider", proposed_at: "2026-11-24T11:00:00Z", message: "Counter", hash: "b".repeat(64), signed_by: null },
    ]);
    render(<App />);
    await userEvent.click(await screen.findByTestId("open-agreement"));
    await userEvent.click(await screen.findByTestId("export-pdf"));
    const dialog = await screen.findByTestId("export-pdf-dialog");
    // The first two pages as the core lays them out, redrawn for each choice.
    const preview = await within(dialog).findByTestId("pdf-preview");
    expect(preview).toHaveTextContent("First 2 of 6 pages");
    expect(within(preview).getAllByTestId("pdf-preview-page")).toHaveLength(2);
    await userEvent.click(within(preview).getAllByTestId("pdf-preview-page")[1] as HTMLElement);
    expect(within(preview).getAllByTestId("pdf-preview-page")).toHaveLength(1);
    expect(within(preview).getByRole("img", { name: "Page 2" })).toBeInTheDocument();
    await userEvent.click(within(preview).getByTestId("pdf-preview-page"));
    expect(within(preview).getAllByTestId("pdf-preview-page")).toHaveLength(2);
    expect(fake.calls.filter((c) => c.cmd === "pdf_preview").at(-1)?.args).toEqual({
      id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11",
      request: { document: "agreement", round: null },
      paper: "a4",
    });
    await userEvent.click(within(dialog).getByTestId("pdf-kind-redline"));
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.cmd === "pdf_preview").at(-1)?.args.request).toEqual({
        document: "redline",
        from: 1,
        to: 2,
        include_unchanged: false,
      }),
    );
    expect(within(dialog).getByTestId("pdf-from")).toHaveValue("1");
    expect(within(dialog).getByTestId("pdf-to")).toHaveValue("2");
    await userEvent.click(within(dialog).getByTestId("pdf-unchanged"));
    await userEvent.selectOptions(within(dialog).getByTestId("pdf-paper"), "letter");
    await userEvent.click(within(dialog).getByTestId("pdf-submit"));
    expect(await within(dialog).findByText(/Page 10 of 12/)).toBeInTheDocument();
    expect(within(dialog).getByTestId("pdf-progress")).toHaveAttribute("value", "10");
    expect(await within(dialog).findByTestId("pdf-saved")).toHaveTextContent("redline round 1 to round 2.pdf");
    expect(fake.calls.find((c) => c.cmd === "export_pdf")?.args).toMatchObject({
      id: "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11",
      request: { document: "redline", from: 1, to: 2, include_unchanged: true },
      paper: "letter",
    });
  });
});
