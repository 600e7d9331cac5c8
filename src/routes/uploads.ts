import { Hono } from 'hono'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AppEnv } from '../http/env'
import { VARIANT_CONTENT_TYPES, type VariantFormat } from '../lib/images'
import { ensureSquareVariants } from '../models/image'

/** Exactly the names src/lib/images writes; nothing else in the folder is ever served. */
const VARIANT_NAME = /^([0-9a-f]{64})-(\d{1,5})(sq)?\.(avif|webp|jpg)$/

/**
 * Photo variants. Their names are content hashes, so a name always means the same bytes and
 * browsers and proxies may keep them forever. Mounted before sessions: no cookie work per image.
 */
export const uploads = new Hono<AppEnv>().get('/:file', async (c) => {
  const name = c.req.param('file')
  const match = VARIANT_NAME.exec(name)
  if (!match) return c.text('Not found', 404)
  const { uploadsDir } = c.var.config
  // Only the validated name is joined: no slashes or dots can reach the path.
  let body = await readVariant(join(uploadsDir, name))
  // Photos stored before square crops existed get theirs the first time one is asked for.
  const [, hash = '', width, square, format] = match
  if (!body && square && (await ensureSquareVariants(c.var.db, uploadsDir, hash, Number(width))))
    body = await readVariant(join(uploadsDir, name))
  if (!body) return c.text('Not found', 404)
  return c.body(new Uint8Array(body), 200, {
    'Content-Type': VARIANT_CONTENT_TYPES[format as VariantFormat],
    'Content-Length': String(body.byteLength),
    'Cache-Control': 'public, max-age=31536000, immutable',
    'Content-Disposition': 'inline',
    'X-Content-Type-Options': 'nosniff',
  })
})

async function readVariant(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path)
  } catch (error) {
    if (isMissing(error)) return undefined
    throw error
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR'
}
