// ESLint for the UI's TypeScript: `npm run lint`.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    // Generated from the Rust types by ts-rs (see its header); fixed by changing the Rust type.
    ignores: ["ui/src/ipc/bindings.ts"],
  },
  {
    files: ["ui/src/**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      // A rejected IPC call is an ApiError {code, message} (ui/src/ipc), a plain object by design.
      "@typescript-eslint/only-throw-error": [
        "error",
        { allow: [{ from: "file", name: "ApiError", path: "ui/src/ipc/bindings.ts" }] },
      ],
    },
  },
  {
    files: ["ui/src/**/*.test.{ts,tsx}"],
    rules: {
      // Tests fake Tauri's IPC, whose rejections are plain {code, message} objects, not Errors.
      "@typescript-eslint/only-throw-error": "off",
    },
  },
);
