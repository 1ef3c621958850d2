import { type FormEvent, useState } from "react";
import type { CreditChart, CreditOwed } from "../ipc";

type Props = {
  chart: CreditChart;
  /** Asks the core what is owed at an achieved availability; resolves to the answer or an error message. */
  onAsk: (achieved: string) => Promise<CreditOwed | string>;
};

const WIDTH = 320;
const HEIGHT = 170;
const PAD = { left: 34, right: 10, top: 10, bottom: 28 };

/** The credit owed against achieved availability, drawn as steps, with a calculator. */
export function CreditPanel({ chart, onAsk }: Props) {
  const [achieved, setAchieved] = useState("");
  const [answer, setAnswer] = useState<CreditOwed | string | null>(null);

  async function ask(event: FormEvent) {
    event.preventDefault();
    if (achieved.trim()) setAnswer(await onAsk(achieved));
  }

  return (
    <section className="panel" aria-labelledby="credit-title" data-testid="credit-panel">
      <h2 className="panel__title" id="credit-title">
        Service credits
      </h2>
      <StepChart chart={chart} />
      <form className="credit-ask" onSubmit={(event) => void ask(event)}>
        <label className="field__label" htmlFor="credit-achieved">
          Achieved availability in a {chart.window}
        </label>
        <div className="credit-ask__row">
          <input
            id="credit-achieved"
            className="input"
            data-testid="credit-achieved"
            placeholder="e.g. 99.5"
            value={achieved}
            onChange={(event) => setAchieved(event.target.value)}
          />
          <button type="submit" className="button">
            Compute
          </button>
        </div>
      </form>
      {answer !== null &&
        (typeof answer === "string" ? (
          <p className="field__error" role="alert">
            {answer}
          </p>
        ) : (
          <p className="credit-answer" data-testid="credit-answer">
            At {answer.achieved} (Downtime of {answer.downtime}),{" "}
            {answer.credit ? (
              <>
                the credit owed is <strong>{answer.credit}</strong> of the {chart.window}'s fees
                {answer.capped && " (limited by the cap)"}.
              </>
            ) : (
              "no credit is owed."
            )}
          </p>
        ))}
    </section>
  );
}

function StepChart({ chart }: { chart: CreditChart }) {
  // The scale is the core's: band edges along availability (each band the same width,
  // interpolated inside), and the top of the credit axis.
  const breaks = chart.bands;
  const xMin = breaks[0] ?? 0;
  const yMax = chart.credit_ceiling;
  const band = (WIDTH - PAD.left - PAD.right) / Math.max(breaks.length - 1, 1);
  const x = (value: number) => {
    const i = breaks.findIndex((b, j) => value >= b && value <= (breaks[j + 1] ?? b));
    const from = breaks[Math.max(i, 0)] ?? xMin;
    const to = breaks[Math.max(i, 0) + 1] ?? 100;
    const within = to === from ? 0 : (value - from) / (to - from);
    return PAD.left + (Math.max(i, 0) + within) * band;
  };
  const y = (value: number) => HEIGHT - PAD.bottom - (value / yMax) * (HEIGHT - PAD.top - PAD.bottom);

  let path = `M ${x(100)} ${y(0)}`;
  let credit = 0;
  for (const step of chart.steps) {
    path += ` L ${x(step.below)} ${y(credit)} L ${x(step.below)} ${y(step.credit)}`;
    credit = step.credit;
  }
  path += ` L ${x(xMin)} ${y(credit)}`;

  const description = chart.steps.map((s) => `below ${s.below} %: ${s.credit} %`).join("; ");
  return (
    <svg
      className="credit-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Credit against achieved availability: ${description}`}
      data-testid="credit-chart"
    >
      <line className="credit-chart__axis" x1={PAD.left} y1={y(0)} x2={WIDTH - PAD.right} y2={y(0)} />
      <line className="credit-chart__axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={y(0)} />
      {chart.cap !== null && chart.cap < yMax && (
        <>
          <line className="credit-chart__cap" x1={PAD.left} y1={y(chart.cap)} x2={WIDTH - PAD.right} y2={y(chart.cap)} />
          <text className="credit-chart__label" x={PAD.left + 4} y={y(chart.cap) - 3}>
            cap {chart.cap} %
          </text>
        </>
      )}
      {chart.target !== null && (
        <>
          <line className="credit-chart__target" x1={x(chart.target)} y1={PAD.top} x2={x(chart.target)} y2={y(0)} />
          <text className="credit-chart__label" x={x(chart.target) - 3} y={y(0) - 4} textAnchor="end">
            target {chart.target} %
          </text>
        </>
      )}
      <path className="credit-chart__line" d={path} />
      {breaks.map((value) => (
          <text key={`x${value}`} className="credit-chart__tick" x={x(value)} y={HEIGHT - 10} textAnchor="middle">
            {value}
          </text>
        ))}
      {chart.credit_ticks.map((value) => (
        <text key={`y${value}`} className="credit-chart__tick" x={PAD.left - 4} y={y(value) + 3} textAnchor="end">
          {value}
        </text>
      ))}
    </svg>
  );
}
