import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'views/**/*.test.tsx'],
    exclude: ['node_modules', '.build', 'src/test/e2e/**'],
    // Each test file opens its own temporary SQLite database; argon2 keeps the cores busy.
    pool: 'forks',
    testTimeout: 20_000,
  },
})
