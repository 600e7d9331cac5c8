import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { minifyCss } from '../lib/css'

export type Asset = {
  url: string
  contentType: string
  body: Buffer
  brotli: Buffer
  gzip: Buffer
}

/** Asset URLs by logical name, e.g. assets.urls['app.css'] → /static/app.3f2a9c1b.css */
export type Assets = { urls: Record<AssetName, string>; byUrl: Map<string, Asset> }
export type AssetName = 'app.css' | 'app.js' | 'htmx.js' | 'htmx-live.js'

const require = createRequire(import.meta.url)

const sources: Record<AssetName, string[]> = {
  'app.css': [resolve('static/app.css')],
  'app.js': [resolve('static/app.js')],
  // htmx is served straight from the pinned package, so upgrading it is `npm install`.
  'htmx.js': [require.resolve('htmx.org/dist/htmx.min.js')],
  // Members' pages load this instead: htmx with the event stream's extension (SSE) and `upsert`,
  // which adds a message to a list once however often it is sent (a replay after a reconnect
  // sends it again). In one file, so the extensions are registered before htmx starts (it starts
  // right after its own script runs), and a page makes one request for it.
  'htmx-live.js': [
    require.resolve('htmx.org/dist/htmx.min.js'),
    require.resolve('htmx.org/dist/ext/hx-sse.min.js'),
    require.resolve('htmx.org/dist/ext/hx-upsert.min.js'),
  ],
}

const contentTypes: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
}

/**
 * Reads, fingerprints and pre-compresses the static assets once at start (the stylesheet without
 * its comments, see minifyCss), so each is served
 * from memory under a content-hashed URL that can be cached forever.
 */
export function loadAssets(): Assets {
  const urls = {} as Record<AssetName, string>
  const byUrl = new Map<string, Asset>()
  for (const [name, paths] of Object.entries(sources) as [AssetName, string[]][]) {
    const body =
      name === 'app.css'
        ? Buffer.from(minifyCss(readFileSync(paths[0]!, 'utf8')))
        : Buffer.concat(paths.flatMap((path) => [readFileSync(path), Buffer.from('\n')]))
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
    const [base, extension] = name.split('.') as [string, string]
    const url = `/static/${base}.${hash}.${extension}`
    urls[name] = url
    byUrl.set(url, {
      url,
      contentType: contentTypes[extension]!,
      body,
      brotli: brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
      }),
      gzip: gzipSync(body, { level: 9 }),
    })
  }
  return { urls, byUrl }
}
