import type { Context } from 'hono'
import { z } from 'zod'
import type { MemberEnv } from '../http/env'
import { list, parseForm } from '../http/forms'
import { photoFileMessage, readPhotoFiles, type PhotoFileRefusal } from '../http/photo-uploads'
import { DEFAULT_MAX_PIXELS } from '../lib/images'
import { ownImages, savePhoto, type Image } from '../models/image'

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

const keptPhotos = z.object({ photoIds: list(z.coerce.number().int().positive()).catch([]) })

export type KeptAndNewPhotos = { photos: Image[]; errors: string[] }

/**
 * A form's photos: those it kept from an earlier try (ticked `photoIds`, the member's own only)
 * and those chosen now in `field`, at most `max` in all. Photos chosen alongside a mistake in
 * the form's words are saved anyway and come back ticked, so a phone on a slow network uploads
 * them once. `noun` names what holds them in the message for too many ("A review").
 */
export async function readKeptAndNewPhotos<E extends MemberEnv>(
  c: Context<E>,
  options: { field: string; max: number; noun: string },
): Promise<KeptAndNewPhotos> {
  const kept = await parseForm(c, keptPhotos)
  let photos = ownImages(c.var.db, c.var.member.id, kept.ok ? kept.data.photoIds : [])
  const room = options.max - photos.length
  const tooMany = (left: number) =>
    `${options.noun} holds at most ${options.max} photos.${left > 0 ? ` You can add ${left} more.` : ' Untick one to add another.'}`
  const saved = await saveUploadedPhotos(c, options.field, {
    max: Math.max(room, 0),
    optional: true,
  })
  let errors: string[] = []
  if (saved.ok) photos = uniqueImages([...photos, ...saved.images])
  else
    errors = saved.refusals.some((refusal) => refusal.reason === 'too_many')
      ? [tooMany(room)]
      : saved.refusals.map(photoFileMessage)
  if (photos.length > options.max) errors = [tooMany(0)]
  return { photos, errors }
}

/** The same photo chosen twice is stored once (images are content-addressed): kept once. */
function uniqueImages(images: Image[]): Image[] {
  return images.filter((image, index) => images.findIndex((one) => one.id === image.id) === index)
}
