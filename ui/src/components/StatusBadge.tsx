import type { AgreementStatus } from "../ipc";
import { statusLabel } from "../format";

export function StatusBadge({ status }: { status: AgreementStatus }) {
  return <span className={`badge badge--${status}`}>{statusLabel(status)}</span>;
}
