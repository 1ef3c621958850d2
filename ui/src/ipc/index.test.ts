import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { isApiError, listAgreements, renameAgreement, toApiError } from "./index";

describe("ipc", () => {
  it("passes command names and arguments through unchanged", async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return cmd === "list_agreements" ? [] : null;
    });
    await listAgreements();
    await renameAgreement("id-1", "New title");
    expect(seen).toEqual([
      ["list_agreements", {}],
      ["rename_agreement", { id: "id-1", title: "New title" }],
    ]);
  });

  it("keeps {code, message} rejections and wraps anything else as internal", async () => {
    mockIPC(() => {
      throw { code: "conflict", message: "locked" };
    });
    await expect(listAgreements()).rejects.toEqual({ code: "conflict", message: "locked" });
    expect(toApiError("command list_agreements not allowed")).toEqual({
      code: "internal",
      message: "command list_agreements not allowed",
    });
    expect(toApiError(new Error("boom"))).toEqual({ code: "internal", message: "boom" });
    expect(isApiError({ code: "made_up", message: "x" })).toBe(false);
  });
});
