import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { ErrorPage } from '../../views/errors/error-page'
import { withOwnBodyLimit } from './body-limit'
import { DEFAULT_MAX_PIXELS, inspectPhoto, type ImageType, type PhotoRefusal } from '../lib/images'
import type { AppEnv } from './env'
import { shell } from './shell'

const MB = 1024 * 1024

/** Per form: a storefront's portfolio or a listing's gallery is added ten photos at a time. */
export const PHOTO_MAX_FILES = 10
/** Per file: a 50-megapixel phone photo is about 15 MB as a high-quality JPEG. */
export const PHOTO_MAX_BYTES = 15 * MB
/** Per request: a few full-size photos, but not ten of them, on a town's uplink. */
export const UPLOAD_MAX_REQUEST_BYTES = 40 * MB

/** A file that passed the cheap checks (size, real type, pixel count) and is ready to encode. */
export type PhotoUpload = {
  name: string
  type: ImageType
  width: number
  height: number
  bytes: Uint8Array
}

/** Why a photo (or the whole choice of photos) cannot be used; photoFileMessage words it. */
export type PhotoFileRefusal =
  | { reason: 'too_many'; max: number }
  | { reason: 'none_chosen' }
  | { reason: 'too_large'; name: string; maxBytes: number }
  | { reason: PhotoRefusal; name: string; maxPixels: number }

/** The photos that can be saved, and one refusal per file that cannot, in the order chosen. */
export type PhotoFiles = { photos: PhotoUpload[]; refusals: PhotoFileRefusal[] }

type PhotoLimits = { max?: number; maxBytes?: number; maxPixels?: number }

/**
 * Reads the files of one multipart field and checks each from its header, before any slow
 * encoding: show the refusals (photoFileMessage) beside the file input (PhotoInput), save
 * `photos` with savePhoto. Works before or after parseForm: Hono parses the body once.
 * @example const { photos, refusals } = await readPhotoFiles(c, 'photos', { max: 10 - existing })
 */
export async function readPhotoFiles(
  c: Context,
  field: string,
  {
    max = PHOTO_MAX_FILES,
    maxBytes = PHOTO_MAX_BYTES,
    maxPixels = DEFAULT_MAX_PIXELS,
  }: PhotoLimits = {},
): Promise<PhotoFiles> {
  const body = await c.req.parseBody({ all: true })
  const values = [body[field] ?? []].flat()
  // An input left empty still sends one part with no name and no bytes.
  const files = values.filter(
    (value): value is File => value instanceof File && (value.name !== '' || value.size > 0),
  )
  if (files.length > max) return { photos: [], refusals: [{ reason: 'too_many', max }] }

  const result: PhotoFiles = { photos: [], refusals: [] }
  for (const file of files) {
    const name = displayName(file.name)
    if (file.size > maxBytes) {
      result.refusals.push({ reason: 'too_large', name, maxBytes })
      continue
    }
    const bytes = new Uint8Array(await file.arrayBuffer())
    const inspection = await inspectPhoto(bytes, { maxPixels })
    if (inspection.ok) result.photos.push({ name, ...inspection, bytes })
    else result.refusals.push({ reason: inspection.reason, name, maxPixels })
  }
  return result
}

/**
 * What to tell a member about a refused photo, for the list beside the file input.
 * @example errors={refusals.map(photoFileMessage)}
 */
export function photoFileMessage(refusal: PhotoFileRefusal): string {
  switch (refusal.reason) {
    case 'too_many':
      return `You can add at most ${refusal.max} ${refusal.max === 1 ? 'photo' : 'photos'}.`
    case 'none_chosen':
      return 'Choose a photo to upload.'
    case 'too_large':
      return `“${refusal.name}” is larger than ${Math.round(refusal.maxBytes / MB)} MB.`
    default:
      return photoRefusalMessage(refusal.name, refusal.reason, refusal.maxPixels)
  }
}

/**
 * What to tell a member whose photo was refused, while reading it or when savePhoto gives a reason.
 * @example if (!saved.ok) errors.push(photoRefusalMessage(photo.name, saved.reason))
 */
export function photoRefusalMessage(
  fileName: string,
  reason: PhotoRefusal,
  maxPixels = DEFAULT_MAX_PIXELS,
): string {
  const name = displayName(fileName)
  switch (reason) {
    case 'unsupported_type':
      return `“${name}” is not a photo we can read. Use JPEG, PNG, WebP, AVIF or GIF.`
    case 'too_many_pixels':
      return `“${name}” has more than ${Math.round(maxPixels / 1_000_000)} megapixels.`
    case 'corrupt':
      return `“${name}” looks damaged or incomplete. Try saving it again, or choose another photo.`
  }
}

/** Just the file's own name, short enough to read in a sentence. */
function displayName(name: string): string {
  const base = name.split(/[\\/]/).at(-1)?.trim() || 'This file'
  return base.length > 60 ? `${base.slice(0, 57)}…` : base
}

/**
 * Refuses an upload request whose body is over `maxBytes` with a 413 page, before it is read
 * into memory. Put it on every route that takes photos.
 * @example stores.post('/:slug/portfolio', requireMember, uploadBodyLimit(), async (c) => …)
 */
export function uploadBodyLimit(maxBytes = UPLOAD_MAX_REQUEST_BYTES): MiddlewareHandler<AppEnv> {
  return withOwnBodyLimit((c, next) =>
    bodyLimit({
      maxSize: maxBytes,
      onError: () =>
        c.html(
          ErrorPage({
            shell: shell(c),
            requestId: c.var.requestId,
            title: 'Upload too large',
            message: `Those photos add up to more than ${Math.round(maxBytes / MB)} MB, more than one upload can take. Go back and send fewer at a time, or smaller ones.`,
          }),
          413,
        ),
    })(c, next),
  )
}
