// Builds the server once before any journey runs; each test then starts .build/server.js.
import { spawnSync } from 'node:child_process'
import { repoRoot } from './paths'

export default function globalSetup() {
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`)
}
