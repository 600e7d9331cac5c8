import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { savePhoto } from '../models/image'
import { createOpenMarket, type TestMarket } from '../test/app'
import { solidImage } from '../test/photos'

let market: TestMarket
afterEach(() => market.cleanup())

async function marketWithPhoto() {
  market = await createOpenMarket()
  const saved = await savePhoto(
    market.db,
    market.config.uploadsDir,
    null,
    await solidImage(400, 300, 'jpeg'),
  )
  if (!saved.ok) throw new Error(saved.reason)
  return saved.image.hash
}

describe('GET /uploads/:file', () => {
  it.each([
    ['avif', 'image/avif'],
    ['webp', 'image/webp'],
    ['jpg', 'image/jpeg'],
  ])('serves a stored %s variant, cached forever', async (format, contentType) => {
    const hash = await marketWithPhoto()
    const name = `${hash}-320.${format}`
    const response = await market.get(`/uploads/${name}`, {
      headers: { 'Accept-Encoding': 'br, gzip' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe(contentType)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('Content-Disposition')).toBe('inline')
    expect(response.headers.get('Content-Encoding')).toBeNull()
    expect(response.headers.get('Set-Cookie')).toBeNull()
    const body = Buffer.from(await response.arrayBuffer())
    expect(body).toEqual(readFileSync(join(market.config.uploadsDir, name)))
  })

  it('answers 404 for anything that is not a stored variant name', async () => {
    const hash = await marketWithPhoto()
    // Files that exist, so only the name rule can turn them away.
    writeFileSync(join(market.config.uploadsDir, `${hash}-320.png`), 'png')
    writeFileSync(join(market.config.uploadsDir, `.${hash}-320.jpg.1a2b.tmp`), 'partial')
    for (const path of [
      `/uploads/${hash}-999.avif`,
      `/uploads/${hash}-320.png`,
      `/uploads/.${hash}-320.jpg.1a2b.tmp`,
      `/uploads/${hash.toUpperCase()}-320.jpg`,
      `/uploads/${hash}-320.jpg.`,
      `/uploads/${hash.slice(1)}-320.jpg`,
      '/uploads/..%2Fsouk.sqlite',
      '/uploads/%2e%2e%2fsouk.sqlite',
      `/uploads/..%2F..%2Fuploads%2F${hash}-320.jpg`,
      '/uploads/',
    ]) {
      expect((await market.get(path)).status, path).toBe(404)
    }
  })

  describe('square crops (avatars), made the first time one is asked for', () => {
    /** A photo stored by an upload: every variant, no square crops yet. */
    async function olderPhoto() {
      const hash = await marketWithPhoto()
      const squares = () =>
        readdirSync(market.config.uploadsDir).filter((name) => name.includes('sq.'))
      for (const name of squares()) rmSync(join(market.config.uploadsDir, name))
      expect(squares()).toEqual([])
      return { hash, squares }
    }

    it('are made the first time one is asked for, then served from the folder', async () => {
      const { hash, squares } = await olderPhoto()
      const response = await market.get(`/uploads/${hash}-160sq.webp`)
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Type')).toBe('image/webp')
      const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
      expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', 160, 160])
      // 400 × 300: the 160 crop fits (and the 64 one); all three formats are written at once.
      expect(squares().sort()).toEqual(
        [160, 64].flatMap((side) =>
          ['avif', 'jpg', 'webp'].map((format) => `${hash}-${side}sq.${format}`),
        ),
      )
      expect((await market.get(`/uploads/${hash}-160sq.avif`)).status).toBe(200)
    })

    it('are made only at the sides the photo has, and only for stored photos', async () => {
      const { hash, squares } = await olderPhoto()
      expect((await market.get(`/uploads/${hash}-320sq.jpg`)).status).toBe(404) // 300 rows
      expect((await market.get(`/uploads/${hash}-999sq.jpg`)).status).toBe(404)
      expect((await market.get(`/uploads/${'c'.repeat(64)}-160sq.jpg`)).status).toBe(404)
      expect(squares()).toEqual([])
    })
  })
})
