import type { ChangeState, Decision } from "../ipc";

const STATE_LABEL: Record<ChangeState, string> = {
  accepted: "Accepted in your draft",
  rejected: "Rejected in your draft",
  edited: "Edited in your draft",
  follows_terms: "Follows its terms",
};

/** Accept / Reject for one change, with what the draft holds now. */
export function DecideChange({
  state,
  onDecide,
  testId,
}: {
  state: ChangeState;
  onDecide: (decision: Decision) => void;
  testId: string;
}) {
  if (state === "follows_terms") return <span className="muted redline__state">{STATE_LABEL[state]}</span>;
  return (
    <span className="redline__decide" data-testid={testId} data-state={state}>
      <span className={`redline__state redline__state--${state}`}>{STATE_LABEL[state]}</span>
      <button
        type="button"
        className="button button--small"
        disabled={state === "accepted"}
        data-testid="accept-change"
        onClick={() => onDecide("accept")}
      >
        Accept
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={state === "rejected"}
        data-testid="reject-change"
        onClick={() => onDecide("reject")}
      >
        Reject
      </button>
    </span>
  );
}
