import type { ReportChart } from "../../ipc";

const WIDTH = 790;
const HEIGHT = 230;
const PLOT = { left: 80, right: 480, top: 22, bottom: 196 };

/** Achieved availability per window against the target and the credit tiers, drawn from the
 * figures the core computed (scale, bars, levels). */
export function AvailabilityChart({ chart }: { chart: ReportChart }) {
  const span = Math.max(chart.ceiling - chart.floor, Number.EPSILON);
  const y = (value: number) =>
    PLOT.bottom - (Math.min(Math.max(value - chart.floor, 0), span) / span) * (PLOT.bottom - PLOT.top);
  const slot = (PLOT.right - PLOT.left) / Math.max(chart.bars.length, 1);
  const barWidth = Math.min(slot * 0.6, 56);
  let lastLabel = -Infinity;
  return (
    <svg
      className="sl-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label="Achieved availability per window against the target and the credit tiers"
      data-testid="availability-chart"
    >
      <line className="sl-chart__axis" x1={PLOT.left} x2={PLOT.left} y1={PLOT.top} y2={PLOT.bottom} />
      <line className="sl-chart__axis" x1={PLOT.left} x2={PLOT.right} y1={PLOT.bottom} y2={PLOT.bottom} />
      {[chart.floor, chart.ceiling].map((value) => (
        <text key={value} className="sl-chart__tick" x={PLOT.left - 6} y={y(value) + 4} textAnchor="end">
          {value.toFixed(3)} %
        </text>
      ))}
      {chart.bars.map((bar, index) => {
        const centre = PLOT.left + slot * (index + 0.5);
        const top = y(bar.value);
        return (
          <g key={bar.label} data-testid="chart-bar" data-missed={bar.target_missed}>
            <rect
              className={bar.target_missed ? "sl-chart__bar sl-chart__bar--missed" : "sl-chart__bar"}
              x={centre - barWidth / 2}
              y={top}
              width={barWidth}
              height={Math.max(PLOT.bottom - top, 1)}
            />
            <text className="sl-chart__tick" x={centre} y={top - 5} textAnchor="middle">
              {bar.caption}
            </text>
            <text className="sl-chart__tick" x={centre} y={PLOT.bottom + 15} textAnchor="middle">
              {bar.label}
            </text>
          </g>
        );
      })}
      {chart.levels.map((level) => {
        const at = y(level.value);
        const labelY = Math.max(at + 4, lastLabel + 13);
        lastLabel = labelY;
        return (
          <g key={level.label}>
            <line
              className={level.target ? "sl-chart__target" : "sl-chart__tier"}
              x1={PLOT.left}
              x2={PLOT.right + 6}
              y1={at}
              y2={at}
            />
            <text
              className={level.target ? "sl-chart__label sl-chart__label--target" : "sl-chart__label"}
              x={PLOT.right + 10}
              y={labelY}
            >
              {level.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
