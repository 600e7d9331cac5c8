// Bundles the server and the demo generator into .build/ with esbuild.
// `--if-needed` skips the work when no source file is newer than the bundle, so `npm start` stays quick.
import { build } from 'esbuild'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const outputs = ['.build/server.js', '.build/demo.js']
const sources = ['src', 'views', 'db', 'package.json', 'tsconfig.json']

function newestMtime(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    0,
  )
}

function isFresh() {
  if (!outputs.every((file) => existsSync(file))) return false
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs))
  return sources.every((path) => !existsSync(path) || newestMtime(path) <= built)
}

if (process.argv.includes('--if-needed') && isFresh()) process.exit(0)

await build({
  entryPoints: { server: 'src/server.ts', demo: 'db/demo.ts' },
  outdir: '.build',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
