// Photo processing: untrusted bytes in, small clean web images out. Knows nothing of the
// marketplace; models/image.ts decides what to do with the results.
import { createHash, randomBytes } from 'node:crypto'
import { access, mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { Metadata, OutputInfo, Sharp, SharpOptions } from 'sharp'
import { Semaphore } from './semaphore'

export type ImageType = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif'
export type VariantFormat = 'avif' | 'webp' | 'jpg'
/** `square` variants are cropped to `width` × `width` (avatars); the others keep the shape. */
export type Variant = { width: number; format: VariantFormat; bytes: Buffer; square?: true }
export type PhotoRefusal = 'unsupported_type' | 'too_many_pixels' | 'corrupt'

export type ProcessedPhoto = {
  ok: true
  /** sha256 of the uploaded bytes, hex: names the files, so identical uploads are stored once. */
  hash: string
  /** Size after auto-rotation. */
  width: number
  height: number
  /** Widths of the variants, ascending. */
  widths: number[]
  /** A tiny blurred WebP as a data: URI. */
  placeholder: string
  variants: Variant[]
}
export type ProcessPhotoResult = ProcessedPhoto | { ok: false; reason: PhotoRefusal }

/** Sizes a page can ask for: a thumbnail, a card, a column, a full-width photo. */
export const VARIANT_WIDTHS = [160, 320, 640, 1280] as const
/**
 * Sides of the square crops made for avatars: 64 for the small face beside a store's name on
 * cards (32 CSS pixels), 160 and 320 for the storefront's, drawn 6rem across (96 CSS pixels; 320
 * covers a phone's 3× screen). Made on demand (writeSquareVariants), not at upload: few photos
 * become avatars, and every upload would pay ~0.5 s of encoding for them.
 */
export const SQUARE_WIDTHS = [64, 160, 320] as const
/** Best first: browsers take the first <source> they can decode. */
export const VARIANT_FORMATS = ['avif', 'webp', 'jpg'] as const satisfies readonly VariantFormat[]
export const VARIANT_CONTENT_TYPES: Record<VariantFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
}
/** About a 50-megapixel camera; decoding more than this would hold hundreds of MB of memory. */
export const DEFAULT_MAX_PIXELS = 50_000_000

// Tuned with `npx tsx src/bench/photos.ts`: at these settings AVIF is about 40–53 % and WebP
// about 50–60 % of the JPEG's bytes at near-equal SSIM. AVIF at effort 3, quality 45 comes
// within a few per cent of effort 4, quality 50 in bytes and SSIM, and encodes ~5× faster:
// that matters with one core to spare. 4:2:0 chroma, as the JPEG uses, saves another ~15 %.
// Thumbnails carry a few hundred bytes of AVIF container, so they get effort 5: it keeps them
// near half the JPEG and costs only ~0.15 s more at 160 pixels wide.
const ENCODERS = {
  avif: (image: Sharp, width: number) =>
    image.avif({ quality: 45, effort: width <= 160 ? 5 : 3, chromaSubsampling: '4:2:0' }),
  webp: (image: Sharp) => image.webp({ quality: 75 }),
  jpg: (image: Sharp) => image.jpeg({ quality: 78, mozjpeg: true, progressive: true }),
} satisfies Record<VariantFormat, (image: Sharp, width: number) => Sharp>

const PLACEHOLDER_SIZE = 16

type SharpModule = (typeof import('sharp'))['default']
let sharpLoading: Promise<SharpModule> | undefined

/**
 * sharp, loaded with the first photo rather than at start: libvips holds about 30 MB once
 * loaded, a third of a small server's idle memory, and most processes serve pages only.
 */
function loadSharp(): Promise<SharpModule> {
  if (sharpLoading) return sharpLoading
  sharpLoading = import('sharp').then(({ default: sharp }) => {
    // libvips would otherwise give each encode a thread per core and keep decoded images
    // cached; one thread per encode (and the semaphore below) leaves the other cores to serve
    // pages, and uploads are one-offs that a cache only holds in memory.
    sharp.concurrency(1)
    sharp.cache(false)
    return sharp
  })
  return sharpLoading
}

/** How many photos may be encoded at once on a machine with `cores` cores: keep one free. */
export function encodeSlots(cores: number): number {
  return cores <= 2 ? 1 : cores - 1
}

/** Every encode waits here, so an upload storm queues instead of starving page requests. */
export const photoEncodes = new Semaphore(encodeSlots(availableParallelism()))

/**
 * The real type of an upload from its first bytes, never from its name or the browser's word.
 * Anything else — SVG (can carry script), HEIC, text renamed .jpg — is null.
 */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length < 12) return null
  const ascii = (start: number, end: number) =>
    Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1')
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png'
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp'
  if (ascii(4, 8) === 'ftyp' && ftypBrands(bytes, ascii).some((brand) => AVIF_BRANDS.has(brand)))
    return 'avif'
  return null
}

const AVIF_BRANDS = new Set(['avif', 'avis'])

/** The major and compatible brands of an ISO-BMFF `ftyp` box (HEIC says heic, AVIF avif). */
function ftypBrands(bytes: Uint8Array, ascii: (start: number, end: number) => string): string[] {
  // Real boxes list a handful of brands; a forged size must not make us walk the whole file.
  const declared = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0)
  const boxSize = Math.min(declared, bytes.length, 64)
  const brands = [ascii(8, 12)]
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(offset, offset + 4))
  return brands
}

// failOn 'error' refuses truncated and broken pixel data; the stricter 'warning' would also
// refuse the harmless quirks many phone cameras write. pages: 1 takes a GIF's first frame only.
const inputOptions = (maxPixels: number): SharpOptions => ({
  failOn: 'error',
  limitInputPixels: maxPixels,
  pages: 1,
})

/** The decoder sharp must pick for each detected type; AVIF and HEIC share 'heif'. */
const SHARP_FORMATS: Record<ImageType, string> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'heif',
}

export type PhotoInspection =
  { ok: true; type: ImageType; width: number; height: number } | { ok: false; reason: PhotoRefusal }

/**
 * Checks type and size from the file's header only — cheap enough to run on every file of a
 * form before any encoding starts.
 */
export async function inspectPhoto(
  bytes: Uint8Array,
  { maxPixels = DEFAULT_MAX_PIXELS }: { maxPixels?: number } = {},
): Promise<PhotoInspection> {
  const type = detectImageType(bytes)
  if (!type) return { ok: false, reason: 'unsupported_type' }
  let metadata: Metadata
  try {
    const sharp = await loadSharp()
    metadata = await sharp(bytes, inputOptions(maxPixels)).metadata()
  } catch (error) {
    return { ok: false, reason: refusalFor(error) }
  }
  if (metadata.format !== SHARP_FORMATS[type]) return { ok: false, reason: 'corrupt' }
  if (type === 'avif' && metadata.compression !== 'av1') return { ok: false, reason: 'corrupt' }
  const { width, height } = metadata.autoOrient
  if (width * height > maxPixels) return { ok: false, reason: 'too_many_pixels' }
  return { ok: true, type, width, height }
}

/**
 * The widths to write for a photo `width` pixels wide: never wider than the photo itself.
 * A photo between two standard widths also keeps its own width when that is clearly bigger,
 * so a 1000-pixel photo is not shown at most 640 wide; one narrower than 160 gets just its own.
 */
export function variantWidths(width: number): number[] {
  const widths: number[] = VARIANT_WIDTHS.filter((standard) => standard <= width)
  const largest = widths.at(-1)
  if (largest === undefined || (width < VARIANT_WIDTHS.at(-1)! && width > largest * 1.25))
    widths.push(width)
  return widths
}

/**
 * The square crops a photo of this size can have, cut from its largest variant: none when that
 * one's short side is under 160 pixels (a page then crops the ordinary variants with CSS).
 */
export function squareWidths(width: number, height: number): number[] {
  const largest = variantWidths(width).at(-1)!
  const shortSide = Math.min(largest, Math.floor((largest * height) / width))
  if (shortSide < 160) return []
  return SQUARE_WIDTHS.filter((side) => side <= shortSide)
}

/**
 * Decodes an upload, turns it upright, strips everything but the pixels and encodes every
 * width as AVIF, WebP and JPEG, plus a blurred placeholder. Waits for a free encode slot.
 * @example const photo = await processPhoto(bytes); if (!photo.ok) return refuse(photo.reason)
 */
export async function processPhoto(
  bytes: Uint8Array,
  { maxPixels = DEFAULT_MAX_PIXELS }: { maxPixels?: number } = {},
): Promise<ProcessPhotoResult> {
  const inspection = await inspectPhoto(bytes, { maxPixels })
  if (!inspection.ok) return inspection
  return photoEncodes.run(() => encodePhoto(bytes, inspection, maxPixels))
}

async function encodePhoto(
  bytes: Uint8Array,
  { width, height }: { width: number; height: number },
  maxPixels: number,
): Promise<ProcessPhotoResult> {
  const widths = variantWidths(width)
  const sharp = await loadSharp()
  let largest: { data: Buffer; info: OutputInfo }
  try {
    // Decode once, straight to the largest width (JPEG shrink-on-load makes this fast), as raw
    // pixels: raw carries no EXIF, GPS, XMP or ICC, so no metadata can reach the variants.
    // Transparent areas become white, as they would look on the page and in the JPEG anyway.
    largest = await sharp(bytes, inputOptions(maxPixels))
      .rotate()
      .resize({ width: widths.at(-1)!, withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true })
  } catch (error) {
    return { ok: false, reason: refusalFor(error) }
  }
  const { data, info } = largest
  const pixels = () =>
    sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })

  // One encode after another: this task holds one slot, and so should use one core.
  const variants: Variant[] = []
  for (const variantWidth of widths) {
    const resized = await pixels().resize({ width: variantWidth }).raw().toBuffer({
      resolveWithObject: true,
    })
    const raw = { width: resized.info.width, height: resized.info.height, channels: info.channels }
    for (const format of VARIANT_FORMATS) {
      const encoded = await ENCODERS[format](sharp(resized.data, { raw }), variantWidth).toBuffer()
      variants.push({ width: variantWidth, format, bytes: encoded })
    }
  }
  const placeholder = await pixels()
    .resize(PLACEHOLDER_SIZE, PLACEHOLDER_SIZE, { fit: 'inside' })
    .blur(0.6)
    .webp({ quality: 40 })
    .toBuffer()
  return {
    ok: true,
    hash: createHash('sha256').update(bytes).digest('hex'),
    width,
    height,
    widths,
    placeholder: `data:image/webp;base64,${placeholder.toString('base64')}`,
    variants,
  }
}

/**
 * Square crops of an upright image at each side, as AVIF, WebP and JPEG. sharp's attention
 * strategy keeps the busiest, most colourful part — usually a face — rather than the centre.
 */
async function encodeSquares(image: Sharp, sides: readonly number[]): Promise<Variant[]> {
  const largest = sides.at(-1)
  if (largest === undefined) return []
  const sharp = await loadSharp()
  const { data, info } = await image
    .resize(largest, largest, { fit: 'cover', position: sharp.strategy.attention })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
  const raw = { width: info.width, height: info.height, channels: info.channels }
  const variants: Variant[] = []
  for (const side of sides) {
    const resized = await sharp(data, { raw }).resize(side, side).raw().toBuffer()
    const pixels = { width: side, height: side, channels: info.channels }
    for (const format of VARIANT_FORMATS) {
      const encoded = await ENCODERS[format](sharp(resized, { raw: pixels }), side).toBuffer()
      variants.push({ width: side, format, bytes: encoded, square: true })
    }
  }
  return variants
}

/**
 * Writes a photo's square crops, cut from its largest stored JPEG (the upload itself is not
 * kept; at 320 pixels the second encode does not show). False when that JPEG is gone. Waits for
 * a free encode slot.
 */
export async function writeSquareVariants(
  uploadsDir: string,
  photo: { hash: string; width: number; height: number; widths: readonly number[] },
): Promise<boolean> {
  let jpeg: Buffer
  try {
    jpeg = await readFile(
      join(uploadsDir, variantFileName(photo.hash, Math.max(...photo.widths), 'jpg')),
    )
  } catch {
    return false
  }
  const sides = squareWidths(photo.width, photo.height)
  const sharp = await loadSharp()
  const variants = await photoEncodes.run(() =>
    encodeSquares(sharp(jpeg, inputOptions(DEFAULT_MAX_PIXELS)), sides),
  )
  await writeVariants(uploadsDir, photo.hash, variants)
  return true
}

function refusalFor(error: unknown): PhotoRefusal {
  return error instanceof Error && /pixel limit/i.test(error.message)
    ? 'too_many_pixels'
    : 'corrupt'
}

const HASH = /^[0-9a-f]{64}$/

/**
 * `<hash>-<width>.<format>`, or `<hash>-<width>sq.<format>` for a square crop: the only names
 * ever written to or served from the uploads folder.
 */
export function variantFileName(
  hash: string,
  width: number,
  format: VariantFormat,
  square = false,
): string {
  if (!HASH.test(hash)) throw new Error(`not a sha256 hex digest: ${hash}`)
  return `${hash}-${width}${square ? 'sq' : ''}.${format}`
}

/**
 * Writes variants under content-addressed names, each to a temporary name first and renamed
 * into place, so a reader never sees half a file. Files that exist already are left alone: the
 * same name always holds the same bytes. Returns how many files were written.
 */
export async function writeVariants(
  uploadsDir: string,
  hash: string,
  variants: readonly Variant[],
): Promise<number> {
  await mkdir(uploadsDir, { recursive: true })
  let written = 0
  for (const variant of variants) {
    const name = variantFileName(hash, variant.width, variant.format, variant.square)
    const path = join(uploadsDir, name)
    if (await exists(path)) continue
    const temporary = join(uploadsDir, `.${name}.${randomBytes(6).toString('hex')}.tmp`)
    try {
      const file = await open(temporary, 'wx')
      try {
        await file.writeFile(variant.bytes)
        // A power cut must not leave an empty file under a name we would then never rewrite.
        await file.sync()
      } finally {
        await file.close()
      }
      await rename(temporary, path)
    } finally {
      await rm(temporary, { force: true })
    }
    written += 1
  }
  return written
}

/**
 * Deletes every variant file of a photo. Synchronous on purpose: callers check the database
 * and delete in one turn of the event loop, so no upload of the same photo can slip between.
 */
export function deleteVariantsSync(uploadsDir: string, hash: string, widths: readonly number[]) {
  for (const format of VARIANT_FORMATS) {
    for (const width of widths)
      rmSync(join(uploadsDir, variantFileName(hash, width, format)), { force: true })
    // Square crops exist only at these sides, if at all (older photos may lack them).
    for (const side of SQUARE_WIDTHS)
      rmSync(join(uploadsDir, variantFileName(hash, side, format, true)), { force: true })
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}
