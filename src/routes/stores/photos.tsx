import { Hono } from 'hono'
import type { MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { readFormValues } from '../../http/forms'
import { uploadBodyLimit } from '../../http/photo-uploads'
import { requireMember } from '../../http/session'
import { findStoreForOwner } from '../../models/store'
import {
  addPortfolioItems,
  listPortfolio,
  MAX_PORTFOLIO_ITEMS,
  ensureSquareVariants,
  removePortfolioItem,
  setStorePhoto,
} from '../../models/store-photos'
import { saveUploadedPhotos } from '../photo-uploads'
import { renderEdit } from './edit-page'

/**
 * A storefront's photos, each a small resource of its own: POST /stores/:slug/avatar,
 * /stores/:slug/cover, /stores/:slug/portfolio and /stores/:slug/portfolio/:itemId/removal.
 * Owners only; anyone else's slug is a 404.
 */
export const storePhotos = new Hono<MemberEnv>()
  .post('/:slug/:slot{avatar|cover}', requireMember, uploadBodyLimit(), async (c) => {
    const slot = c.req.param('slot') as 'avatar' | 'cover'
    const store = findStoreForOwner(c.var.db, c.var.member, c.req.param('slug'))
    if (!store) return c.notFound()
    const saved = await saveUploadedPhotos(c, slot, { max: 1 })
    if (saved.errors.length > 0)
      return c.html(renderEdit(c, store, { photoErrors: { [slot]: saved.errors } }), 422)
    const image = saved.images[0]!
    setStorePhoto(c.var.db, c.var.clock, c.var.member, store.slug, slot, image.id)
    // Cropped now, so the storefront's first visitor does not wait for it.
    if (slot === 'avatar') await ensureSquareVariants(c.var.db, c.var.config.uploadsDir, image.hash)
    return flashRedirect(
      c,
      `/stores/${store.slug}/edit`,
      slot === 'avatar' ? 'Profile photo saved.' : 'Cover photo saved.',
    )
  })

  .post('/:slug/portfolio', requireMember, uploadBodyLimit(), async (c) => {
    const store = findStoreForOwner(c.var.db, c.var.member, c.req.param('slug'))
    if (!store) return c.notFound()
    const room = MAX_PORTFOLIO_ITEMS - listPortfolio(c.var.db, store.id).length
    const refuse = (errors: string[]) =>
      c.html(renderEdit(c, store, { photoErrors: { portfolio: errors } }), 422)
    if (room <= 0)
      return refuse([
        `Your portfolio holds ${MAX_PORTFOLIO_ITEMS} photos. Remove one to add another.`,
      ])
    const caption = ((await readFormValues(c)).caption ?? '').trim()
    if (caption.length > 200) return refuse(['Keep the caption under 200 characters.'])
    const saved = await saveUploadedPhotos(c, 'photos', { max: room })
    if (saved.errors.length > 0) return refuse(saved.errors)
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

  .post('/:slug/portfolio/:itemId{[0-9]+}/removal', requireMember, (c) => {
    const slug = c.req.param('slug')
    if (!removePortfolioItem(c.var.db, c.var.member, slug, Number(c.req.param('itemId'))))
      return c.notFound()
    return flashRedirect(c, `/stores/${slug}/edit`, 'Removed from your portfolio.')
  })
