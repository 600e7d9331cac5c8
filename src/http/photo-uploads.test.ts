import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createOpenMarket, ORIGIN, page, type TestMarket } from '../test/app'
import { solidImage } from '../test/photos'
import { parseForm } from './forms'
import {
  photoFileMessage,
  photoRefusalMessage,
  readPhotoFiles,
  uploadBodyLimit,
} from './photo-uploads'

const MB = 1024 * 1024

let market: TestMarket
afterEach(() => market.cleanup())

/** A market with a tiny upload route, as storefront and listing routes will use the helpers. */
async function marketWithUploadRoute() {
  market = await createOpenMarket()
  market.app.post('/test/photos', uploadBodyLimit(), async (c) => {
    const form = await parseForm(c, z.object({ caption: z.string().default('') }))
    const { photos, refusals } = await readPhotoFiles(c, 'photos')
    return c.json({
      caption: form.ok ? form.data.caption : null,
      photos: photos.map(({ name, type, width, height }) => ({ name, type, width, height })),
      reasons: refusals.map((refusal) => refusal.reason),
      errors: refusals.map(photoFileMessage),
    })
  })
}

type UploadAnswer = {
  caption: string | null
  photos: { name: string; type: string; width: number; height: number }[]
  reasons: string[]
  errors: string[]
}

async function upload(files: File[], fields: Record<string, string> = {}) {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) body.append(name, value)
  for (const file of files) body.append('photos', file)
  return market.app.request(`${ORIGIN}/test/photos`, {
    method: 'POST',
    body,
    headers: { Origin: ORIGIN },
  })
}

async function answer(files: File[], fields: Record<string, string> = {}) {
  const response = await upload(files, fields)
  expect(response.status).toBe(200)
  return (await response.json()) as UploadAnswer
}

function photoFile(bytes: Uint8Array, name: string) {
  return new File([new Uint8Array(bytes)], name)
}

/** Bytes that start like a JPEG: the size check must refuse them before anything reads them. */
function jpegLooking(bytes: number) {
  const data = new Uint8Array(bytes)
  data.set([0xff, 0xd8, 0xff, 0xe0])
  return data
}

describe('readPhotoFiles', () => {
  it('accepts several photos, whatever their names say, next to other fields', async () => {
    await marketWithUploadRoute()
    const result = await answer(
      [
        photoFile(await solidImage(300, 200, 'jpeg'), 'stall.jpg'),
        photoFile(await solidImage(120, 90, 'webp'), 'IMG_0042.PNG'),
      ],
      { caption: 'Fresh bread' },
    )
    expect(result).toEqual({
      caption: 'Fresh bread',
      photos: [
        { name: 'stall.jpg', type: 'jpeg', width: 300, height: 200 },
        { name: 'IMG_0042.PNG', type: 'webp', width: 120, height: 90 },
      ],
      reasons: [],
      errors: [],
    })
  })

  it('says which files cannot be used and why, and keeps the good ones', async () => {
    await marketWithUploadRoute()
    const result = await answer([
      new File(['just some notes'], 'notes.jpg'),
      new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.svg'),
      new File([jpegLooking(30 * MB)], 'huge.jpg'),
      photoFile(await solidImage(50, 50, 'png'), 'ok.png'),
    ])
    expect(result.photos.map((photo) => photo.name)).toEqual(['ok.png'])
    expect(result.reasons).toEqual(['unsupported_type', 'unsupported_type', 'too_large'])
    expect(result.errors).toEqual([
      '“notes.jpg” is not a photo we can read. Use JPEG, PNG, WebP, AVIF or GIF.',
      '“logo.svg” is not a photo we can read. Use JPEG, PNG, WebP, AVIF or GIF.',
      '“huge.jpg” is larger than 15 MB.',
    ])
  })

  it('refuses a photo of more than 50 megapixels', async () => {
    await marketWithUploadRoute()
    const huge = await solidImage(8000, 7500, 'png')
    const result = await answer([photoFile(huge, 'big.jpg')])
    expect(result.errors).toEqual(['“big.jpg” has more than 50 megapixels.'])
  })

  it('refuses more than ten photos at once', async () => {
    await marketWithUploadRoute()
    const photo = await solidImage(20, 20, 'gif')
    const files = Array.from({ length: 11 }, (_, i) => photoFile(photo, `p${i}.gif`))
    expect(await answer(files)).toMatchObject({
      photos: [],
      reasons: ['too_many'],
      errors: ['You can add at most 10 photos.'],
    })
  })

  it('treats an input left empty as no photos, not as a bad one', async () => {
    await marketWithUploadRoute()
    expect(await answer([new File([], '')])).toMatchObject({ photos: [], errors: [] })
  })
})

describe('uploadBodyLimit', () => {
  it('answers an upload over 40 MB with a 413 page that says what to do', async () => {
    await marketWithUploadRoute()
    const response = await upload([
      new File([jpegLooking(14 * MB)], 'a.jpg'),
      new File([jpegLooking(14 * MB)], 'b.jpg'),
      new File([jpegLooking(14 * MB)], 'c.jpg'),
    ])
    expect(response.status).toBe(413)
    const document = await page(response)
    expect(document.querySelector('h1')?.textContent).toBe('Upload too large')
    expect(document.querySelector('main')?.textContent).toContain('more than 40 MB')
  })

  it('counts the bytes of a body sent without a Content-Length', async () => {
    market = await createOpenMarket()
    market.app.post('/test/small', uploadBodyLimit(1024), async (c) => c.text('read'))
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(512))
        controller.close()
      },
    })
    const response = await market.app.request(`${ORIGIN}/test/small`, {
      method: 'POST',
      body: streamed,
      headers: { Origin: ORIGIN, 'Content-Type': 'multipart/form-data; boundary=x' },
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
  })
})

describe('photoRefusalMessage', () => {
  it('names the file without its folders and keeps long names short', () => {
    expect(photoRefusalMessage('C:\\Users\\awa\\Pictures\\shop.jpg', 'corrupt')).toBe(
      '“shop.jpg” looks damaged or incomplete. Try saving it again, or choose another photo.',
    )
    const long = `${'very-long-name-'.repeat(10)}.jpg`
    expect(photoRefusalMessage(long, 'unsupported_type')).toMatch(/^“.{57}…” is not a photo/)
  })
})
