import { asSentence } from "../components/ErrorBanner";
import type { ApiError } from "../ipc";

export function WorkspaceUnavailable({ error }: { error: ApiError }) {
  return (
    <section className="full-page-error" data-testid="workspace-unavailable">
      <h1>The workspace could not be opened</h1>
      <div className="alert" role="alert">
        <p className="alert__text">{asSentence(error.message)}</p>
      </div>
      <p className="muted">
        Nothing was changed. Start SLA Studio with <span className="mono">--workspace DIR</span> (or set{" "}
        <span className="mono">SLA_STUDIO_WORKSPACE</span>) to use another folder.
      </p>
    </section>
  );
}
