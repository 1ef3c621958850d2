// Display formatting only: the values come from Rust as they are.
import type { AgreementStatus, PartyRole, Position } from "./ipc";

const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** "24 Nov 2026, 23:20" in the user's time zone. */
export function formatTimestamp(rfc3339: string): string {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? rfc3339 : dateTime.format(date);
}

export function roleLabel(role: PartyRole): string {
  return role === "customer" ? "Customer" : "Provider";
}

export function statusLabel(status: AgreementStatus): string {
  switch (status) {
    case "draft":
      return "Draft";
    case "negotiating":
      return "Negotiating";
    case "agreed":
      return "Agreed";
  }
}

export function roundLabel(round: number | null): string {
  return round === null ? "—" : `Round ${round}`;
}

/** The three positions a clause can be drafted in, as the dialogs offer them. */
export const POSITIONS: { value: Position; label: string; hint: string }[] = [
  { value: "customer", label: "Customer-favourable", hint: "procurement's opening position" },
  { value: "balanced", label: "Balanced", hint: "what most parties sign" },
  { value: "provider", label: "Provider-favourable", hint: "the vendor's opening position" },
];

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** `2027-03-01` → `1 March 2027`. */
export function formatDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : longDate.format(parsed);
}
