import { useCallback, useEffect, useState } from "react";
import { ErrorBanner } from "./components/ErrorBanner";
import { SigningKeyDialog } from "./components/SigningKeyDialog";
import { ThemeToggle } from "./components/ThemeToggle";
import { FileLimitsContext } from "./fileLimits";
import { type ApiError, type WorkspaceInfo, workspaceInfo } from "./ipc";
import { AgreementView } from "./screens/AgreementView";
import { Home } from "./screens/Home";
import { WorkspaceUnavailable } from "./screens/WorkspaceUnavailable";

type Screen = { kind: "home" } | { kind: "agreement"; id: string };

export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: "home" });
  const [error, setError] = useState<ApiError | null>(null);
  const [unavailable, setUnavailable] = useState<ApiError | null>(null);
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);
  const [showingKey, setShowingKey] = useState(false);

  const report = useCallback((reported: ApiError) => {
    if (reported.code === "workspace_unavailable") setUnavailable(reported);
    else setError(reported);
  }, []);

  useEffect(() => {
    workspaceInfo().then(setWorkspace, report);
  }, [report]);

  const goHome = useCallback(() => setScreen({ kind: "home" }), []);
  const openAgreement = useCallback((id: string) => {
    setError(null);
    setScreen({ kind: "agreement", id });
  }, []);

  return (
    <FileLimitsContext.Provider value={workspace?.limits ?? null}>
      <div className="app">
        <header className="app-header">
          <div className="brand">
            <span className="brand__mark" aria-hidden="true">
              S
            </span>
            SLA Studio
          </div>
          <div className="app-header__tools">
            {workspace && (
              <button
                type="button"
                className="button button--small"
                data-testid="show-signing-key"
                onClick={() => setShowingKey(true)}
              >
                Your signing key
              </button>
            )}
            <ThemeToggle />
          </div>
        </header>
        {showingKey && workspace && (
          <SigningKeyDialog
            fingerprint={workspace.key_fingerprint}
            workspacePath={workspace.path}
            onClose={() => setShowingKey(false)}
          />
        )}
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
            {workspace?.path ?? "…"}
          </span>
        </footer>
      </div>
    </FileLimitsContext.Provider>
  );
}
