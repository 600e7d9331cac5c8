// The baseline every ratio in `npm run bench` is measured against: a bare Hono app on the same
// node-server adapter, answering "Hello World!" and replaying the exact bytes (already
// compressed) that Souk sent for each page. No middleware, no database, no rendering.
// Usage: node src/bench/bare-server.mjs <manifest.json>; prints "listening <port>" when ready.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { readFileSync } from 'node:fs'

/** @type {{ name: string, file: string, headers: Record<string, string> }[]} */
const pages = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'))
const app = new Hono()
app.get('/hello', (c) => c.text('Hello World!'))
for (const [index, page] of pages.entries()) {
  const body = new Uint8Array(readFileSync(page.file))
  app.get(`/page/${index}`, (c) => c.body(body, 200, page.headers))
}

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  process.stdout.write(`listening ${info.port}\n`),
)
process.on('SIGTERM', () => server.close(() => process.exit(0)))
