import { createContext, useContext } from "react";
import type { FileLimits } from "./ipc";

/** The largest file of each kind the core reads, as the workspace info sends them. */
export const FileLimitsContext = createContext<FileLimits | null>(null);

/** The core's file limits, or null before the workspace info has arrived. */
export function useFileLimits(): FileLimits | null {
  return useContext(FileLimitsContext);
}

/**
 * Why `file` is refused before it is read into memory — larger than `limit` bytes, which the
 * core would refuse too — or null. `kind` names such a file ("a package").
 */
export function tooLarge(file: File, limit: number | undefined, kind: string): string | null {
  if (limit === undefined || file.size <= limit) return null;
  return `${file.name} is ${file.size.toLocaleString("en-GB")} bytes; ${kind} is at most ${limit.toLocaleString("en-GB")} bytes.`;
}
