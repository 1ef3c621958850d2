import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { KeyDate, Measurement, WindowReport } from "../../ipc";
import { ServiceLevelsPanel } from "./ServiceLevelsPanel";

const ID = "6f1c1f38-3c1c-4b59-9d0e-4b8f1b0f0a11";

const MARCH: WindowReport = {
  label: "2027-03",
  start: "2027-03-01T00:00:00Z",
  end: "2027-03-31T23:00:00Z",
  window_seconds: 2_674_800,
  measured_seconds: 2_659_500,
  downtime_seconds: 10_080,
  excluded: [{ cause: "Caused by the Customer", seconds: 2_700 }],
  maintenance_within_seconds: 12_600,
  maintenance_beyond_seconds: 0,
  achieved: 99.62,
  target_missed: true,
  credit: 10,
  capped_from: null,
  claim_by: "2027-04-30T23:00:00Z",
  last_day_to_claim: "2027-04-30",
  working: ["The window 2027-03 is 44,580 minutes.", "Availability = … = 99.620 %."],
  tickets: null,
  breaches: ["Availability 99.620 % is below the target of 99.9 %."],
};

const MEASUREMENT: Measurement = {
  report: {
    title: "Checkout SLA",
    customer: "Acme Retail plc",
    provider: "Cloudy Hosting Ltd",
    time_zone: "Europe/London",
    target: 99.9,
    tiers: [{ below: 99.9, credit: 10 }],
    credit_cap: 50,
    windows: [MARCH],
    chronic_failure: { misses: 3, of_windows: 6, met_in: null },
    earn_back: [],
    fines: null,
    clauses: {
      availability: "2.1",
      maintenance: "2.2",
      exclusions: "2.3",
      credits: "4.1",
      clawback: null,
      chronic_failure: "4.2",
      fines: null,
      response_resolution: "3.2",
      support_quality: null,
    },
    basis: ["Windows are calendar months in Europe/London, from midnight to midnight."],
  },
  chart: {
    floor: 99.525,
    ceiling: 100,
    bars: [{ label: "2027-03", value: 99.62, caption: "99.620 %", target_missed: true }],
    levels: [{ value: 99.9, label: "target 99.9 %; below: credit 10 %", target: true }],
  },
  letter: {
    from: "Acme Retail plc",
    to: "Cloudy Hosting Ltd",
    date: "2027-04-02",
    subject: "Service level claim: Checkout SLA, 2027-03",
    paragraphs: ["Dear Cloudy Hosting Ltd,", "Under clause 4.1 this gives a Service Credit of 10 %."],
    signed: "Acme Retail plc",
  },
};

const DATES: KeyDate[] = [
  { date: "2027-01-15", kind: "effective", title: "The agreement takes effect", detail: "Effective date." },
];

type Call = { cmd: string; args: Record<string, unknown> };

function mock(measure: (args: Record<string, unknown>) => unknown): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    if (cmd === "key_dates") return DATES;
    if (cmd === "measure") return measure((args ?? {}) as Record<string, unknown>);
    if (cmd === "export_measurement") return "/tmp/report.pdf";
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

afterEach(() => {
  mockIPC(() => undefined);
});

describe("service levels", () => {
  it("sends the file's text and the period, and shows the credit, working, chart and letter", async () => {
    const calls = mock(() => MEASUREMENT);
    const user = userEvent.setup();
    render(<ServiceLevelsPanel id={ID} onError={() => {}} />);
    expect(await screen.findByText("The agreement takes effect")).toBeTruthy();

    // Without a log, nothing is sent.
    await user.click(screen.getByTestId("measure"));
    expect(screen.getByTestId("measure-error").textContent).toMatch(/incident log/);
    expect(calls.some((c) => c.cmd === "measure")).toBe(false);

    const log = "start,end,service,cause\n2027-03-04T10:00:00Z,2027-03-04T11:00:00Z,web,unplanned\n";
    await user.upload(screen.getByTestId("incidents-file"), new File([log], "march.csv", { type: "text/csv" }));
    await screen.findByText("Read march.csv.");
    await user.clear(screen.getByTestId("period-from"));
    await user.type(screen.getByTestId("period-from"), "2027-01");
    await user.clear(screen.getByTestId("period-to"));
    await user.type(screen.getByTestId("period-to"), "2027-03");
    await user.click(screen.getByTestId("measure"));

    await screen.findByTestId("measurement");
    const request = calls.find((c) => c.cmd === "measure")?.args.request as Record<string, unknown>;
    expect(request).toEqual({ incidents: log, tickets: null, ticket_columns: null, period: "2027-01..2027-03" });
    expect(screen.getByTestId("credit").textContent).toBe("10 %");
    expect(within(screen.getByTestId("summary-table")).getByText("30 April 2027")).toBeTruthy();
    expect(screen.getByTestId("working").textContent).toContain("44,580 minutes");
    expect(screen.getAllByTestId("chart-bar")).toHaveLength(1);
    expect(screen.getByTestId("claim-letter").textContent).toContain("Service Credit of 10 %");

    await user.click(screen.getByTestId("export-report"));
    await waitFor(() => expect(screen.getByTestId("measurement-saved").textContent).toContain("/tmp/report.pdf"));
    const exported = calls.find((c) => c.cmd === "export_measurement")?.args;
    expect(exported?.document).toBe("report");
    expect(exported?.request).toEqual(request);
  });

  it("shows a refused file's reason and keeps no stale figures", async () => {
    mock(() => {
      throw { code: "invalid_input", message: "The incident log: line 3: start `x` is not an ISO 8601 time." };
    });
    const user = userEvent.setup();
    render(<ServiceLevelsPanel id={ID} onError={() => {}} />);
    await user.upload(screen.getByTestId("incidents-file"), new File(["start,end\n"], "bad.csv"));
    await screen.findByText("Read bad.csv.");
    await user.click(screen.getByTestId("measure"));
    expect((await screen.findByTestId("measure-error")).textContent).toContain("line 3");
    expect(screen.queryByTestId("measurement")).toBeNull();
  });
});
