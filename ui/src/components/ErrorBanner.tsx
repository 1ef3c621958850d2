import type { ApiError } from "../ipc";

type Props = { error: ApiError; onDismiss: () => void };

/** Core messages start lower-case (they chain in logs); a sentence on screen starts upper-case. */
export function asSentence(message: string): string {
  return message.charAt(0).toLocaleUpperCase() + message.slice(1);
}

/** Shows an error from the core to the user; never swallowed, dismissed by the user. */
export function ErrorBanner({ error, onDismiss }: Props) {
  return (
    <div className="alert" role="alert" data-testid="error-banner">
      <p className="alert__text">{asSentence(error.message)}</p>
      <button type="button" className="button button--quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
