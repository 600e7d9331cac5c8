import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { stores } from '../../db/schema'
import {
  createOpenMarket,
  createProvider,
  ORIGIN,
  page,
  PASSWORD,
  type TestMarket,
} from '../test/app'
import { texturedPhoto } from '../test/photos'

let market: TestMarket
afterEach(() => market.cleanup())

const KB = 1024

/** A sign-in form padded to about `bytes`. */
function paddedSignIn(bytes: number) {
  return new URLSearchParams({
    email: 'awa@example.com',
    password: PASSWORD,
    padding: 'x'.repeat(bytes),
  }).toString()
}

/** Sends `body` in pieces with no Content-Length, as a chunked upload arrives. */
function chunked(body: string, pieceBytes = 16 * KB): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(body)
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.subarray(offset, offset + pieceBytes))
      offset += pieceBytes
    },
  })
}

function postSignIn(body: BodyInit, headers: Record<string, string> = {}) {
  return market.app.request(`${ORIGIN}/sign-in`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, ...headers },
    // Node's fetch needs this to send a stream as a body.
    ...({ duplex: 'half' } as object),
  })
}

describe('the form body limit', () => {
  it('refuses a body that says it is too large with 413 and the site error page', async () => {
    market = await createOpenMarket()
    const body = paddedSignIn(100 * KB)
    const response = await postSignIn(body, { 'Content-Length': String(body.length) })
    expect(response.status).toBe(413)
    const document = await page(response)
    expect(document.querySelector('h1')?.textContent).toBe('Too much to send')
    expect(document.querySelector('main')?.textContent).toMatch(/64 KB/)
    expect(document.querySelector('.site-header')).not.toBeNull()
  })

  it('refuses a chunked body once it passes the limit, without reading the rest', async () => {
    market = await createOpenMarket()
    let sent = 0
    const pieces = chunked(paddedSignIn(10 * 1024 * KB)).pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(piece, controller) {
          sent += piece.length
          controller.enqueue(piece)
        },
      }),
    )
    const response = await postSignIn(pieces)
    expect(response.status).toBe(413)
    expect(sent).toBeLessThan(1024 * KB)
  })

  it('refuses an oversized multipart post to a route that takes no photos', async () => {
    market = await createOpenMarket()
    const form = new FormData()
    form.append('email', 'awa@example.com')
    form.append('password', PASSWORD)
    form.append('padding', new File([new Uint8Array(200 * KB)], 'padding.bin'))
    const response = await market.app.request(`${ORIGIN}/sign-in`, {
      method: 'POST',
      body: form,
      headers: { Origin: ORIGIN },
    })
    expect(response.status).toBe(413)
  })

  it('still takes an ordinary form', async () => {
    market = await createOpenMarket()
    const response = await postSignIn(paddedSignIn(KB))
    expect(response.status).toBe(303)
  })

  it('is a setting', async () => {
    market = await createOpenMarket({ maxFormBytes: 2 * KB })
    expect((await postSignIn(paddedSignIn(4 * KB))).status).toBe(413)
    expect((await postSignIn(paddedSignIn(KB))).status).toBe(303)
  })

  describe('photo routes keep their own, larger limit', () => {
    let photo: Buffer
    beforeAll(async () => {
      photo = await texturedPhoto(1200, 900, 95)
    })

    it('takes a photo far larger than a form may be', async () => {
      market = await createOpenMarket()
      expect(photo.byteLength).toBeGreaterThan(128 * KB)
      const { cookie } = await createProvider(market)
      const slug = market.db.select().from(stores).get()?.slug
      const response = await market.upload(
        `/stores/${slug}/avatar`,
        { avatar: [{ name: 'me.jpg', bytes: photo }] },
        { cookie },
      )
      expect(response.status).toBe(303)
    })
  })
})
