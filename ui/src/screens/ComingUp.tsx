import { useEffect, useState } from "react";
import { type ApiError, type ComingUp as ComingUpDate, comingUp } from "../ipc";
import { formatDate } from "../format";

type Props = {
  /** Changes when the agreement list reloads, so agreed agreements' dates follow. */
  reload: unknown;
  onOpen: (id: string) => void;
  onError: (error: ApiError) => void;
};

/** The key dates of agreed agreements in the weeks ahead: reviews, notice deadlines, renewals. */
export function ComingUp({ reload, onOpen, onError }: Props) {
  const [dates, setDates] = useState<ComingUpDate[] | null>(null);

  useEffect(() => {
    let current = true;
    comingUp().then(
      (list) => current && setDates(list),
      (error: ApiError) => current && onError(error),
    );
    return () => {
      current = false;
    };
  }, [reload, onError]);

  if (!dates || dates.length === 0) return null;
  return (
    <section className="coming-up" data-testid="coming-up" aria-labelledby="coming-up-heading">
      <h2 id="coming-up-heading">Coming up</h2>
      <ul className="coming-up__list">
        {dates.map((item) => (
          <li key={`${item.agreement_id}-${item.date.kind}-${item.date.date}`} className="coming-up__item">
            <span className="coming-up__date">{formatDate(item.date.date)}</span>
            <span>
              <strong>{item.date.title}</strong>{" "}
              <button type="button" className="link" onClick={() => onOpen(item.agreement_id)}>
                {item.agreement_title}
              </button>
              <span className="muted"> — {item.date.detail}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
