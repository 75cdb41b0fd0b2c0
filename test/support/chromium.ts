// Headless Chromium for browser tests (Agents Playground, tab pages).
// Uses the Debian package at /usr/bin/chromium: `npx playwright install` cannot work here.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, unless CHROMIUM_PATH names another (as scripts/ensure-chromium.sh allows). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when the Debian chromium binary is installed. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * Launches headless Chromium. Playwright gives every `launch()` a fresh user data dir
 * (a playwright_chromiumdev_profile-* folder in the OS temp folder, deleted on `browser.close()`; it refuses an explicit
 * `--user-data-dir`), and each `browser.newContext()` is a further isolated profile.
 */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\` ` +
        '(the Debian package; `npm test` installs it), then re-run.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}
