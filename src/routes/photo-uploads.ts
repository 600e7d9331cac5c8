import type { Context } from 'hono'
import type { MemberEnv } from '../http/env'
import { readPhotoFiles, type PhotoFileRefusal } from '../http/photo-uploads'
import { DEFAULT_MAX_PIXELS } from '../lib/images'
import { savePhoto, type Image } from '../models/image'

export type SavedUploads =
  { ok: true; images: Image[] } | { ok: false; refusals: PhotoFileRefusal[] }

/**
 * Reads a multipart field of photos and encodes and stores each one (slow: run before any
 * transaction). Every refused file is a typed refusal (photoFileMessage words it), and nothing
 * is attached here: the caller attaches the images only when all were saved. No file chosen is
 * a refusal too, unless the photos are `optional` (a form of other fields that may take some).
 */
export async function saveUploadedPhotos<E extends MemberEnv>(
  c: Context<E>,
  field: string,
  options: { max: number; optional?: boolean },
): Promise<SavedUploads> {
  const { photos, refusals } = await readPhotoFiles(c, field, { max: options.max })
  if (photos.length === 0 && refusals.length === 0 && !options.optional)
    refusals.push({ reason: 'none_chosen' })
  if (refusals.length > 0) return { ok: false, refusals }
  const images: Image[] = []
  for (const photo of photos) {
    const saved = await savePhoto(c.var.db, c.var.config.uploadsDir, c.var.member.id, photo.bytes, {
      clock: c.var.clock,
    })
    if (saved.ok) images.push(saved.image)
    else refusals.push({ reason: saved.reason, name: photo.name, maxPixels: DEFAULT_MAX_PIXELS })
  }
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, images }
}
