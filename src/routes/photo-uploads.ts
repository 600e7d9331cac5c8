import type { Context } from 'hono'
import type { AppEnv, MemberEnv } from '../http/env'
import { photoRefusalMessage, readPhotoFiles } from '../http/photo-uploads'
import { savePhoto, type Image } from '../models/image'

export type SavedUploads = { images: Image[]; errors: string[] }

/**
 * Reads a multipart field of photos and encodes and stores each one (slow: run before any
 * transaction). Every refused file becomes a message for the form, and nothing is attached
 * here: the caller attaches the images only when there was no error.
 */
export async function saveUploadedPhotos(
  c: Context<MemberEnv> | Context<AppEnv>,
  field: string,
  options: { max: number },
): Promise<SavedUploads> {
  const { photos, errors } = await readPhotoFiles(c, field, { max: options.max })
  if (photos.length === 0 && errors.length === 0) errors.push('Choose a photo to upload.')
  if (errors.length > 0) return { images: [], errors }
  const images: Image[] = []
  for (const photo of photos) {
    const saved = await savePhoto(
      c.var.db,
      c.var.config.uploadsDir,
      c.var.member?.id ?? null,
      photo.bytes,
      {
        clock: c.var.clock,
      },
    )
    if (saved.ok) images.push(saved.image)
    else errors.push(photoRefusalMessage(photo.name, saved.reason))
  }
  return { images: errors.length > 0 ? [] : images, errors }
}
