import { eq } from 'drizzle-orm'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { images, notifications, reviewPhotos, reviews } from '../../../db/schema'
import { PHOTO_MAX_BYTES } from '../../http/photo-uploads'
import { DAY, HOUR } from '../../lib/clock'
import {
  EDIT_WINDOW,
  publishDueReviews,
  REVIEW_BODY_MAX,
  REVIEW_TITLE_MAX,
  REVIEW_WINDOW,
} from '../../models/review'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  fieldError,
  page,
  type TestMarket,
} from '../../test/app'
import { seedOrder } from '../../test/accounts'
import { solidImage } from '../../test/photos'
import { renderEvent } from '../../live/fragments'
import { findSite } from '../../models/site'
import { seedCompletedSale } from '../../test/reviews'

let market: TestMarket
let sale: Awaited<ReturnType<typeof seedCompletedSale>>
let buyer: string
let provider: string
afterEach(() => market.cleanup())

beforeEach(async () => {
  market = await createOpenMarket()
  sale = await seedCompletedSale(market)
  buyer = await market.signIn(sale.buyer.email)
  provider = await market.signIn(sale.seller.owner.email)
})

let photos: { name: string; bytes: Uint8Array }[]
beforeAll(async () => {
  const colours = ['#c0392b', '#2980b9', '#27ae60', '#8e44ad', '#f39c12']
  photos = await Promise.all(
    colours.map(async (colour, index) => ({
      name: `tap-${index + 1}.png`,
      bytes: await solidImage(320, 240, 'png', colour),
    })),
  )
})

const buyerReview = {
  stars: '5',
  title: 'Fixed in an hour',
  body: 'Came on time and cleaned up after.',
  recommend: 'yes',
}
const providerReview = { stars: '4', body: 'Clear about the job, paid at once.' }

const path = (suffix = '') => `/orders/${sale.order.code}/review${suffix}`
const allReviews = () => market.db.select().from(reviews).all()

/** Follows a redirect as a browser does, flash cookie included: the page and its flash. */
async function follow(response: Response, cookie: string) {
  expect(response.status).toBe(303)
  const location = response.headers.get('Location')!
  const document = await page(
    await market.get(location, { cookie: [cookie, cookiesFrom(response)].join('; ') }),
  )
  return { location, document, flash: document.querySelector('.flash')?.textContent ?? null }
}

const reviewSection = async (cookie: string) =>
  (await page(await market.get(`/orders/${sale.order.code}`, { cookie }))).getElementById(
    `order-${sale.order.code}-reviews`,
  )

describe('GET /orders/:code/review', () => {
  it('shows the buyer stars, title, text, photos and would-recommend; the store stars and text', async () => {
    const asBuyer = await page(await market.get(path(), { cookie: buyer }))
    expect(asBuyer.querySelector('h1')?.textContent).toBe(`Review order ${sale.order.code}`)
    const stars = asBuyer.getElementById('field-stars')!
    expect(stars.querySelector('legend')?.textContent).toBe('Stars')
    expect(
      [...stars.querySelectorAll('input[type=radio]')].map((radio) =>
        asBuyer.querySelector(`label[for="${radio.id}"]`)?.textContent?.trim(),
      ),
    ).toEqual(['★ 1 star', '★★ 2 stars', '★★★ 3 stars', '★★★★ 4 stars', '★★★★★ 5 stars'])
    expect(asBuyer.querySelector('input[name=title]')).not.toBeNull()
    expect(asBuyer.querySelector('textarea[name=body]')).not.toBeNull()
    expect(asBuyer.querySelector('input[type=file][name=photos]')).not.toBeNull()
    expect(asBuyer.querySelector(`form[action="${path()}"]`)?.getAttribute('enctype')).toBe(
      'multipart/form-data',
    )
    expect(asBuyer.querySelector('#field-recommend legend')?.textContent).toBe(
      'Would you recommend Lamin Plumbing?',
    )

    const asProvider = await page(await market.get(path(), { cookie: provider }))
    expect(asProvider.getElementById('field-stars')).not.toBeNull()
    expect(asProvider.querySelector('textarea[name=body]')).not.toBeNull()
    for (const absent of ['input[name=title]', 'input[type=file]', '#field-recommend'])
      expect(asProvider.querySelector(absent), absent).toBeNull()
  })

  it("is 404 for someone else's order — another member or an operator looking on — and asks a visitor to sign in", async () => {
    const stranger = await market.signIn((await createMember(market)).email)
    const operator = await market.signIn('awa@example.com')
    for (const cookie of [stranger, operator]) {
      expect((await market.get(path(), { cookie })).status).toBe(404)
      expect((await market.post(path(), buyerReview, { cookie })).status).toBe(404)
    }
    expect((await market.get('/orders/ZZZZZZZZZZ/review', { cookie: buyer })).status).toBe(404)
    const visitor = await market.get(path())
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('Location')).toMatch(/^\/sign-in/)
    expect((await market.post(path(), buyerReview)).status).toBe(303)
    expect(allReviews()).toEqual([])
  })
})

describe('POST /orders/:code/review', () => {
  it('writes the buyer’s review with a photo; it waits, double-blind, for the store’s', async () => {
    const response = await market.upload(
      path(),
      { photos: [photos[0]!] },
      { cookie: buyer, fields: buyerReview },
    )
    const { location, flash } = await follow(response, buyer)
    expect(location).toBe(`/orders/${sale.order.code}`)
    expect(flash).toBe(
      'Thank you. Your review is saved: it is published when Lamin Plumbing has written theirs, or on 7 December 2026.',
    )
    const [written] = allReviews()
    expect(written).toMatchObject({
      direction: 'of_store',
      authorId: sale.buyer.id,
      subjectId: sale.seller.owner.id,
      stars: 5,
      title: 'Fixed in an hour',
      recommend: true,
      publishedAt: null,
    })
    const attached = market.db.select().from(reviewPhotos).all()
    expect(attached).toHaveLength(1)
    const image = market.db.select().from(images).where(eq(images.id, attached[0]!.imageId)).get()
    expect(image?.uploadedBy).toBe(sale.buyer.id)

    // The buyer reads their own, and is told plainly that neither side can read the other's yet.
    const mine = (await reviewSection(buyer))!
    expect(mine.textContent).toContain(
      'Your review waits for Lamin Plumbing’s, or is published on 7 December 2026. Lamin Plumbing cannot see it yet, and you cannot see theirs until then.',
    )
    expect(mine.textContent).toContain('Came on time and cleaned up after.')
    expect(mine.querySelectorAll('.review .picture')).toHaveLength(1)
    expect(mine.querySelector('a[href$="/review/edit"]')?.textContent).toBe('Change your review')

    // The store hears that it waits, and when it publishes — never what it says.
    const theirs = (await reviewSection(provider))!
    expect(theirs.textContent).toContain(
      'Isatou Bah has reviewed this order. Theirs is published when you write yours, or on 7 December 2026.',
    )
    expect(theirs.textContent).not.toContain('Came on time')
    expect(theirs.querySelector('.review')).toBeNull()
    expect(theirs.querySelector(`a[href="${path()}"]`)?.textContent).toBe('Review this order')
    const notes = market.db
      .select()
      .from(notifications)
      .where(eq(notifications.memberId, sale.seller.owner.id))
      .all()
    expect(notes.map((note) => note.kind)).toEqual(['review.written'])
  })

  it('publishes both when the store writes the second; each side reads both, and is told', async () => {
    await market.upload(path(), {}, { cookie: buyer, fields: buyerReview })
    market.clock.advance(HOUR)
    const { flash } = await follow(
      await market.post(path(), providerReview, { cookie: provider }),
      provider,
    )
    expect(flash).toBe('Thank you. Your review and Isatou Bah’s are published.')
    expect(allReviews().every((review) => review.publishedAt !== null)).toBe(true)

    for (const cookie of [buyer, provider]) {
      const section = (await reviewSection(cookie))!
      expect(section.textContent).toContain('Came on time and cleaned up after.')
      expect(section.textContent).toContain('Clear about the job, paid at once.')
      expect(section.querySelector('[aria-label="5 out of 5 stars"]')).not.toBeNull()
      expect(section.querySelector('[aria-label="4 out of 5 stars"]')).not.toBeNull()
    }
    const headings = [...(await reviewSection(buyer))!.querySelectorAll('h3')].map(
      (h) => h.textContent,
    )
    expect(headings).toEqual(['Your review', 'Lamin Plumbing’s review of you'])

    const bell = await page(await market.get('/notifications', { cookie: buyer }))
    expect(bell.querySelector('.notifications')?.textContent).toContain(
      `Your review from Lamin Plumbing on order ${sale.order.code} is published`,
    )
  })

  it("changes the store's open order page live: a review waits, then both are published", async () => {
    const storePage = async () => {
      const heard = market.bus.published.filter(
        (sent) =>
          sent.topic === `member:${sale.seller.owner.id}` && sent.event.type === 'order.changed',
      )
      return renderEvent(
        {
          db: market.db,
          clock: market.clock,
          site: findSite(market.db)!,
          member: { ...sale.seller.owner, role: 'member' },
          page: `order:${sale.order.code}`,
        },
        heard.at(-1)!.event,
      )
    }
    await market.post(path(), buyerReview, { cookie: buyer })
    const waiting = await storePage()
    expect(waiting).toMatch(/id="order-[A-Z0-9]+"[^>]*data-hx-swap-oob="true"/)
    expect(waiting).toContain('Isatou Bah has reviewed this order.')
    expect(waiting).not.toContain('Came on time')
    await market.post(path(), providerReview, { cookie: provider })
    expect(await storePage()).toContain('Came on time and cleaned up after.')
  })

  it('publishes a lone review when the window closes: then the other side reads it', async () => {
    await market.post(path(), providerReview, { cookie: provider })
    expect((await reviewSection(buyer))!.textContent).not.toContain('Clear about the job')
    market.clock.advance(REVIEW_WINDOW)
    publishDueReviews(market.db, market.clock, market.bus)
    const section = (await reviewSection(buyer))!
    expect(section.textContent).toContain('Clear about the job, paid at once.')
    expect(section.textContent).not.toContain('Review this order')
  })

  it.each([
    ['no stars', { stars: '' }, 'stars', 'Choose from 1 to 5 stars.'],
    ['0 stars', { stars: '0' }, 'stars', 'Choose from 1 to 5 stars.'],
    ['6 stars', { stars: '6' }, 'stars', 'Choose from 1 to 5 stars.'],
    ['half a star', { stars: '4.5' }, 'stars', 'Choose from 1 to 5 stars.'],
    [
      'a title too long',
      { title: 'x'.repeat(REVIEW_TITLE_MAX + 1) },
      'title',
      `Use at most ${REVIEW_TITLE_MAX} characters.`,
    ],
    [
      'text too long',
      { body: 'x'.repeat(REVIEW_BODY_MAX + 1) },
      'body',
      `Use at most ${REVIEW_BODY_MAX} characters.`,
    ],
    ['no text', { body: '   ' }, 'body', 'Say in a few words how it went.'],
    [
      'no recommendation',
      { recommend: '' },
      'recommend',
      'Say whether you would recommend Lamin Plumbing.',
    ],
  ])(
    'refuses %s with a message beside the field, and writes nothing',
    async (_, bad, field, message) => {
      const response = await market.post(path(), { ...buyerReview, ...bad }, { cookie: buyer })
      expect(response.status).toBe(422)
      const form = await page(response)
      expect(fieldError(form, field)).toBe(message)
      expect(form.querySelector('.form-errors')?.textContent).toContain(message)
      // What was typed is kept.
      if (field !== 'body')
        expect(form.querySelector('textarea[name=body]')?.textContent).toBe(buyerReview.body)
      expect(allReviews()).toEqual([])
    },
  )

  it('refuses stars outside 1–5 from the store too', async () => {
    const response = await market.post(
      path(),
      { ...providerReview, stars: '9' },
      { cookie: provider },
    )
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'stars')).toBe('Choose from 1 to 5 stars.')
    expect(allReviews()).toEqual([])
  })

  it('refuses more than 4 photos, and a file too large, writing nothing', async () => {
    const five = await market.upload(path(), { photos }, { cookie: buyer, fields: buyerReview })
    expect(five.status).toBe(422)
    expect(fieldError(await page(five), 'photos')).toBe(
      'A review holds at most 4 photos. You can add 4 more.',
    )
    const big = { name: 'huge.jpg', bytes: new Uint8Array(PHOTO_MAX_BYTES + 1) }
    const large = await market.upload(
      path(),
      { photos: [big] },
      { cookie: buyer, fields: buyerReview },
    )
    expect(large.status).toBe(422)
    expect(fieldError(await page(large), 'photos')).toBe('“huge.jpg” is larger than 15 MB.')
    expect(allReviews()).toEqual([])
    expect(market.db.select().from(reviewPhotos).all()).toEqual([])
  })

  it('keeps photos sent with a mistake in the words: they come back ticked, and are used next time', async () => {
    const refused = await market.upload(
      path(),
      { photos: photos.slice(0, 2) },
      { cookie: buyer, fields: { ...buyerReview, stars: '' } },
    )
    expect(refused.status).toBe(422)
    const form = await page(refused)
    const kept = [...form.querySelectorAll('input[name=photoIds]')] as HTMLInputElement[]
    expect(kept.map((box) => box.hasAttribute('checked'))).toEqual([true, true])
    expect(form.querySelector(`label[for="${kept[0]!.id}"]`)?.textContent).toBe('Keep photo 1')

    // Send again with one of them unticked and one more chosen.
    const again = await market.upload(
      path(),
      { photos: [photos[2]!] },
      {
        cookie: buyer,
        fields: { ...buyerReview, photoIds: kept[1]!.getAttribute('value')! },
      },
    )
    expect(again.status).toBe(303)
    const attached = market.db.select().from(reviewPhotos).all()
    expect(attached.map((photo) => photo.position)).toEqual([0, 1])
    expect(attached[0]!.imageId).toBe(Number(kept[1]!.getAttribute('value')))
  })

  it('takes no photo ids that are not the author’s', async () => {
    const other = await createMember(market)
    const theirs = market.db
      .insert(images)
      .values({
        hash: 'f'.repeat(64),
        width: 8,
        height: 8,
        widths: '8',
        placeholder: '',
        uploadedBy: other.id,
      })
      .returning()
      .get()
    const response = await market.post(
      path(),
      { ...buyerReview, photoIds: String(theirs.id) },
      { cookie: buyer },
    )
    // Someone else's image is dropped from the form, never shown: the review has no photo.
    expect(response.status).toBe(303)
    expect(market.db.select().from(reviewPhotos).all()).toEqual([])
  })

  it('refuses a second review of the same order, changing nothing', async () => {
    expect((await market.post(path(), buyerReview, { cookie: buyer })).status).toBe(303)
    const { flash } = await follow(
      await market.post(path(), { ...buyerReview, stars: '1' }, { cookie: buyer }),
      buyer,
    )
    expect(flash).toBe('You have already reviewed this order. Nothing was changed.')
    expect(allReviews().map((review) => review.stars)).toEqual([5])
  })

  it('refuses an order not completed, or cancelled', async () => {
    for (const status of ['delivered', 'cancelled'] as const) {
      const order = seedOrder(market, {
        buyerId: sale.buyer.id,
        storeId: sale.seller.store.id,
        status,
      })
      const asked = await follow(
        await market.get(`/orders/${order.code}/review`, { cookie: buyer }),
        buyer,
      )
      expect(asked.flash).toBe('You can review this order once it is completed.')
      const sent = await follow(
        await market.post(`/orders/${order.code}/review`, buyerReview, { cookie: buyer }),
        buyer,
      )
      expect(sent.location).toBe(`/orders/${order.code}`)
      expect(sent.flash).toBe('You can review this order once it is completed.')
      expect(sent.document.getElementById(`order-${order.code}-reviews`)).toBeNull()
    }
    expect(allReviews()).toEqual([])
  })

  it('refuses once the 14-day window has closed, and the order page says so', async () => {
    market.clock.advance(REVIEW_WINDOW - DAY)
    expect((await reviewSection(buyer))!.textContent).toContain('1 day left')
    market.clock.advance(DAY)
    const { flash, document } = await follow(
      await market.post(path(), buyerReview, { cookie: buyer }),
      buyer,
    )
    expect(flash).toBe(
      'Reviews of this order closed on 7 December 2026, 14 days after it was completed.',
    )
    expect(document.getElementById(`order-${sale.order.code}-reviews`)?.textContent).toContain(
      'Reviews of this order closed on 7 December 2026.',
    )
    expect(allReviews()).toEqual([])
  })
})

describe('GET/POST /orders/:code/review/edit', () => {
  it('changes an unpublished review freely, unmarked; the form sends a written review there', async () => {
    await market.post(path(), buyerReview, { cookie: buyer })
    const asked = await market.get(path(), { cookie: buyer })
    expect(asked.status).toBe(303)
    expect(asked.headers.get('Location')).toBe(path('/edit'))
    const form = await page(await market.get(path('/edit'), { cookie: buyer }))
    expect(form.querySelector('h1')?.textContent).toBe('Change your review')
    expect(form.querySelector('#field-stars-5')?.hasAttribute('checked')).toBe(true)
    expect(form.querySelector('#field-recommend-yes')?.hasAttribute('checked')).toBe(true)

    const { flash } = await follow(
      await market.post(path('/edit'), { ...buyerReview, stars: '3' }, { cookie: buyer }),
      buyer,
    )
    expect(flash).toBe('Your review is changed.')
    expect(allReviews()).toMatchObject([{ stars: 3, editedAt: null }])
  })

  it('marks an edit within 48 hours of publication, and refuses one after', async () => {
    await market.post(path(), buyerReview, { cookie: buyer })
    await market.post(path(), providerReview, { cookie: provider })
    market.clock.advance(EDIT_WINDOW - HOUR)
    const { flash } = await follow(
      await market.post(
        path('/edit'),
        { ...buyerReview, body: 'On time, tidy, fair price.' },
        { cookie: buyer },
      ),
      buyer,
    )
    expect(flash).toBe('Your review is changed. It shows as edited.')
    for (const cookie of [buyer, provider]) {
      const review = (await reviewSection(cookie))!.querySelector('.review')!
      expect(review.textContent).toContain('On time, tidy, fair price.')
      expect(review.querySelector('.review__meta')?.textContent).toContain('edited')
    }

    market.clock.advance(HOUR)
    expect((await reviewSection(buyer))!.textContent).not.toContain('Change your review')
    const asked = await follow(await market.get(path('/edit'), { cookie: buyer }), buyer)
    expect(asked.flash).toBe(
      'A review can be changed for 48 hours after it is published; this one no longer can. Nothing was changed.',
    )
    const sent = await follow(
      await market.post(path('/edit'), { ...buyerReview, stars: '1' }, { cookie: buyer }),
      buyer,
    )
    expect(sent.flash).toBe(asked.flash)
    expect(allReviews().find((review) => review.direction === 'of_store')).toMatchObject({
      stars: 5,
      body: 'On time, tidy, fair price.',
    })
  })

  it("is 404 for someone else's review", async () => {
    await market.post(path(), buyerReview, { cookie: buyer })
    const stranger = await market.signIn((await createMember(market)).email)
    expect((await market.get(path('/edit'), { cookie: stranger })).status).toBe(404)
    expect((await market.post(path('/edit'), buyerReview, { cookie: stranger })).status).toBe(404)
    // The store has written none: it is sent to write its own, never to the buyer's.
    expect((await market.get(path('/edit'), { cookie: provider })).headers.get('Location')).toBe(
      path(),
    )
  })
})
