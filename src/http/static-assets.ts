import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'
import { preferredEncoding } from './compression'

/** Serves fingerprinted assets from memory; the hash in the URL lets browsers keep them a year. */
export function staticAssets(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const asset = c.get('assets').byUrl.get(c.req.path)
    if (!asset) return next()
    const encoding = preferredEncoding(c.req.header('Accept-Encoding'))
    const body = encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : asset.body
    const headers: Record<string, string> = {
      'Content-Type': asset.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      Vary: 'Accept-Encoding',
      'Content-Length': String(body.byteLength),
    }
    if (encoding) headers['Content-Encoding'] = encoding
    if (c.req.method === 'HEAD') return c.body(null, 200, headers)
    return c.body(new Uint8Array(body), 200, headers)
  }
}
