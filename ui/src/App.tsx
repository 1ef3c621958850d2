import { useCallback, useEffect, useState } from "react";
import { ErrorBanner } from "./components/ErrorBanner";
import { ThemeToggle } from "./components/ThemeToggle";
import { type ApiError, workspaceInfo } from "./ipc";
import { AgreementView } from "./screens/AgreementView";
import { Home } from "./screens/Home";
import { WorkspaceUnavailable } from "./screens/WorkspaceUnavailable";

type Screen = { kind: "home" } | { kind: "agreement"; id: string };

export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: "home" });
  const [error, setError] = useState<ApiError | null>(null);
  const [unavailable, setUnavailable] = useState<ApiError | null>(null);
  const [workspacePath, setWorkspacePath] = useState<string | null>(null);

  const report = useCallback((reported: ApiError) => {
    if (reported.code === "workspace_unavailable") setUnavailable(reported);
    else setError(reported);
  }, []);

  useEffect(() => {
    workspaceInfo().then((info) => setWorkspacePath(info.path), report);
  }, [report]);

  const goHome = useCallback(() => setScreen({ kind: "home" }), []);
  const openAgreement = useCallback((id: string) => {
    setError(null);
    setScreen({ kind: "agreement", id });
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            S
          </span>
          SLA Studio
        </div>
        <ThemeToggle />
      </header>
      <main className="app-main">
        {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
        {unavailable ? (
          <WorkspaceUnavailable error={unavailable} />
        ) : screen.kind === "home" ? (
          <Home onOpen={openAgreement} onError={report} />
        ) : (
          <AgreementView key={screen.id} id={screen.id} onBack={goHome} onDeleted={goHome} onError={report} />
        )}
      </main>
      <footer className="app-footer">
        Workspace:{" "}
        <span className="mono" data-testid="workspace-path">
          {workspacePath ?? "…"}
        </span>
      </footer>
    </div>
  );
}
