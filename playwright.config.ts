/**
 * Browser tests (`npm run test:browser`): @playwright/test on Debian's Chromium (never a downloaded
 * browser: set PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 when installing), with axe-core on every page.
 * The global setup builds what is stale (scripts/build-if-stale.mjs) and starts the real server
 * (dist/server/start.js) on a free port with a fresh temporary DATA_DIR (embedded database, demo
 * data seeded), like e2e/smoke.ts; its teardown stops the server and removes the folder. The
 * summary reporter's last line, `N passed, N failed`, is what .ci/run counts.
 */
import { defineConfig } from '@playwright/test'

const CHROMIUM = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

export default defineConfig({
  testDir: 'e2e/browser',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/browser/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  reporter: [['list'], ['./e2e/browser/summary-reporter.ts']],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  outputDir: 'e2e/artifacts/browser',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 900 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'off',
  },
})
