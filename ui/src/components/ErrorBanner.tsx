import type { ApiError } from "../ipc";

type Props = { error: ApiError; onDismiss: () => void };

/** Shows an error from the core to the user; never swallowed, dismissed by the user. */
export function ErrorBanner({ error, onDismiss }: Props) {
  return (
    <div className="alert" role="alert" data-testid="error-banner">
      <p className="alert__text">{error.message}</p>
      <button type="button" className="button button--quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
