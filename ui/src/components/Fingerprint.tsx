type Props = { value: string; testId?: string };

/**
 * A key fingerprint to read aloud: eight groups of five digits, in two halves of four that
 * stay whole (the only place it may wrap is between the halves).
 */
export function Fingerprint({ value, testId }: Props) {
  const groups = value.split(" ");
  const half = Math.ceil(groups.length / 2);
  const text = `${groups.slice(0, half).join("\u00a0")} ${groups.slice(half).join("\u00a0")}`.trim();
  return (
    <span className="fingerprint" data-testid={testId}>
      {text}
    </span>
  );
}
