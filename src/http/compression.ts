import type { MiddlewareHandler } from 'hono'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { readCompleteHtml, replaceResponse, withCompleteHtml } from './etag'

const MIN_BYTES = 512
/** Compressed pages kept for reuse, by total size: a town's busy pages fit many times over. */
const CACHE_BYTES = 8 * 1024 * 1024

/** Picks the best encoding the client accepts: brotli first (smaller), then gzip. */
export function preferredEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = (acceptEncoding ?? '').toLowerCase()
  if (/\bbr\b/.test(accepted)) return 'br'
  if (/\bgzip\b/.test(accepted)) return 'gzip'
  return null
}

/**
 * Compresses complete HTML responses. Brotli at quality 5 is about as fast as gzip and a fifth
 * smaller — it is what lets a page fit in the first round trip on a slow network. Most requests
 * ask for a page someone just got, so compressed bodies are kept by their ETag and the same
 * bytes are compressed once. Streams (events, downloads) and static assets (compressed at
 * start) pass through untouched and unbuffered.
 */
export function compression(): MiddlewareHandler {
  const cache = new CompressedCache(CACHE_BYTES)
  return async (c, next) => {
    await next()
    const response = c.res
    if (response.status === 304) {
      response.headers.append('Vary', 'Accept-Encoding')
      return
    }
    const html = await readCompleteHtml(response)
    if (!html) return
    response.headers.append('Vary', 'Accept-Encoding')
    const encoding = preferredEncoding(c.req.header('Accept-Encoding'))
    if (!encoding || html.bytes.byteLength < MIN_BYTES) {
      replaceResponse(c, withCompleteHtml(response, html))
      return
    }
    const key = `${encoding} ${html.tag}`
    let compressed = cache.get(key)
    if (!compressed) {
      compressed =
        encoding === 'br'
          ? brotliCompressSync(html.bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
          : gzipSync(html.bytes, { level: 6 })
      cache.set(key, compressed)
    }
    response.headers.set('Content-Encoding', encoding)
    response.headers.set('Content-Length', String(compressed.byteLength))
    replaceResponse(c, withCompleteHtml(response, html, compressed))
  }
}

/** Least recently used first out, bounded by the bytes it holds. */
class CompressedCache {
  #entries = new Map<string, Uint8Array<ArrayBuffer>>()
  #bytes = 0
  constructor(readonly limit: number) {}

  get(key: string): Uint8Array<ArrayBuffer> | undefined {
    const value = this.#entries.get(key)
    if (value) {
      this.#entries.delete(key)
      this.#entries.set(key, value)
    }
    return value
  }

  set(key: string, value: Uint8Array<ArrayBuffer>) {
    if (value.byteLength > this.limit) return
    this.#entries.set(key, value)
    this.#bytes += value.byteLength
    for (const [oldest, old] of this.#entries) {
      if (this.#bytes <= this.limit) break
      this.#entries.delete(oldest)
      this.#bytes -= old.byteLength
    }
  }
}
