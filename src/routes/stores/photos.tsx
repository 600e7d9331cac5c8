import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm } from '../../http/forms'
import { photoFileMessage, uploadBodyLimit } from '../../http/photo-uploads'
import { requireMember } from '../../http/session'
import { ensureSquareVariants } from '../../models/image'
import { findStoreForOwner } from '../../models/store'
import {
  addPortfolioItems,
  listPortfolio,
  MAX_PORTFOLIO_ITEMS,
  removePortfolioItem,
  setStorePhoto,
} from '../../models/store-photos'
import { saveUploadedPhotos } from '../photo-uploads'
import { renderEdit } from './edit-page'
import { singleLine } from '../../lib/text'

const captionSchema = z.object({ caption: singleLine(200) })

/** The storefront's slug from the mount path (/stores/:slug/…); without one, no store is found. */
function storeSlug(c: Context): string {
  return c.req.param('slug') ?? ''
}

/**
 * A storefront's photos, each a small resource of its own: POST /stores/:slug/avatar,
 * /stores/:slug/cover, /stores/:slug/portfolio and /stores/:slug/portfolio/:itemId/removal.
 * Owners only; anyone else's slug is a 404.
 */
export const storePhotos = new Hono<MarketEnv>()
  .post('/:slot{avatar|cover}', requireMember, uploadBodyLimit(), async (c) => {
    const slot = c.req.param('slot') as 'avatar' | 'cover'
    const store = findStoreForOwner(c.var.db, c.var.member, storeSlug(c))
    if (!store) return c.notFound()
    const saved = await saveUploadedPhotos(c, slot, { max: 1 })
    if (!saved.ok)
      return c.html(
        renderEdit(c, store, { photoErrors: { [slot]: saved.refusals.map(photoFileMessage) } }),
        422,
      )
    const [image] = saved.images
    if (!image) return c.notFound()
    setStorePhoto(c.var.db, c.var.clock, c.var.member, store.slug, slot, image.id)
    // Cropped now, so the storefront's first visitor does not wait for it.
    if (slot === 'avatar') await ensureSquareVariants(c.var.db, c.var.config.uploadsDir, image.hash)
    return flashRedirect(
      c,
      `/stores/${store.slug}/edit`,
      slot === 'avatar' ? 'Profile photo saved.' : 'Cover photo saved.',
    )
  })

  .post('/portfolio', requireMember, uploadBodyLimit(), async (c) => {
    const store = findStoreForOwner(c.var.db, c.var.member, storeSlug(c))
    if (!store) return c.notFound()
    const room = MAX_PORTFOLIO_ITEMS - listPortfolio(c.var.db, store.id).length
    const refuse = (errors: string[]) =>
      c.html(renderEdit(c, store, { photoErrors: { portfolio: errors } }), 422)
    if (room <= 0)
      return refuse([
        `Your portfolio holds ${MAX_PORTFOLIO_ITEMS} photos. Remove one to add another.`,
      ])
    const form = await parseForm(c, captionSchema)
    if (!form.ok) return refuse([`Caption: ${form.errors.caption}`])
    const { caption } = form.data
    const saved = await saveUploadedPhotos(c, 'photos', { max: room })
    if (!saved.ok) return refuse(saved.refusals.map(photoFileMessage))
    const added = addPortfolioItems(
      c.var.db,
      c.var.member,
      store.slug,
      saved.images.map((image) => ({ imageId: image.id, caption })),
    )
    if (!added.ok)
      return refuse([
        `Your portfolio holds ${MAX_PORTFOLIO_ITEMS} photos. Remove one to add another.`,
      ])
    return flashRedirect(c, `/stores/${store.slug}/edit`, 'Added to your portfolio.')
  })

  .post('/portfolio/:itemId{[0-9]+}/removal', requireMember, (c) => {
    const slug = storeSlug(c)
    if (!removePortfolioItem(c.var.db, c.var.member, slug, Number(c.req.param('itemId'))))
      return c.notFound()
    return flashRedirect(c, `/stores/${slug}/edit`, 'Removed from your portfolio.')
  })
