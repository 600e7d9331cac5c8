import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { animatedGif, phoneJpeg, solidImage, texturedPhoto } from '../test/photos'
import {
  deleteVariantsSync,
  detectImageType,
  encodeSlots,
  inspectPhoto,
  processPhoto,
  squareWidths,
  variantFileName,
  variantWidths,
  writeSquareVariants,
  writeVariants,
  type ProcessedPhoto,
} from './images'

const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><script>alert(1)</script></svg>',
)
const TEXT = Buffer.from('This is not a photo, whatever its name says.\n'.repeat(10))

/** The first bytes of an iPhone HEIC: an ISO-BMFF ftyp box with brands heic and mif1. */
const HEIC_HEADER = Buffer.concat([
  Buffer.from([0, 0, 0, 24]),
  Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
  Buffer.alloc(64),
])

async function processed(bytes: Uint8Array): Promise<ProcessedPhoto> {
  const result = await processPhoto(bytes)
  if (!result.ok) throw new Error(`refused: ${result.reason}`)
  return result
}

/** True when a TIFF/EXIF block points to a GPS directory (tag 0x8825), in either byte order. */
function hasGpsDirectory(exif: Buffer) {
  return exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25]))
}

describe('detectImageType', () => {
  it.each(['jpeg', 'png', 'webp', 'avif', 'gif'] as const)(
    'knows %s by its bytes',
    async (type) => {
      expect(detectImageType(await solidImage(20, 20, type))).toBe(type)
    },
  )

  it.each([
    ['a text file renamed .jpg', TEXT],
    ['an SVG', SVG],
    ['a HEIC', HEIC_HEADER],
    ['an empty file', Buffer.alloc(0)],
    ['a JPEG cut to its first bytes', Buffer.from([0xff, 0xd8])],
  ])('refuses %s', (_, bytes) => {
    expect(detectImageType(bytes)).toBeNull()
  })
})

describe('variantWidths', () => {
  it.each([
    [100, [100]],
    [160, [160]],
    [200, [160]],
    [700, [160, 320, 640]],
    [1000, [160, 320, 640, 1000]],
    [1280, [160, 320, 640, 1280]],
    [4000, [160, 320, 640, 1280]],
  ])('never upscales a %i-pixel-wide photo', (width, expected) => {
    expect(variantWidths(width)).toEqual(expected)
  })
})

describe('encodeSlots', () => {
  it('keeps a core free for pages, and never goes below one encode', () => {
    expect([1, 2, 3, 8].map(encodeSlots)).toEqual([1, 1, 2, 7])
  })
})

describe('processPhoto', () => {
  it('strips EXIF, GPS, ICC and XMP from every variant', async () => {
    const original = await phoneJpeg()
    const before = await sharp(original).metadata()
    expect(hasGpsDirectory(before.exif!)).toBe(true)
    expect(before.icc).toBeDefined()
    expect(before.xmp).toBeDefined()

    const photo = await processed(original)
    expect(photo.variants.length).toBeGreaterThan(0)
    for (const variant of photo.variants) {
      const metadata = await sharp(variant.bytes).metadata()
      expect(metadata.exif, `${variant.width} ${variant.format}`).toBeUndefined()
      expect(metadata.icc).toBeUndefined()
      expect(metadata.xmp).toBeUndefined()
      expect(metadata.iptc).toBeUndefined()
      expect(metadata.orientation).toBeUndefined()
      expect(variant.bytes.includes('Tanji Phone')).toBe(false)
    }
  })

  it('turns a sideways phone photo upright', async () => {
    const photo = await processed(await phoneJpeg(300, 200))
    expect([photo.width, photo.height]).toEqual([200, 300])
    const jpeg = photo.variants.find((variant) => variant.format === 'jpg')!
    const { data, info } = await sharp(jpeg.bytes).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([160, 240])
    const pixel = (y: number) => [...data.subarray(y * info.width * 3, y * info.width * 3 + 3)]
    expect(pixel(10)[0]).toBeGreaterThan(200) // top: red
    expect(pixel(info.height - 10)[2]).toBeGreaterThan(200) // bottom: blue
  })

  it.each(['png', 'webp', 'avif', 'gif'] as const)('accepts %s', async (type) => {
    const photo = await processed(await solidImage(500, 375, type))
    expect([photo.width, photo.height, photo.widths]).toEqual([500, 375, [160, 320, 500]])
    expect(photo.variants.map((variant) => `${variant.width}.${variant.format}`)).toEqual([
      '160.avif',
      '160.webp',
      '160.jpg',
      '320.avif',
      '320.webp',
      '320.jpg',
      '500.avif',
      '500.webp',
      '500.jpg',
    ])
  })

  it('keeps only the first frame of an animated GIF', async () => {
    const photo = await processed(await animatedGif())
    expect([photo.width, photo.height]).toEqual([200, 100])
    const variant = photo.variants.find((candidate) => candidate.format === 'webp')!
    const metadata = await sharp(variant.bytes).metadata()
    expect(metadata.pages ?? 1).toBe(1)
    const { channels } = await sharp(variant.bytes).stats()
    expect(channels[0]!.mean).toBeGreaterThan(200) // red
    expect(channels[2]!.mean).toBeLessThan(50)
  })

  it('writes each variant at its width and never larger than the photo', async () => {
    const photo = await processed(await solidImage(1000, 750, 'jpeg'))
    for (const variant of photo.variants) {
      const metadata = await sharp(variant.bytes).metadata()
      expect(metadata.width).toBe(variant.width)
      expect(metadata.height).toBe(Math.round((variant.width * 750) / 1000))
      expect(metadata.format).toBe(
        variant.format === 'jpg' ? 'jpeg' : variant.format === 'avif' ? 'heif' : 'webp',
      )
    }
    const tiny = await processed(await solidImage(90, 60, 'png'))
    expect(tiny.widths).toEqual([90])
    expect(tiny.variants.every((variant) => variant.width === 90)).toBe(true)
  })

  it('makes AVIF and WebP much smaller than JPEG, and the placeholder under 1 KB', async () => {
    const photo = await processed(await texturedPhoto(1600, 1200))
    const bytes = (format: string) =>
      photo.variants
        .filter((variant) => variant.format === format)
        .reduce((sum, variant) => sum + variant.bytes.length, 0)
    expect(bytes('avif')).toBeLessThanOrEqual(bytes('jpg') * 0.55)
    expect(bytes('webp')).toBeLessThan(bytes('jpg'))
    expect(photo.placeholder).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/)
    expect(photo.placeholder.length).toBeLessThanOrEqual(1024)
    const placeholder = Buffer.from(photo.placeholder.split(',')[1]!, 'base64')
    expect((await sharp(placeholder).metadata()).width).toBe(16)
  })

  it('names the photo by the sha256 of its bytes', async () => {
    const bytes = await solidImage(200, 200, 'png')
    const photo = await processed(bytes)
    expect(photo.hash).toBe(createHash('sha256').update(bytes).digest('hex'))
  })

  it.each([
    ['a text file renamed .jpg', TEXT],
    ['an SVG', SVG],
    ['a HEIC', HEIC_HEADER],
  ])('refuses %s as an unsupported type', async (_, bytes) => {
    expect(await processPhoto(bytes)).toEqual({ ok: false, reason: 'unsupported_type' })
  })

  it('refuses a truncated JPEG as corrupt', async () => {
    const whole = await texturedPhoto(1200, 900)
    const truncated = whole.subarray(0, Math.floor(whole.length * 0.7))
    expect(detectImageType(truncated)).toBe('jpeg')
    expect(await processPhoto(truncated)).toEqual({ ok: false, reason: 'corrupt' })
  })

  it('refuses a PNG whose pixels cannot be decoded as corrupt', async () => {
    const whole = await solidImage(300, 300, 'png')
    const mangled = Buffer.concat([whole.subarray(0, 60), Buffer.alloc(200, 7)])
    expect(await processPhoto(mangled)).toEqual({ ok: false, reason: 'corrupt' })
  })

  it('refuses a 60-megapixel image from its header, before decoding it', async () => {
    const huge = await sharp({
      create: { width: 8000, height: 7500, channels: 3, background: '#000' },
    })
      .png({ compressionLevel: 1 })
      .toBuffer()
    expect(await inspectPhoto(huge)).toEqual({ ok: false, reason: 'too_many_pixels' })
    expect(await processPhoto(huge)).toEqual({ ok: false, reason: 'too_many_pixels' })
    const small = await solidImage(100, 100, 'png')
    expect(await processPhoto(small, { maxPixels: 9_999 })).toEqual({
      ok: false,
      reason: 'too_many_pixels',
    })
  })
})

describe('writeVariants', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'souk-images-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('writes content-addressed files once, with no temporary files left', async () => {
    const photo = await processed(await solidImage(500, 375, 'png'))
    const uploads = join(dir, 'uploads')
    expect(await writeVariants(uploads, photo.hash, photo.variants)).toBe(9)
    const names = readdirSync(uploads).sort()
    expect(names).toHaveLength(9)
    expect(names).toContain(`${photo.hash}-500.avif`)
    expect(names.every((name) => /^[0-9a-f]{64}-\d+\.(avif|webp|jpg)$/.test(name))).toBe(true)
    const jpg = photo.variants.find((variant) => variant.format === 'jpg')!
    expect(readFileSync(join(uploads, variantFileName(photo.hash, jpg.width, 'jpg')))).toEqual(
      jpg.bytes,
    )

    const before = statSync(join(uploads, names[0]!)).mtimeMs
    expect(await writeVariants(uploads, photo.hash, photo.variants)).toBe(0)
    expect(statSync(join(uploads, names[0]!)).mtimeMs).toBe(before)

    deleteVariantsSync(uploads, photo.hash, photo.widths)
    expect(readdirSync(uploads)).toEqual([])
  })

  it('refuses a name that is not a hash, so nothing is written outside the folder', async () => {
    const variant = { width: 10, format: 'jpg' as const, bytes: Buffer.from('x') }
    await expect(writeVariants(dir, '../../etc/passwd', [variant])).rejects.toThrow(/sha256/)
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('squareWidths', () => {
  it.each([
    [1000, 750, [64, 160, 320]],
    [400, 1200, [64, 160, 320]],
    [300, 400, [64, 160]],
    // The 64 crop (a card's store face) comes only with the 160 one, the storefront's.
    [150, 100, []],
    // 4000 × 400 is stored at most 1280 × 128: too few rows to cut a square from.
    [4000, 400, []],
  ])('a %i × %i photo has square crops of %j', (width, height, sides) => {
    expect(squareWidths(width, height)).toEqual(sides)
  })
})

describe('writeSquareVariants', () => {
  let uploads: string
  beforeEach(() => {
    uploads = mkdtempSync(join(tmpdir(), 'souk-squares-'))
  })
  afterEach(() => rmSync(uploads, { recursive: true, force: true }))

  async function stored(bytes: Buffer) {
    const photo = await processed(bytes)
    await writeVariants(uploads, photo.hash, photo.variants)
    return photo
  }

  it('cuts square crops of 64, 160 and 320 from the stored photo, in every format', async () => {
    const photo = await stored(await solidImage(400, 1200, 'jpeg'))
    expect(await writeSquareVariants(uploads, photo)).toBe(true)
    const squares = readdirSync(uploads)
      .filter((name) => name.includes('sq.'))
      .sort()
    expect(squares).toEqual(
      [160, 320, 64]
        .flatMap((side) => ['avif', 'jpg', 'webp'].map((format) => `${side}sq.${format}`))
        .map((suffix) => `${photo.hash}-${suffix}`),
    )
    for (const name of squares) {
      const side = Number(name.split('-')[1]!.split('sq')[0])
      expect(await sharp(join(uploads, name)).metadata()).toMatchObject({
        width: side,
        height: side,
      })
    }

    deleteVariantsSync(uploads, photo.hash, photo.widths)
    expect(readdirSync(uploads)).toEqual([])
  })

  it('keeps the striking part of a photo in the square, not just the middle', async () => {
    // Grey sand with a red boat near the right edge: a centred crop would miss the boat.
    const boat = await sharp({
      create: { width: 1200, height: 400, channels: 3, background: '#9a9a9a' },
    })
      .composite([{ input: await solidImage(200, 200, 'png', '#e0201b'), left: 950, top: 100 }])
      .jpeg()
      .toBuffer()
    const photo = await stored(boat)
    expect(await writeSquareVariants(uploads, photo)).toBe(true)
    const { channels } = await sharp(
      join(uploads, variantFileName(photo.hash, 320, 'jpg', true)),
    ).stats()
    expect(channels[0]!.mean - channels[2]!.mean).toBeGreaterThan(40) // the red shows
  })

  it('says so when the stored photo is gone', async () => {
    const photo = await processed(await solidImage(400, 400, 'jpeg'))
    expect(await writeSquareVariants(uploads, photo)).toBe(false)
    expect(readdirSync(uploads)).toEqual([])
  })
})
