import { useEffect, useState } from "react";
import {
  type AgreementView,
  type ApiError,
  type ChangeRef,
  type Decision,
  decide,
  decideAll,
  type Review,
  type RoundSummary,
  review,
} from "../ipc";
import type { Version } from "./VersionSelect";

/**
 * The review of the changes between two versions, the last two rounds at first, loaded again
 * whenever a decision on them changed the draft (`onDecided` gets the new view).
 */
export function useRedlineReview(
  id: string,
  rounds: RoundSummary[],
  onError: (error: ApiError) => void,
  onDecided: (view: AgreementView) => void,
) {
  const latest = rounds.at(-1)?.number ?? null;
  const [from, setFrom] = useState<Version>(latest !== null && latest > 1 ? latest - 1 : latest);
  const [to, setTo] = useState<Version>(latest !== null && latest > 1 ? latest : null);
  const [reviewed, setReviewed] = useState<Review | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    review(id, from, to).then(
      (loaded) => current && setReviewed(loaded),
      (error: ApiError) => current && onError(error),
    );
    return () => {
      current = false;
    };
  }, [id, from, to, onError, generation]);

  /** Decisions apply between two rounds, the older first. */
  const decidable = from !== null && to !== null && from < to;

  function decided(view: AgreementView) {
    onDecided(view);
    setGeneration((g) => g + 1);
  }

  function decideOne(change: ChangeRef, decision: Decision) {
    if (from === null || to === null) return;
    decide(id, from, to, change, decision).then(decided, onError);
  }

  function decideEvery(decision: Decision) {
    if (from === null || to === null) return;
    decideAll(id, from, to, decision).then(decided, onError);
  }

  return { from, setFrom, to, setTo, reviewed, decidable, decideOne, decideEvery };
}
