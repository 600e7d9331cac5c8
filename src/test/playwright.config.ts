// Browser journeys: the real built server (one fresh instance per test, see e2e/fixtures.ts)
// driven by Debian's Chromium at a phone's size. Run with `npm run test:browser`.
import { defineConfig, devices } from '@playwright/test'
import { availableParallelism } from 'node:os'

/** Playwright cannot download browsers here; we drive the system's Chromium. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: '../../test-results/playwright',
  // One worker per core (a worker, its server and its Chromium take turns more than they run at
  // once). Each test gets its own server, so files run in any order.
  workers: availableParallelism(),
  fullyParallel: true,
  // A flaky journey is a bug to fix, not to retry away.
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Timeouts are ceilings, not waits: a passing journey never sits them out, so they are sized
  // for the slowest machine the suite must pass on: two cores shared with other work (check with
  // two busy loops alongside, `( while :; do :; done ) &` twice). There the longest journey took
  // ~30 s and the slowest single step (a photo upload) ~5 s, against ~10 s and ~1 s on an idle
  // machine; these allow about three times that. Set here only: a journey waits on what a person
  // would see, never on a number of its own.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    // Souk is used mostly on phones: Pixel 7 size, touch and user agent, with our Chromium.
    ...devices['Pixel 7'],
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
