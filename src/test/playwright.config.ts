// Browser journeys: the real built server (one fresh instance per test, see e2e/fixtures.ts)
// driven by Debian's Chromium at a phone's size. Run with `npm run test:browser`.
import { defineConfig, devices } from '@playwright/test'

/** Playwright cannot download browsers here; we drive the system's Chromium. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: '../../test-results/playwright',
  // Two cores: one worker per core. Each test gets its own server, so files run in any order.
  workers: 2,
  fullyParallel: true,
  // A flaky journey is a bug to fix, not to retry away.
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
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
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
