import { useCallback, useEffect, useState } from "react";
import {
  type AgreementView,
  type ApiError,
  type CreditOwed,
  type ErrorCode,
  agreementView,
  creditOwed,
  proposeRound,
  redo,
  renameAgreement,
  undo,
} from "../ipc";
import type { HistoryWalk } from "./useHistoryShortcuts";

/**
 * One agreement's view, loaded once per id, and the calls that change it. A failure is
 * reported through `onError`; one that finds the agreement gone also leaves through `onBack`.
 */
export function useAgreement(id: string, onBack: () => void, onError: (error: ApiError) => void) {
  const [view, setView] = useState<AgreementView | null>(null);

  const fail = useCallback(
    (error: ApiError) => {
      onError(error);
      if (error.code === "not_found") onBack();
    },
    [onError, onBack],
  );

  useEffect(() => {
    let current = true;
    agreementView(id).then(
      (loaded) => current && setView(loaded),
      (error: ApiError) => current && fail(error),
    );
    return () => {
      current = false;
    };
  }, [id, fail]);

  /** Loads the view again, as it is now, then calls `onLoaded`. */
  function reload(onLoaded?: () => void) {
    agreementView(id).then((next) => {
      setView(next);
      onLoaded?.();
    }, fail);
  }

  /** A refusal of what the user typed (an error of one of `codes`) as text; any other error is reported. */
  function refusal(error: unknown, codes: ErrorCode[]): string | null {
    const apiError = error as ApiError;
    if (codes.includes(apiError.code)) return apiError.message;
    fail(apiError);
    return null;
  }

  /** Runs an edit that returns the new view; refusals of what the user typed come back as text. */
  async function applyEdit(edit: () => Promise<AgreementView>): Promise<string | null> {
    try {
      setView(await edit());
      return null;
    } catch (error) {
      return refusal(error, ["invalid_input"]);
    }
  }

  /** Proposes the draft as the next round; a refusal, or a conflict, comes back as text. */
  async function propose(message: string, onProposed: () => void): Promise<string | null> {
    try {
      setView(await proposeRound(id, message));
      onProposed();
      return null;
    } catch (error) {
      return refusal(error, ["invalid_input", "conflict"]);
    }
  }

  /** Renames the agreement; true when it was. */
  async function rename(title: string): Promise<boolean> {
    try {
      const renamed = await renameAgreement(id, title);
      setView(
        (previous) =>
          previous && {
            ...previous,
            record: {
              ...previous.record,
              summary: renamed,
              agreement: { ...previous.record.agreement, title: renamed.title },
            },
          },
      );
      return true;
    } catch (error) {
      fail(error as ApiError);
      return false;
    }
  }

  /** The credit owed for an achieved level, or why the level was refused. */
  async function askCredit(achieved: string): Promise<CreditOwed | string> {
    try {
      return await creditOwed(id, achieved);
    } catch (error) {
      const apiError = error as ApiError;
      if (apiError.code !== "invalid_input") fail(apiError);
      return apiError.message;
    }
  }

  /** Undoes or redoes the last draft edit; after a conflict the view is loaded again. */
  async function walkHistory(walk: HistoryWalk) {
    try {
      setView(await (walk === "undo" ? undo(id) : redo(id)));
    } catch (error) {
      const apiError = error as ApiError;
      fail(apiError);
      if (apiError.code === "conflict") reload();
    }
  }

  return { view, setView, fail, reload, applyEdit, propose, rename, askCredit, walkHistory };
}
