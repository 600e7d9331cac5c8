import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { StoreNewPage } from '../../views/stores/store-new-page'
import { StorePage } from '../../views/stores/store-page'
import type { MarketEnv, MemberEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { parseForm } from '../http/forms'
import { seeOther } from '../http/redirects'
import { requireMember } from '../http/session'
import { shell } from '../http/shell'
import { PHONE_PATTERN } from '../lib/phone'
import { multiLine, singleLine } from '../lib/text'
import { pendingVerification } from '../models/email-verification'
import { savedListingIds } from '../models/favourite'
import { hasVerifiedEmail } from '../models/member'
import { listStoreListings } from '../models/listing'
import { coverPhotos } from '../models/listing-photos'
import { findImage, listPortfolio } from '../models/store-photos'
import { renderEdit } from './stores/edit-page'
import { readReviews, reviewsContextOf } from './reviews/reviews-view'
import { ReviewResults } from '../../views/reviews/reviews-section'
import { FRAGMENT_VARY, wantsFragment } from '../http/htmx'
import {
  findPublicStore,
  findStoreForOwner,
  findStoreOfMember,
  openStore,
  sellerFacts,
  updateStore,
} from '../models/store'

const MAX_SKILLS = 10

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'on')

function coordinate(limit: number, example: string) {
  return z
    .string()
    .default('')
    .transform((value) => value.trim())
    .refine(
      (value) =>
        value === '' || (/^-?\d{1,3}(\.\d{1,8})?$/.test(value) && Math.abs(Number(value)) <= limit),
      `Enter a number between -${limit} and ${limit}, e.g. ${example}.`,
    )
    .transform((value) => (value === '' ? null : Number(value)))
}

const storeSchema = z
  .object({
    name: singleLine(60, { required: 'Give your storefront a name.' }),
    bio: multiLine(1000),
    area: singleLine(80),
    skills: singleLine(400)
      .transform((value) => [
        ...new Set(
          value
            .split(',')
            .map((skill) => skill.trim().toLowerCase())
            .filter(Boolean),
        ),
      ])
      .refine((skills) => skills.length <= MAX_SKILLS, `List at most ${MAX_SKILLS} skills.`)
      .refine(
        (skills) => skills.every((skill) => skill.length <= 30),
        'Keep each skill under 30 characters.',
      ),
    phone: z
      .string()
      .trim()
      .default('')
      .refine(
        (value) => value === '' || PHONE_PATTERN.test(value),
        'Enter a phone number using digits, e.g. +220 712 3456.',
      ),
    showPhone: checkbox,
    whatsapp: z
      .string()
      .trim()
      .default('')
      .refine(
        (value) => value === '' || (PHONE_PATTERN.test(value) && /^(\+|00)/.test(value)),
        'Enter the WhatsApp number with its country code, e.g. +220 712 3456.',
      ),
    showWhatsapp: checkbox,
    mobileMoney: singleLine(100),
    bankDetails: multiLine(300),
    latitude: coordinate(90, '13.4399'),
    longitude: coordinate(180, '-16.6775'),
  })
  .superRefine((store, context) => {
    if (store.showPhone && !store.phone)
      context.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'Enter the number you want to show.',
      })
    if (store.showWhatsapp && !store.whatsapp)
      context.addIssue({
        code: 'custom',
        path: ['whatsapp'],
        message: 'Enter the number you want to show.',
      })
    if ((store.latitude === null) !== (store.longitude === null)) {
      const missing = store.latitude === null ? 'latitude' : 'longitude'
      context.addIssue({
        code: 'custom',
        path: [missing],
        message: 'Enter both latitude and longitude, or neither.',
      })
    }
  })

/** Whether the member still has to confirm their address before a store opens (and where to). */
function unconfirmed<E extends MemberEnv>(c: Context<E>) {
  const { db, clock, member } = c.var
  if (hasVerifiedEmail(db, member.id)) return undefined
  return { pending: pendingVerification(db, clock, member.id)?.email }
}

/** Opening and editing one's own storefront. Owners only: anyone else's slug is a 404. */
export const storeManagement = new Hono<MarketEnv>()
  .get('/new', requireMember, (c) => {
    const existing = findStoreOfMember(c.var.db, c.var.member.id)
    if (existing) return seeOther(c, `/stores/${existing.slug}/edit`)
    return c.html(
      <StoreNewPage
        shell={shell(c)}
        values={{ area: c.var.site?.town ?? '' }}
        unconfirmed={unconfirmed(c)}
      />,
    )
  })

  .post('/', requireMember, async (c) => {
    const form = await parseForm(c, storeSchema)
    if (!form.ok)
      return c.html(
        <StoreNewPage shell={shell(c)} values={form.values} errors={form.errors} />,
        422,
      )
    const result = openStore(c.var.db, c.var.clock, c.var.member, form.data)
    if (!result.ok && result.reason === 'email_unverified')
      return c.html(
        <StoreNewPage shell={shell(c)} values={form.values} unconfirmed={unconfirmed(c)} />,
        403,
      )
    if (!result.ok) {
      const existing = findStoreOfMember(c.var.db, c.var.member.id)!
      return flashRedirect(
        c,
        `/stores/${existing.slug}/edit`,
        'You already have a storefront; here it is.',
      )
    }
    return flashRedirect(
      c,
      `/stores/${result.store.slug}`,
      `${result.store.name} is open. Welcome to the market!`,
    )
  })

  .get('/:slug/edit', requireMember, (c) => {
    const store = findStoreForOwner(c.var.db, c.var.member, c.req.param('slug'))
    if (!store) return c.notFound()
    return c.html(renderEdit(c, store))
  })

  .post('/:slug', requireMember, async (c) => {
    const store = findStoreForOwner(c.var.db, c.var.member, c.req.param('slug'))
    if (!store) return c.notFound()
    const form = await parseForm(c, storeSchema)
    if (!form.ok)
      return c.html(renderEdit(c, store, { values: form.values, errors: form.errors }), 422)
    updateStore(c.var.db, c.var.clock, c.var.member, store.slug, form.data)
    return flashRedirect(c, `/stores/${store.slug}`, 'Storefront saved.')
  })

/**
 * GET /stores/:slug — the public storefront; ?category=slug narrows its listings to one,
 * `?reviews=` and `?reviews_page=` sort and page its reviews (htmx gets just those).
 */
export const storePages = new Hono<MarketEnv>().get('/:slug', (c) => {
  const store = findPublicStore(c.var.db, c.req.param('slug'))
  if (!store) return c.notFound()
  const shelf = listStoreListings(c.var.db, store.id, c.req.query('category'))
  const ids = shelf.listings.map((listing) => listing.id)
  const member = c.var.member
  const isOwner = member?.id === store.memberId
  const base = `/stores/${store.slug}${shelf.chosen ? `?category=${shelf.chosen.slug}` : ''}`
  const reviews = readReviews(c, { storeId: store.id })
  const reviewsContext = reviewsContextOf(c, base, store, isOwner)
  c.header('Vary', FRAGMENT_VARY, { append: true })
  if (wantsFragment(c))
    return c.html(<ReviewResults reviews={reviews} context={reviewsContext} fragment />)
  return c.html(
    <StorePage
      shell={shell(c)}
      store={store}
      shelf={shelf}
      completedOrders={sellerFacts(c.var.db, store.id)?.completedOrders ?? 0}
      covers={coverPhotos(c.var.db, ids)}
      saved={member ? savedListingIds(c.var.db, member, ids) : new Set()}
      avatar={findImage(c.var.db, store.avatarImageId)}
      cover={findImage(c.var.db, store.coverImageId)}
      portfolio={listPortfolio(c.var.db, store.id)}
      isOwner={isOwner}
      isOperator={member?.role === 'operator'}
      timeZone={c.var.site?.timeZone ?? 'UTC'}
      currency={c.var.site.currency}
      reviews={reviews}
      reviewsContext={reviewsContext}
    />,
  )
})
