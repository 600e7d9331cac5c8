import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { singleLine } from '../../lib/text'
import type { MarketEnv, MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm } from '../../http/forms'
import { photoFileMessage, uploadBodyLimit } from '../../http/photo-uploads'
import { requireMember } from '../../http/session'
import { findListingForOwner } from '../../models/listing'
import {
  addListingPhotos,
  listingPhotoRoom,
  MAX_LISTING_PHOTOS,
  removeListingPhoto,
  updateListingPhoto,
} from '../../models/listing-photos'
import { saveUploadedPhotos } from '../photo-uploads'
import { renderListingEdit } from './edit-page'

const photoSchema = z.object({ alt: singleLine(200), move: z.string().optional() })

const FULL = `A listing holds at most ${MAX_LISTING_PHOTOS} photos. Remove one to add another.`

function refuse<E extends MemberEnv>(c: Context<E>, listingId: number, errors: string[]) {
  const listing = findListingForOwner(c.var.db, c.var.member, listingId)
  if (!listing) return c.notFound()
  return c.html(renderListingEdit(c, listing, { photoErrors: errors }), 422)
}

/**
 * A listing's gallery: POST /listings/:id/photos adds, POST /listings/:id/photos/:photoId
 * saves alt text (and moves it earlier), …/removal removes. Owners only; others get 404.
 */
export const listingPhotoRoutes = new Hono<MarketEnv>()
  .post('/', requireMember, uploadBodyLimit(), async (c) => {
    const listingId = Number(c.req.param('id'))
    const room = listingPhotoRoom(c.var.db, c.var.member, listingId)
    if (room === undefined) return c.notFound()
    if (room === 0) return refuse(c, listingId, [FULL])
    const saved = await saveUploadedPhotos(c, 'photos', { max: room })
    if (!saved.ok) {
      const tooMany = saved.refusals.some((refusal) => refusal.reason === 'too_many')
      const roomLeft = `This listing has room for ${room} more ${room === 1 ? 'photo' : 'photos'} (${MAX_LISTING_PHOTOS} in all).`
      return refuse(c, listingId, tooMany ? [roomLeft] : saved.refusals.map(photoFileMessage))
    }
    // Encoding took a while: the listing is read again, as it is now.
    const listing = findListingForOwner(c.var.db, c.var.member, listingId)
    if (!listing) return c.notFound()
    const added = addListingPhotos(
      c.var.db,
      c.var.member,
      listingId,
      saved.images.map((image) => ({ imageId: image.id, alt: listing.title })),
    )
    if (!added.ok) return added.reason === 'full' ? refuse(c, listingId, [FULL]) : c.notFound()
    const count = saved.images.length
    return flashRedirect(
      c,
      `/listings/${listingId}/edit#photos`,
      `${count} ${count === 1 ? 'photo' : 'photos'} added. Describe each one for people who cannot see it.`,
    )
  })

  .post('/:photoId{[0-9]+}', requireMember, async (c) => {
    const listingId = Number(c.req.param('id'))
    const form = await parseForm(c, photoSchema)
    if (!form.ok) return refuse(c, listingId, [`Photo description: ${form.errors.alt}`])
    const { alt, move } = form.data
    const changed = updateListingPhoto(
      c.var.db,
      c.var.member,
      listingId,
      Number(c.req.param('photoId')),
      {
        alt,
        moveEarlier: move === 'earlier',
      },
    )
    if (!changed) return c.notFound()
    return flashRedirect(
      c,
      `/listings/${listingId}/edit#photos`,
      move === 'earlier' ? 'Photo moved.' : 'Photo saved.',
    )
  })

  .post('/:photoId{[0-9]+}/removal', requireMember, (c) => {
    const listingId = Number(c.req.param('id'))
    if (!removeListingPhoto(c.var.db, c.var.member, listingId, Number(c.req.param('photoId'))))
      return c.notFound()
    return flashRedirect(c, `/listings/${listingId}/edit#photos`, 'Photo removed.')
  })
