import { roleLabel } from "../format";
import type { RoundSummary } from "../ipc";

/** A version to compare: a round number, or the working draft. */
export type Version = number | null;

/** A choice of one side of a redline: any round, or the working draft. */
export function VersionSelect({
  label,
  rounds,
  value,
  onChange,
  testId,
}: {
  label: string;
  rounds: RoundSummary[];
  value: Version;
  onChange: (version: Version) => void;
  testId: string;
}) {
  return (
    <label className="field redline__version">
      <span className="field__label">{label}</span>
      <select
        className="input"
        data-testid={testId}
        value={value === null ? "draft" : String(value)}
        onChange={(event) => onChange(event.target.value === "draft" ? null : Number(event.target.value))}
      >
        {rounds.map((round) => (
          <option key={round.number} value={round.number}>
            Round {round.number} ({roleLabel(round.author).toLowerCase()})
          </option>
        ))}
        <option value="draft">The working draft</option>
      </select>
    </label>
  );
}
