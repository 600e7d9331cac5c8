// Every main page is valid HTML, as the Nu HTML Checker (vnu, the W3C validator) judges it.
// Pages are rendered through app.request() on a real database with a store, listings and photos,
// written to a temporary directory and checked by ONE run of vnu: it is a JVM, and starting it per
// page would cost seconds each.
//
// Errors fail the test. Warnings may stay only when ACCEPTED_WARNINGS names them with a reason;
// informational notes (hono/jsx writes void elements as `<br/>`, which vnu mentions) are ignored.
import { eq } from 'drizzle-orm'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  cartLines,
  listings,
  listingUnits,
  mails,
  members,
  requestPhotos,
  stores,
} from '../../db/schema'
import { recordOrderPayment, releaseOrderToStore } from '../models/ledger'
import { unitsOnSale } from '../models/listing/units'
import { issueSetupToken } from '../models/site'
import { issueAccountToken } from '../models/account-token'
import { turnMailOff } from '../models/mail-preferences'
import { recordSignIn } from '../models/sign-in-history'
import { queueMail } from '../mail/outbox'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  createProvider,
  createTestMarket,
  PASSWORD,
  sessionCookie,
  productForm,
  serviceForm,
  type TestMarket,
} from './app'
import { buy, openCheckout, submitCheckout } from './checkout'
import { PHONE } from './discovery'
import { insertTestOrder } from './orders'
import { solidImage } from './photos'
import { seedCompletedSale } from './reviews'
import { bookTime, seedBookableService } from './bookings'
import { seedListing, seedStore } from './listings'
import { listingPath } from '../models/listing'
import { appCode, enableTwoFactor } from './two-factor'
import { savePhoto } from '../models/image'
import { REPLY_MAX, replyToReview } from '../models/review/replies'
import { hideReview, reportReview } from '../models/review/reports'
import { publishReview, seedReviewedOrder } from './published-reviews'
import { hire, postTestRequest, proposeOn } from './requests'

const VNU_JAR = join(
  dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')),
  'build/dist/vnu.jar',
)

const ACCEPTED_WARNINGS: RegExp[] = []

type VnuMessage = {
  type: 'error' | 'info' | 'non-document-error'
  subType?: 'warning' | 'fatal'
  url?: string
  lastLine?: number
  message: string
  extract?: string
}

let market: TestMarket
let dir: string
afterAll(() => {
  market?.cleanup()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** The pages to check: name → path and who looks at it (a signed-in provider or a visitor). */
async function seedAndListPages() {
  market = await createOpenMarket()
  const { cookie } = await createProvider(market)
  const service = await createListing(cookie, serviceForm)
  const product = await createListing(cookie, productForm)
  // Without variants: My listings shows its quick-edit form (htmx attributes included).
  const simple = await createListing(cookie, {
    kind: 'product',
    title: 'Honey',
    categoryId: '127',
    price: '75',
    stock: '12',
    pickup: 'on',
  })
  const photo = await solidImage(800, 600, 'jpeg')
  const uploaded = await market.upload(
    `/listings/${service}/photos`,
    { photos: [{ name: 'tap.jpg', bytes: photo }] },
    { cookie },
  )
  expect(uploaded.status).toBe(303)
  const slug = market.db.select().from(stores).get()!.slug
  const avatar = await market.upload(
    `/stores/${slug}/avatar`,
    { avatar: [{ name: 'me.jpg', bytes: photo }] },
    { cookie },
  )
  expect(avatar.status).toBe(303)
  for (const id of [service, product, simple])
    expect((await market.post(`/listings/${id}/publication`, {}, { cookie })).status).toBe(303)
  const ref = (id: number) =>
    `${id}-${market.db.select().from(listings).where(eq(listings.id, id)).get()!.slug}`
  await createMember(market, { email: 'visitor@example.com' })
  const buyer = await visitorCookie()
  expect((await market.post(`/listings/${service}/favourite`, {}, { cookie: buyer })).status).toBe(
    303,
  )
  // Recently viewed and trending on the home page: a member looks at two listings three times.
  for (const id of [product, simple])
    for (let i = 0; i < 3; i++)
      await (await market.get(`/listings/${ref(id)}`, { cookie: buyer, headers: PHONE })).text()
  await market.jobs.run('listing-activity')
  // A cart across the service (with its photo) and both kinds of goods.
  const units = market.db.select().from(listingUnits).all()
  for (const unit of units.filter((unit) => (unit.stock ?? 1) > 0))
    expect(
      (await market.post('/cart/lines', { unitId: String(unit.id) }, { cookie: buyer })).status,
    ).toBe(303)
  // A store's balance with some history: one order paid and completed, one still held.
  const store = market.db.select().from(stores).get()!
  const member = await createMember(market)
  for (const status of ['completed', 'accepted'] as const) {
    const order = insertTestOrder(market.db, { buyerId: member.id, storeId: store.id, status })
    market.db.transaction((tx) => {
      const at = market.clock.now()
      recordOrderPayment(tx, order, { reference: 'MM 1', recordedBy: null, at })
      if (status === 'completed') releaseOrderToStore(tx, order, { at })
    })
  }
  const operator = await market.signIn('awa@example.com')
  const coupon = { code: 'TANJI-10', kind: 'percent', value: '10', maxDiscount: '50' }
  expect((await market.post('/coupons', coupon, { cookie })).status).toBe(303)

  // Orders of a shopper from the provider's store, one in each group of Sales.
  const shopper = await market.signIn((await createMember(market)).email)
  const unitOf = (id: number) => unitsOnSale(market.db, [id])[0]!.id
  const step = async (code: string, action: string, by: string) =>
    expect((await market.post(`/orders/${code}/steps`, { action }, { cookie: by })).status).toBe(
      303,
    )
  const placed = await buy(market, shopper, unitOf(product), 2, {
    'orders.0.fulfilment': 'delivery',
  })
  const underWay = await buy(market, shopper, unitOf(service))
  await step(underWay, 'accept', cookie)
  const delivered = await buy(market, shopper, unitOf(simple))
  for (const action of ['accept', 'mark_ready', 'mark_delivered'])
    await step(delivered, action, cookie)
  const cancelled = await buy(market, shopper, unitOf(simple))
  await step(cancelled, 'cancel', shopper)

  // A conversation about an order: the shopper asks, the store answers.
  const asked = await market.post(
    '/conversations',
    { to: String(store.memberId), order: placed, body: 'When will it <arrive>?' },
    { cookie: shopper },
  )
  expect(asked.status).toBe(303)
  const conversation = asked.headers.get('Location')!.split('#')[0]!
  expect(
    (await market.post(`${conversation}/messages`, { body: 'Tomorrow.' }, { cookie })).status,
  ).toBe(303)

  // The account page's recent sign-ins: one that worked and one that did not.
  for (const outcome of ['signed_in', 'wrong_password'] as const)
    recordSignIn(market.db, market.clock, {
      memberId: store.memberId,
      outcome,
      address: '203.0.113.7',
      userAgent: PHONE['User-Agent'],
    })

  // A mail's unsubscribe link: one kind still on (the page asks), one stopped (it says so).
  const { unsubscribeToken } = market.db
    .select({ unsubscribeToken: members.unsubscribeToken })
    .from(members)
    .where(eq(members.id, store.memberId))
    .get()!
  turnMailOff(market.db, market.clock, store.memberId, 'messages')

  const visitor = undefined
  const reviewed = await reviewPages()
  const twoFactor = await twoFactorPages()
  const emailVerification = await emailVerificationPages()
  const resetLinks = passwordResetLinks(store.memberId)
  const booked = await bookingPages()
  const requested = await requestPages()
  return {
    ...reviewed,
    ...requested,
    ...twoFactor,
    ...emailVerification,
    ...booked,
    'password reset, ask': { path: '/password-reset', cookie: visitor },
    'password reset, sent': { path: '/password-reset/sent', cookie: visitor },
    'password reset, new password': { path: resetLinks.live, cookie: visitor },
    'password reset, link used': { path: resetLinks.used, cookie: visitor, status: 410 },
    home: { path: '/', cookie: visitor },
    'home, signed in': { path: '/', cookie },
    'home, recently viewed and trending': { path: '/', cookie: buyer },
    'sign-in': { path: '/sign-in', cookie: visitor },
    'sign-up': { path: '/sign-up', cookie: visitor },
    category: { path: '/categories/home-repairs', cookie: visitor },
    subcategory: { path: '/categories/plumbing', cookie: visitor },
    storefront: { path: `/stores/${slug}`, cookie: visitor },
    'storefront, new': { path: '/stores/new', cookie: await visitorCookie() },
    'storefront, edit': { path: `/stores/${slug}/edit`, cookie },
    listing: { path: `/listings/${ref(service)}`, cookie: visitor },
    'listing, product': { path: `/listings/${ref(product)}`, cookie: visitor },
    'listing, simple goods': { path: `/listings/${ref(simple)}`, cookie: visitor },
    'listing, new (choice)': { path: '/listings/new', cookie },
    'listing, new service': { path: '/listings/new?kind=service', cookie },
    'listing, new product': { path: '/listings/new?kind=product', cookie },
    'listing, edit': { path: `/listings/${service}/edit`, cookie },
    'my listings': { path: '/listings/mine', cookie },
    'listing, saved to favourites': { path: `/listings/${ref(service)}`, cookie: buyer },
    favourites: { path: '/favourites', cookie: buyer },
    cart: { path: '/cart', cookie: buyer },
    'cart, empty': { path: '/cart', cookie: visitor },
    'favourites, empty': { path: '/favourites', cookie },
    'sign-in, to save a favourite': { path: `/sign-in?favourite=${product}`, cookie: visitor },
    account: { path: '/account', cookie },
    'account, deletion': { path: '/account/deletion', cookie: buyer },
    'account, deletion refused (open orders)': { path: '/account/deletion', cookie },
    'store balance': { path: `/stores/${slug}/balance`, cookie },
    'store hours': { path: `/stores/${slug}/hours`, cookie },
    'store balance, operator': { path: `/stores/${slug}/balance`, cookie: operator },
    coupons: { path: '/coupons', cookie },
    'coupons, without a storefront': { path: '/coupons', cookie: buyer },
    checkout: { path: '/checkout', cookie: buyer },
    orders: { path: '/orders', cookie: shopper },
    'orders, none yet': { path: '/orders', cookie: buyer },
    'order, as buyer': { path: `/orders/${placed}`, cookie: shopper },
    'order, as provider': { path: `/orders/${placed}`, cookie },
    'order, delivered, as buyer': { path: `/orders/${delivered}`, cookie: shopper },
    'order, under way, as operator': { path: `/orders/${underWay}`, cookie: operator },
    'order, cancelled': { path: `/orders/${cancelled}`, cookie },
    receipt: { path: `/orders/${delivered}/receipt`, cookie: shopper },
    sales: { path: '/sales', cookie },
    messages: { path: '/conversations', cookie },
    'messages, none yet': { path: '/conversations', cookie: buyer },
    conversation: { path: conversation, cookie: shopper },
    'conversation, new': {
      path: `/conversations/new?to=${store.memberId}&listing=${service}`,
      cookie: buyer,
    },
    search: { path: '/search?q=tap', cookie: visitor },
    'search, nothing found': { path: '/search?q=zzzzqqq', cookie: visitor },
    'search, filters chosen and refused': {
      path: '/search?category=home-repairs&kind=service&fulfilment=online&min=abc&max=5&near=500,1&sort=nearest',
      cookie: buyer,
    },
    'search, browsing': { path: '/search', cookie: visitor },
    'not found': { path: '/no-such-page', cookie: visitor, status: 404 },
    unsubscribe: { path: `/unsubscribe/${unsubscribeToken}/new_order`, cookie: visitor },
    'unsubscribe, stopped': { path: `/unsubscribe/${unsubscribeToken}/messages`, cookie: visitor },
  } satisfies Record<string, { path: string; cookie: string | undefined; status?: number }>
}

/**
 * Bookings as buyers and providers meet them: a bookable service's calendar (a visitor's, and a
 * member's with live updates), the booking form, the booked order and moving it, the agenda.
 */
async function bookingPages() {
  const hairdresser = await seedStore(market, { name: 'Fatou Hair' })
  const haircut = seedBookableService(market, hairdresser, { rules: { capacity: 4 } })
  const booker = await createMember(market, { email: 'booker@example.com' })
  const cookie = await market.signIn('booker@example.com')
  const owner = await market.signIn(hairdresser.owner.email)
  const booked = bookTime(market, booker, haircut, new Date('2026-11-24T10:00:00Z'))
  if (!booked.ok) throw new Error('the booking was refused')
  const order = `/orders/${booked.order.code}`
  return {
    'listing, bookable': { path: listingPath(haircut), cookie: undefined },
    'listing, bookable, a member': { path: `${listingPath(haircut)}?day=2026-11-24`, cookie },
    'booking form': {
      path: `/listings/${haircut.id}/book?start=2026-11-24T11:00:00.000Z`,
      cookie,
    },
    'order, booking, as buyer': { path: order, cookie },
    'order, booking, as provider': { path: order, cookie: owner },
    'booking, another time': { path: `${order}/reschedule?day=2026-11-25`, cookie },
    'agenda, week': {
      path: `/stores/${hairdresser.store.slug}/agenda?view=week&day=2026-11-24`,
      cookie: owner,
    },
  }
}

/**
 * Requests as a visitor and a provider browse them: cards with and without a photo, a
 * provider's own categories and distance, filters chosen and refused, nothing found.
 */
async function requestPages() {
  const buyer = await createMember(market)
  const plumber = await seedStore(market, {
    name: 'Validity Requests Plumbing',
    area: 'Tanji',
    latitude: 13.35,
    longitude: -16.79,
  })
  seedListing(market.db, market, plumber, { title: 'Tap repair', categoryId: 101 })
  const tap = postTestRequest(market, buyer, { neededBy: '2026-11-30' })
  postTestRequest(market, buyer, {
    title: 'Maths for the exams',
    categoryId: 111,
    budgetMin: null,
    budgetMax: null,
    place: 'online',
  })
  const photo = await solidImage(600, 400, 'jpeg', '#4682b4')
  const saved = await savePhoto(market.db, market.config.uploadsDir, buyer.id, photo, {
    clock: market.clock,
  })
  if (!saved.ok) throw new Error(saved.reason)
  market.db
    .insert(requestPhotos)
    .values({ requestId: tap.id, imageId: saved.image.id, position: 0 })
    .run()
  const owner = await market.signIn(plumber.owner.email)
  return {
    requests: { path: '/requests', cookie: undefined },
    "requests, a provider's": { path: '/requests', cookie: owner },
    'requests, filters chosen and refused': {
      path: '/requests?q=tap&category=plumbing&all=1&budget=abc&within=7&sort=budget',
      cookie: owner,
    },
    'requests, none found': { path: '/requests?q=zzzzqqq', cookie: undefined },
  }
}

/**
 * Reviews as each reader meets them: a listing and a storefront with reviews (a photo, a reply,
 * a removed one) for a visitor, a member and the store's owner; the reply and report pages; the
 * operator's queue; Sales with reviews waiting for a reply.
 */
async function reviewPages() {
  const sale = await seedCompletedSale(market, 'Validity Plumbing')
  // A photo of the buyer's own (the same bytes as another upload would be that upload's).
  const photo = await solidImage(600, 600, 'jpeg', '#a0522d')
  const saved = await savePhoto(market.db, market.config.uploadsDir, sale.buyer.id, photo, {
    clock: market.clock,
  })
  if (!saved.ok) throw new Error(saved.reason)
  const withPhoto = publishReview(market, sale, { photoIds: [saved.image.id] })
  const replied = await seedReviewedOrder(market, sale, { stars: 3, recommend: false })
  const removed = await seedReviewedOrder(market, sale, { stars: 1 })
  replyToReview(market.db, market.clock, sale.seller.owner.id, replied.review.id, 'Thank you.')
  hideReview(market.db, market.clock, sale.seller.owner.id, removed.review.id, 'Insults.')
  const member = await createMember(market)
  reportReview(market.db, market.clock, member.id, withPhoto.id, 'Not about the order.')
  const owner = await market.signIn(sale.seller.owner.email)
  const reader = await market.signIn(member.email)
  const operator = await market.signIn('awa@example.com')
  const listing = listingPath(sale.listing)
  reviewForms = { owner, operator, reviewId: withPhoto.id }
  return {
    'listing, reviews': { path: listing, cookie: undefined },
    'listing, reviews, owner': { path: listing, cookie: owner },
    'listing, reviews, member who reported one': {
      path: `${listing}?reviews=lowest`,
      cookie: reader,
    },
    'storefront, reviews': { path: `/stores/${sale.seller.store.slug}`, cookie: undefined },
    'review, reply page': { path: `/reviews/${withPhoto.id}/reply`, cookie: owner },
    'review, report page': { path: `/reviews/${replied.review.id}/report`, cookie: reader },
    'reported reviews': { path: '/admin/reviews', cookie: operator },
    'sales, reviews waiting for a reply': { path: '/sales', cookie: owner },
  }
}

let reviewForms: { owner: string; operator: string; reviewId: number }

/** The review forms sent back with problems (422). */
async function renderInvalidReviewForms(files: Map<string, string>) {
  const { owner, operator, reviewId } = reviewForms
  const invalid = {
    'review, reply too long': await market.post(
      `/reviews/${reviewId}/reply`,
      { body: 'x'.repeat(REPLY_MAX + 1) },
      { cookie: owner },
    ),
    'review, report without a reason': await market.post(
      `/reviews/${reviewId}/report`,
      { reason: '' },
      { cookie: await market.signIn((await createMember(market)).email) },
    ),
    'reported reviews, hidden without a note': await market.post(
      `/admin/reviews/${reviewId}/removal`,
      { note: '' },
      { cookie: operator },
    ),
  }
  for (const [name, response] of Object.entries(invalid)) {
    expect(response.status, name).toBe(422)
    files.set(name, await response.text())
  }
}

/** Reset links for a member, as the mail carries them: one used (by a newer one), one live. */
function passwordResetLinks(memberId: number) {
  const issue = () =>
    issueAccountToken(market.db, market.clock, {
      memberId,
      purpose: 'reset_password',
      email: 'provider@example.com',
      withCode: false,
    }).token
  const used = issue()
  return { used: `/password-reset/${used}`, live: `/password-reset/${issue()}` }
}

/** Confirming an address: the code page, a mailed link, a spent one, and the storefront's wait. */
async function emailVerificationPages() {
  const signedUp = await market.post('/sign-up', {
    displayName: 'Lamin Touray',
    email: 'lamin@example.com',
    password: PASSWORD,
  })
  const cookie = sessionCookie(signedUp) ?? ''
  const text = market.db.select().from(mails).where(eq(mails.to, 'lamin@example.com')).get()?.text
  const link = /\/verify-email\/[a-z0-9]+/.exec(text ?? '')?.[0] ?? ''
  return {
    'verify email, code': { path: '/verify-email', cookie },
    'verify email, link': { path: link, cookie: undefined },
    'verify email, link refused': {
      path: '/verify-email/forged',
      cookie: undefined,
      status: 404,
    },
    'storefront, new, address unconfirmed': { path: '/stores/new', cookie },
  }
}

/** Two-factor: off, being set up and on; the code step of signing in; the operator's settings. */
async function twoFactorPages() {
  const off = await market.signIn((await createMember(market)).email)
  const settingUp = await market.signIn((await createMember(market)).email)
  const started = await market.post('/account/two-factor/enrolment', {}, { cookie: settingUp })
  expect(started.status).toBe(303)
  const member = await createMember(market)
  const on = await market.signIn(member.email)
  const { key } = enableTwoFactor(market, member.id)
  const challenge = cookiesFrom(
    await market.post('/sign-in', { email: member.email, password: PASSWORD }),
  )
  twoFactorKey = { cookie: on, key }
  const operator = await market.signIn('awa@example.com')
  const mail = market.db.transaction((tx) =>
    queueMail(tx, market.clock, {
      key: 'validity',
      kind: 'verify_email',
      to: 'ann@example.com',
      content: { subject: 'Confirm your email', text: 'Your code is 482913', html: '' },
    }),
  )!
  await market.jobs.runJobs()
  return {
    'two-factor, off': { path: '/account/two-factor', cookie: off },
    'two-factor, setting up': { path: '/account/two-factor', cookie: settingUp },
    'two-factor, on': { path: '/account/two-factor', cookie: on },
    'sign-in, code': { path: '/sign-in/code', cookie: challenge },
    'sign-in security': { path: '/admin/security', cookie: operator },
    'outbox, one held mail': { path: '/admin/outbox', cookie: operator },
    'outbox, a mail': { path: `/admin/outbox/${mail.id}`, cookie: operator },
  }
}

let twoFactorKey: { cookie: string; key: Uint8Array }

/** The recovery codes, shown once in answer to the POST that made them. */
async function renderRecoveryCodes() {
  const { cookie, key } = twoFactorKey
  const response = await market.post(
    '/account/two-factor/recovery-codes',
    { code: appCode(market, key) },
    { cookie },
  )
  expect(response.status).toBe(200)
  return response.text()
}

async function createListing(cookie: string, form: Record<string, string>) {
  const response = await market.post('/listings', form, { cookie })
  expect(response.status).toBe(303)
  return Number(/\/listings\/(\d+)\/edit/.exec(response.headers.get('Location') ?? '')?.[1])
}

function visitorCookie() {
  return market.signIn('visitor@example.com')
}

/** Forms sent back with problems (422): error summaries and aria-describedby must validate too. */
async function renderInvalidForms(
  files: Map<string, string>,
  cookie: string,
  pages: {
    checkout: { cookie: string }
    'order, as provider': { path: string }
    'sign-in, code': { cookie: string }
    'two-factor, setting up': { cookie: string }
    'verify email, code': { cookie: string }
    'password reset, new password': { path: string }
  },
) {
  const buyer = pages.checkout.cookie
  const invalid = {
    // Goods and a service from one store: two orders, each with a coupon nobody made.
    'checkout, refused': await submitCheckout(market, buyer, await openCheckout(market, buyer), {
      'orders.0.coupon': 'NO-SUCH-CODE',
      'orders.1.coupon': 'NO-SUCH-CODE',
    }),
    // Declining without a reason: the page comes back with the reason field open.
    'order, decline without a reason': await market.post(
      `${pages['order, as provider'].path}/steps`,
      { action: 'decline', reason: '' },
      { cookie },
    ),
    'sign-up, invalid': await market.post('/sign-up', {
      displayName: '',
      email: 'x',
      password: 'a',
    }),
    'password reset, not an email': await market.post('/password-reset', { email: 'ann at' }),
    'password reset, weak password': await market.post(pages['password reset, new password'].path, {
      password: 'password12',
    }),
    'sign-in, wrong password': await market.post('/sign-in', {
      email: 'visitor@example.com',
      password: 'not the password',
    }),
    'sign-in, wrong code': await market.post(
      '/sign-in/code',
      { code: '000000' },
      { cookie: pages['sign-in, code'].cookie },
    ),
    'verify email, wrong code': await market.post(
      '/verify-email',
      { code: '12' },
      { cookie: pages['verify email, code'].cookie },
    ),
    'account, email change refused': await market.post(
      '/account/email',
      { newEmail: 'x', password: '' },
      { cookie },
    ),
    'two-factor, wrong code': await market.post(
      '/account/two-factor/confirmation',
      { code: '000000' },
      { cookie: pages['two-factor, setting up'].cookie },
    ),
    'listing, invalid': await market.post('/listings', { ...serviceForm, title: '' }, { cookie }),
    'cart, invalid quantity': await market.post(
      `/cart/lines/${market.db.select().from(cartLines).get()!.unitId}`,
      { quantity: '-1' },
      { cookie: await visitorCookie() },
    ),
  }
  for (const [name, response] of Object.entries(invalid)) {
    expect(response.status, name).toBe(422)
    files.set(name, await response.text())
  }
}

/** The setup page and the "being set up" notice, on a marketplace not yet set up. */
async function renderFirstRunPages() {
  const fresh = createTestMarket()
  try {
    const setup = await fresh.get(`/setup?token=${issueSetupToken(fresh.db)}`)
    const home = await fresh.get('/')
    expect([setup.status, home.status]).toEqual([200, 503])
    return [
      ['first-run setup', await setup.text()],
      ['being set up', await home.text()],
    ] as const
  } finally {
    fresh.cleanup()
  }
}

/**
 * Writing reviews: both sides' forms (the buyer's refused with a photo kept, and changing one),
 * the order page while a review waits and once both are published, and the buyer's profile.
 */
async function renderReviewPages() {
  const waiting = await seedCompletedSale(market, 'Review Waits')
  const published = await seedCompletedSale(market, 'Review Published')
  const [buyer, provider, other] = await Promise.all(
    [waiting.buyer, waiting.seller.owner, published.buyer].map((member) =>
      market.signIn(member.email),
    ),
  )
  const words = { stars: '4', title: 'On time', body: 'Fixed it <quickly>.', recommend: 'yes' }
  const photo = { name: 'tap.png', bytes: await solidImage(320, 240, 'png') }
  const review = (sale: typeof waiting, suffix = '') => `/orders/${sale.order.code}/review${suffix}`
  const responses: [string, Response, number][] = [
    ['review, buyer form', await market.get(review(waiting), { cookie: buyer }), 200],
    ['review, store form', await market.get(review(waiting), { cookie: provider }), 200],
    [
      'review, refused with a photo kept',
      await market.upload(
        review(waiting),
        { photos: [photo] },
        { cookie: buyer, fields: { ...words, stars: '9', body: '' } },
      ),
      422,
    ],
  ]
  const sent = await market.upload(
    review(waiting),
    { photos: [photo] },
    { cookie: buyer, fields: words },
  )
  expect(sent.status).toBe(303)
  const sellerOfPublished = await market.signIn(published.seller.owner.email)
  for (const [cookie, fields] of [
    [other, words],
    [sellerOfPublished, { stars: '5', body: 'Paid at once.' }],
  ] as const)
    expect((await market.post(review(published), fields, { cookie })).status).toBe(303)
  responses.push(
    ['review, change', await market.get(review(waiting, '/edit'), { cookie: buyer }), 200],
    [
      'order, review waiting',
      await market.get(`/orders/${waiting.order.code}`, { cookie: buyer }),
      200,
    ],
    [
      'order, review waiting, as the store',
      await market.get(`/orders/${waiting.order.code}`, { cookie: provider }),
      200,
    ],
    [
      'order, reviews published',
      await market.get(`/orders/${published.order.code}`, { cookie: other }),
      200,
    ],
    [
      'member profile',
      await market.get(`/members/${published.buyer.id}`, { cookie: provider }),
      200,
    ],
  )
  const pages: [string, string][] = []
  for (const [name, response, status] of responses) {
    expect(response.status, name).toBe(status)
    pages.push([name, await response.text()])
  }
  return pages
}

/**
 * Requests and proposals: the form (and refused, a photo kept), a request with two proposals (a
 * price and a package) as its buyer, a provider with a proposal and one with none yet, a visitor;
 * the proposal form refused; hiring (and refused); a hired request for its buyer and for the
 * provider not chosen; My requests.
 */
async function renderRequestPages() {
  const plumber = await seedStore(market, { name: 'Request Plumbing' })
  seedListing(market.db, market, plumber, { title: 'Tap repair', categoryId: 101 })
  const fundi = await seedStore(market, { name: 'Request Fundi' })
  const pipes = seedListing(market.db, market, fundi, { title: 'Pipe work', categoryId: 101 })
  const newcomer = await seedStore(market, { name: 'Request Newcomer' })
  seedListing(market.db, market, newcomer, { title: 'Drains', categoryId: 101 })
  const buyer = await createMember(market, { email: 'requester@example.com' })
  const [cookie, plumberCookie, fundiCookie, newcomerCookie] = await Promise.all(
    ['requester@example.com', plumber.owner.email, fundi.owner.email, newcomer.owner.email].map(
      (email) => market.signIn(email),
    ),
  )
  const open = postTestRequest(market, buyer, { neededBy: '2026-12-10' })
  const fixed = proposeOn(market, plumber, open.code)
  const packaged = proposeOn(market, fundi, open.code, {
    unitId: unitsOnSale(market.db, [pipes.id])[0]!.id,
    price: null,
  })
  const done = postTestRequest(market, buyer, { title: 'Paint the gate', place: 'either' })
  const chosen = proposeOn(market, plumber, done.code)
  const other = proposeOn(market, fundi, done.code)
  if (!fixed.ok || !packaged.ok || !chosen.ok || !other.ok)
    throw new Error('a proposal was refused')
  const hired = hire(market, buyer, { code: done.code, proposalId: chosen.proposal.id })
  if (!hired.ok) throw new Error('the hire was refused')
  const request = `/requests/${open.code}`
  const accept = `${request}/proposals/${fixed.proposal.id}/accept`
  const responses: [string, Response, number][] = [
    ['request form', await market.get('/requests/new', { cookie }), 200],
    [
      'request form, refused with a photo kept',
      await market.upload(
        '/requests/new',
        { photos: [{ name: 'tap.jpg', bytes: await solidImage(320, 240, 'jpeg') }] },
        {
          cookie,
          fields: {
            title: 'Fix a <leaking> tap',
            description: '',
            categoryId: '101',
            budgetMin: '900',
            budgetMax: '800',
            place: 'customer',
            visibility: 'everyone',
            openForDays: '14',
          },
        },
      ),
      422,
    ],
    ['request, buyer with proposals', await market.get(request, { cookie }), 200],
    [
      'request, provider with a proposal',
      await market.get(request, { cookie: plumberCookie }),
      200,
    ],
    ['request, provider with packages', await market.get(request, { cookie: newcomerCookie }), 200],
    ['request, visitor', await market.get(request), 200],
    [
      'request, proposal refused',
      await market.post(
        `${request}/proposal`,
        { unitId: '0', price: '', visitOn: '2020-01-01', message: '' },
        { cookie: newcomerCookie },
      ),
      422,
    ],
    ['hire', await market.get(accept, { cookie }), 200],
    [
      'hire, refused',
      await market.post(
        accept,
        { fulfilment: 'customer', address: '', contactPhone: '0712 345 678' },
        { cookie },
      ),
      422,
    ],
    ['request, hired, as buyer', await market.get(`/requests/${done.code}`, { cookie }), 200],
    [
      'request, hired, as the provider not chosen',
      await market.get(`/requests/${done.code}`, { cookie: fundiCookie }),
      200,
    ],
    ['my requests', await market.get('/requests/mine', { cookie }), 200],
  ]
  const pages: [string, string][] = []
  for (const [name, response, status] of responses) {
    expect(response.status, name).toBe(status)
    pages.push([name, await response.text()])
  }
  return pages
}

/** Runs vnu once over every file; fails loudly (never skips) when Java is missing. */
function validate(paths: string[]): VnuMessage[] {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  const run = spawnSync(java, ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...paths], {
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
  })
  if (run.error)
    throw new Error(
      `The HTML validity test needs Java 11 or later to run the Nu HTML Checker (${VNU_JAR}): ` +
        `"${java}" could not be started (${run.error.message}). Install a JRE ` +
        `(Debian: apt-get install default-jre-headless) or set JAVA_HOME.`,
    )
  try {
    return (JSON.parse(run.stdout) as { messages: VnuMessage[] }).messages
  } catch {
    throw new Error(`The Nu HTML Checker gave no report (exit ${run.status}): ${run.stderr}`)
  }
}

describe('HTML validity (Nu HTML Checker)', () => {
  const files = new Map<string, string>()
  const fileNames = new Map<string, string>()

  beforeAll(async () => {
    const pages = await seedAndListPages()
    for (const [name, entry] of Object.entries(pages)) {
      const { path, cookie } = entry
      const response = await market.get(path, { cookie })
      expect(response.status, `${name}: ${path}`).toBe('status' in entry ? entry.status : 200)
      files.set(name, await response.text())
    }
    await renderInvalidForms(files, pages.account.cookie, pages)
    await renderInvalidReviewForms(files)
    files.set('recovery codes', await renderRecoveryCodes())
    for (const [name, html] of await renderFirstRunPages()) files.set(name, html)
    for (const [name, html] of await renderReviewPages()) files.set(name, html)
    for (const [name, html] of await renderRequestPages()) files.set(name, html)
    dir = mkdtempSync(join(tmpdir(), 'souk-vnu-'))
    for (const [index, [name, html]] of [...files].entries()) {
      const file = join(dir, `page-${index}.html`)
      writeFileSync(file, html)
      fileNames.set(file, name)
    }
  }, 60_000)

  it('finds no errors on any main page', () => {
    const messages = validate([...fileNames.keys()])
    // vnu names files as file:/tmp/…, which fileURLToPath reads back to the path written.
    const pageName = (url = '') =>
      fileNames.get(url.startsWith('file:') ? fileURLToPath(url) : url) ?? url
    const explain = (message: VnuMessage) =>
      `${pageName(message.url)} (line ${message.lastLine}): ` +
      `${message.message}` +
      (message.extract ? `\n    ${message.extract.replace(/\n/g, ' ')}` : '')
    const errors = messages.filter((message) => message.type !== 'info')
    const warnings = messages.filter((message) => message.subType === 'warning')
    expect(errors.map(explain), 'vnu found errors').toEqual([])
    expect(
      warnings
        .filter((w) => !ACCEPTED_WARNINGS.some((accepted) => accepted.test(w.message)))
        .map(explain),
      'vnu found a new kind of warning: fix it, or accept it in ACCEPTED_WARNINGS saying why',
    ).toEqual([])
    expect(files.size).toBeGreaterThanOrEqual(20)
  }, 60_000)
})
