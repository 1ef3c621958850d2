// Starts the real SLA Studio binary under tauri-driver (WebKitWebDriver) and opens a
// WebDriver session on it. One driver per test file; each session is one app launch.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(root, "target");
export const appBinary = process.env.SLA_STUDIO_APP ?? path.join(targetDir, "debug", "sla-studio");
export const cliBinary = path.join(targetDir, "debug", "sla");
export const screenshotDir = path.join(root, "test-output", "screenshots");

const DRIVER_PORT = Number(process.env.TAURI_DRIVER_PORT ?? 4444);
const NATIVE_PORT = DRIVER_PORT + 1;

function tauriDriverPath() {
  const local = path.join(process.env.CARGO_HOME ?? path.join(homedir(), ".cargo"), "bin", "tauri-driver");
  return process.env.TAURI_DRIVER ?? local;
}

/** Starts tauri-driver and waits until it answers. */
export async function startDriver(workspace) {
  const driver = spawn(
    tauriDriverPath(),
    ["--port", String(DRIVER_PORT), "--native-port", String(NATIVE_PORT), "--native-driver", "/usr/bin/WebKitWebDriver"],
    { env: { ...process.env, SLA_STUDIO_WORKSPACE: workspace }, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  driver.stderr.on("data", (chunk) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`tauri-driver exited: ${stderr}`);
    try {
      const response = await fetch(`http://127.0.0.1:${DRIVER_PORT}/status`);
      if (response.ok) {
        // The native driver starts a moment after tauri-driver answers.
        await sleep(300);
        return driver;
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  driver.kill("SIGTERM");
  throw new Error(`tauri-driver did not answer within 20 s: ${stderr}`);
}

export async function stopDriver(driver) {
  if (!driver || driver.exitCode !== null) return;
  const exited = new Promise((resolve) => driver.once("exit", resolve));
  driver.kill("SIGTERM");
  await Promise.race([exited, sleep(5_000)]);
}

/** Launches the app (a new process) with the given workspace and returns the session. */
export async function launchApp(workspace) {
  return remote({
    hostname: "127.0.0.1",
    port: DRIVER_PORT,
    logLevel: "warn",
    connectionRetryCount: 2,
    capabilities: {
      browserName: "wry",
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: appBinary, args: ["--workspace", workspace] },
    },
  });
}

/** Saves a screenshot after two animation frames, so the frame is not stale. */
export async function screenshot(browser, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await browser.saveScreenshot(path.join(screenshotDir, `${name}.png`));
}

export async function byTestId(browser, id) {
  const element = await browser.$(`[data-testid="${id}"]`);
  await element.waitForDisplayed({ timeout: 10_000 });
  return element;
}

/**
 * Answers the system's save dialog (GTK) the way a person does: waits for the visible window
 * titled `title`, gives it the keyboard, types the full path over the suggested name, presses
 * Enter. Every xdotool call is bounded, so a dialog that never shows fails the test instead
 * of hanging it.
 */
export async function answerSaveDialog(title, file) {
  const xdotool = (...args) => execFileSync("xdotool", args, { encoding: "utf8", timeout: 5_000 }).trim();
  const deadline = Date.now() + 20_000;
  let window = "";
  while (Date.now() < deadline && !window) {
    try {
      window = xdotool("search", "--onlyvisible", "--name", title).split("\n").filter(Boolean).at(-1) ?? "";
    } catch {
      // not shown yet (xdotool exits with 1 when nothing matches)
    }
    if (!window) await sleep(250);
  }
  if (!window) throw new Error(`no visible window titled "${title}" appeared within 20 s`);
  await sleep(500);
  xdotool("windowfocus", window);
  await sleep(300);
  xdotool("key", "--clearmodifiers", "ctrl+a");
  xdotool("type", "--delay", "15", file);
  await sleep(300);
  xdotool("key", "Return");
}
