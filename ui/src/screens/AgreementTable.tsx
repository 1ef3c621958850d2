import { memo } from "react";
import { StatusBadge } from "../components/StatusBadge";
import { formatTimestamp, roleLabel, roundLabel } from "../format";
import type { AgreementSummary } from "../ipc";

type Props = {
  agreements: AgreementSummary[];
  onOpen: (id: string) => void;
};

export const AgreementTable = memo(function AgreementTable({ agreements, onOpen }: Props) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th className="col-title" scope="col">
              Name
            </th>
            <th className="col-party" scope="col">
              Counterparty
            </th>
            <th className="col-role" scope="col">
              Our role
            </th>
            <th className="col-status" scope="col">
              Status
            </th>
            <th className="col-round" scope="col">
              Round
            </th>
            <th className="col-changed" scope="col">
              Last change
            </th>
          </tr>
        </thead>
        <tbody>
          {agreements.map((agreement) => (
            <tr key={agreement.id} data-testid="agreement-row" onClick={() => onOpen(agreement.id)}>
              <td className="table__title" title={agreement.title}>
                <button
                  type="button"
                  className="row-link"
                  data-testid="open-agreement"
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(agreement.id);
                  }}
                >
                  {agreement.title}
                </button>
              </td>
              <td title={agreement.counterparty}>{agreement.counterparty}</td>
              <td>{roleLabel(agreement.our_role)}</td>
              <td>
                <StatusBadge status={agreement.status} />
              </td>
              <td>{roundLabel(agreement.latest_round)}</td>
              <td>{formatTimestamp(agreement.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
