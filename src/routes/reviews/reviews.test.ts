import { eq } from 'drizzle-orm'
import { parseHTML } from 'linkedom'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { reviewReplies, reviewReports, reviews, reviewVotes } from '../../../db/schema'
import { HOUR } from '../../lib/clock'
import { listingPath } from '../../models/listing'
import { editReview, writeReview } from '../../models/review'
import { savePhoto } from '../../models/image'
import { solidImage } from '../../test/photos'
import { REPLY_MAX } from '../../models/review/replies'
import { hideReview } from '../../models/review/reports'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  ORIGIN,
  page,
  type TestMarket,
} from '../../test/app'
import { publishReview, seedReviewedOrder } from '../../test/published-reviews'
import { seedCompletedSale } from '../../test/reviews'

let market: TestMarket
beforeEach(async () => {
  market = await createOpenMarket()
})
afterEach(() => market.cleanup())

const HTMX = { 'HX-Request': 'true' }

type Sale = Awaited<ReturnType<typeof seedCompletedSale>>

const listingPage = (sale: Sale) => listingPath(sale.listing)
const storePage = (sale: Sale) => `/stores/${sale.seller.store.slug}`

/** A signed-in member who is neither the author nor the store. */
async function reader(name = 'Binta Touray') {
  const member = await createMember(market, { displayName: name })
  return { member, cookie: await market.signIn(member.email) }
}

/** The page a redirect leads to, with the flash it set. */
async function follow(response: Response, cookie?: string) {
  const location = response.headers.get('Location')!
  const flash = cookiesFrom(response)
  return page(
    await market.get(location.split('#')[0]!, {
      cookie: [cookie, flash].filter(Boolean).join('; '),
    }),
  )
}

const reviewTexts = (document: Document) =>
  [...document.querySelectorAll('#review-list > li')].map((item) => item.textContent ?? '')

function helpfulButton(document: Document, reviewId: number) {
  return document.querySelector(`#helpful-${reviewId} button`)
}

function row(reviewId: number) {
  return market.db.select().from(reviews).where(eq(reviews.id, reviewId)).get()!
}

describe('reviews on a listing’s page and a storefront', () => {
  it('shows the summary, the bars and each review with its verified order, to everyone', async () => {
    const sale = await seedCompletedSale(market)
    publishReview(market, sale, { stars: 5, title: 'Fixed in an hour', recommend: true })
    await seedReviewedOrder(market, sale, { stars: 3, title: 'Late but good', recommend: false })
    for (const path of [listingPage(sale), storePage(sale)]) {
      const document = await page(await market.get(path))
      const section = document.getElementById('reviews')!
      expect(section.querySelector('.rating')?.getAttribute('aria-label')).toBe(
        '4.0 out of 5, 2 reviews',
      )
      const bars = [...section.querySelectorAll('.review-bars li')].map((bar) =>
        bar.textContent?.replace(/\s+/g, ' ').trim(),
      )
      expect(bars).toEqual(['5 stars: 1', '4 stars: 0', '3 stars: 1', '2 stars: 0', '1 star: 0'])
      expect(section.textContent).toContain('50% would recommend Lamin Plumbing (1 of 2)')
      const [newest, older] = reviewTexts(document)
      expect(newest).toContain('Late but good')
      expect(newest).toContain('Ousman')
      expect(newest).not.toContain('Jallow')
      expect(older).toContain('Verified order')
      expect(older).toContain('Leaking tap repair')
      expect(document.querySelector('#review-list .rating')?.getAttribute('aria-label')).toMatch(
        /^[35] out of 5 stars$/,
      )
    }
  })

  it('shows a review’s photos, and marks one edited after publication', async () => {
    const sale = await seedCompletedSale(market)
    const saved = await savePhoto(
      market.db,
      market.config.uploadsDir,
      sale.buyer.id,
      await solidImage(400, 300, 'jpeg'),
      { clock: market.clock },
    )
    if (!saved.ok) throw new Error(saved.reason)
    const review = publishReview(market, sale, { photoIds: [saved.image.id] })
    const before = await page(await market.get(listingPage(sale)))
    const item = before.getElementById(`review-${review.id}`)!
    expect(item.querySelector('picture img')?.getAttribute('alt')).toBe(
      'Photo 1 of 1 from Isatou’s review',
    )
    expect(item.querySelector('.review__meta')?.textContent).not.toContain('edited')
    market.clock.advance(HOUR)
    const edited = editReview(market.db, market.clock, sale.buyer.id, review.id, {
      stars: 4,
      title: 'Better on second thought',
      body: '',
      recommend: true,
      photoIds: [],
    })
    expect(edited.ok).toBe(true)
    const after = (await page(await market.get(listingPage(sale)))).getElementById(
      `review-${review.id}`,
    )!
    expect(after.querySelector('.review__meta')?.textContent).toContain('· edited')
    expect(after.querySelector('picture')).toBeNull()
  })

  it('never shows a review still waiting for the other side — not to the store, not to its author', async () => {
    const sale = await seedCompletedSale(market)
    writeReview(market.db, market.clock, sale.buyer.id, sale.order.code, {
      stars: 1,
      title: 'Secret until both have written',
      body: '',
      recommend: false,
      photoIds: [],
    })
    const owner = await market.signIn(sale.seller.owner.email)
    const author = await market.signIn(sale.buyer.email)
    for (const cookie of [undefined, owner, author])
      for (const path of [listingPage(sale), storePage(sale)]) {
        const html = await (await market.get(path, { cookie })).text()
        expect(html).not.toContain('Secret until both have written')
        expect(html).toContain('No reviews of')
      }
  })

  it('sorts by a link that works without JavaScript, and answers htmx with just the list', async () => {
    const sale = await seedCompletedSale(market)
    publishReview(market, sale, { stars: 4, title: 'Four' })
    market.clock.advance(HOUR)
    await seedReviewedOrder(market, sale, { stars: 1, title: 'One' })
    market.clock.advance(HOUR)
    await seedReviewedOrder(market, sale, { stars: 5, title: 'Five' })
    const titles = (document: Document) =>
      [...document.querySelectorAll('#review-list .review__title')].map((t) => t.textContent)
    const page1 = await page(await market.get(listingPage(sale)))
    expect(titles(page1)).toEqual(['Five', 'One', 'Four'])
    const lowestLink = [...page1.querySelectorAll('nav[aria-label="Sort reviews"] a')].find(
      (link) => link.textContent === 'Lowest rated',
    )!
    expect(lowestLink.getAttribute('href')).toBe(`${listingPage(sale)}?reviews=lowest#reviews`)
    expect(titles(await page(await market.get(`${listingPage(sale)}?reviews=lowest`)))).toEqual([
      'One',
      'Four',
      'Five',
    ])
    const fragment = await market.get(`${storePage(sale)}?reviews=lowest`, { headers: HTMX })
    expect(fragment.headers.get('Vary')).toContain('HX-Request')
    const html = await fragment.text()
    expect(html).not.toContain('<html')
    const { document } = parseHTML(`<body>${html}</body>`)
    expect(document.querySelector('#review-results')).not.toBeNull()
    expect(titles(document)).toEqual(['One', 'Four', 'Five'])
    expect(
      document.querySelector('nav[aria-label="Sort reviews"] [aria-current]')?.textContent,
    ).toBe('Lowest rated')
  })

  it('shows ten reviews and “More reviews” for the next ten', async () => {
    const sale = await seedCompletedSale(market)
    publishReview(market, sale, { title: 'The first ever' })
    for (let index = 0; index < 10; index += 1) {
      market.clock.advance(HOUR)
      await seedReviewedOrder(market, sale, { title: `Later ${index}` })
    }
    const first = await page(await market.get(storePage(sale)))
    expect(first.querySelectorAll('#review-list > li')).toHaveLength(10)
    const more = [...first.querySelectorAll('#review-more a')].find(
      (link) => link.textContent === 'More reviews',
    )!
    expect(more.getAttribute('data-hx-get')).toBe(`${storePage(sale)}?reviews_page=2`)
    const second = await page(await market.get(`${storePage(sale)}?reviews_page=2`))
    expect(reviewTexts(second)).toHaveLength(1)
    expect(reviewTexts(second)[0]).toContain('The first ever')
  })

  it('shows a removed review as the market’s note, and the rating without it', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale, { stars: 1, title: 'Rude', body: 'Insulting words' })
    await seedReviewedOrder(market, sale, { stars: 5, title: 'Great' })
    hideReview(market.db, market.clock, sale.seller.owner.id, review.id, 'Insults are not reviews.')
    for (const path of [listingPage(sale), storePage(sale)]) {
      const html = await (await market.get(path)).text()
      expect(html).toContain('This review was removed by the market: Insults are not reviews.')
      expect(html).not.toContain('Insulting words')
      expect(html).toContain('5.0 out of 5, 1 review')
    }
  })

  it('shows the listing’s rating on its cards once it has reviews', async () => {
    const sale = await seedCompletedSale(market)
    const before = await page(await market.get(`/search?q=tap`))
    expect(before.querySelector('.listing-card .rating')).toBeNull()
    publishReview(market, sale, { stars: 4 })
    for (const path of ['/search?q=tap', storePage(sale), '/']) {
      const document = await page(await market.get(path))
      expect(
        document.querySelector('.listing-card .rating')?.getAttribute('aria-label'),
        path,
      ).toBe('4.0 out of 5, 1 review')
    }
  })
})

describe('GET /search?sort=top-rated', () => {
  it('is a choice of the sort, and puts the better-rated listing first', async () => {
    const sale = await seedCompletedSale(market)
    const rival = await seedCompletedSale(market, 'Awa Plumbing')
    // The newer listing (Awa's) comes first on a tie: Lamin's better rating must lift it.
    publishReview(market, sale, { stars: 5 })
    publishReview(market, rival, { stars: 2 })
    const document = await page(await market.get('/search?q=tap&sort=top-rated'))
    expect(document.querySelector('select[name="sort"] option[selected]')?.textContent).toBe(
      'Top rated',
    )
    const stores = [...document.querySelectorAll('.listing-card__store')].map((store) =>
      store.textContent?.includes('Awa Plumbing') ? 'Awa' : 'Lamin',
    )
    expect(stores).toEqual(['Lamin', 'Awa'])
  })
})

describe('POST /reviews/:reviewId/vote', () => {
  it('counts a member’s vote once and comes back to the review, with a message', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const { member, cookie } = await reader()
    const vote = () =>
      market.post(`/reviews/${review.id}/vote`, { returnTo: listingPage(sale) }, { cookie })
    const first = await vote()
    expect(first.status).toBe(303)
    expect(first.headers.get('Location')).toBe(`${listingPage(sale)}#review-${review.id}`)
    const document = await follow(first, cookie)
    expect(document.querySelector('.flash')?.textContent).toContain('Thank you')
    const button = helpfulButton(document, review.id)!
    expect(button.textContent).toBe('Helpful (1)')
    expect(button.getAttribute('aria-pressed')).toBe('true')
    expect((await vote()).status).toBe(303)
    expect(row(review.id).helpfulCount).toBe(1)
    expect(market.db.select().from(reviewVotes).all()).toMatchObject([{ memberId: member.id }])
  })

  it('with htmx answers the button itself, pressed, and takes the vote back with DELETE', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const { cookie } = await reader()
    const voted = await market.post(
      `/reviews/${review.id}/vote`,
      { returnTo: listingPage(sale) },
      { cookie, headers: HTMX },
    )
    expect(voted.status).toBe(200)
    const { document } = parseHTML(await voted.text())
    const form = document.getElementById(`helpful-${review.id}`)!
    expect(form.getAttribute('data-hx-delete')).toBe(`/reviews/${review.id}/vote`)
    expect(form.querySelector('button')?.getAttribute('aria-pressed')).toBe('true')
    expect(form.querySelector('button')?.textContent).toBe('Helpful (1)')
    const withdrawn = await market.app.request(
      `${ORIGIN}/reviews/${review.id}/vote?returnTo=${encodeURIComponent(listingPage(sale))}`,
      { method: 'DELETE', headers: { ...HTMX, Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' } },
    )
    expect(withdrawn.status).toBe(200)
    const after = parseHTML(await withdrawn.text()).document
    expect(after.querySelector('button')?.getAttribute('aria-pressed')).toBe('false')
    expect(after.querySelector('button')?.textContent).toBe('Helpful (0)')
    expect(row(review.id).helpfulCount).toBe(0)
  })

  it('refuses the review’s author and the store’s owner, and counts nothing', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const author = await market.signIn(sale.buyer.email)
    const owner = await market.signIn(sale.seller.owner.email)
    const own = await market.post(`/reviews/${review.id}/vote`, {}, { cookie: author })
    expect(own.status).toBe(303)
    expect((await follow(own, author)).querySelector('.flash--alert')?.textContent).toBe(
      'You cannot vote on your own review.',
    )
    const store = await market.post(
      `/reviews/${review.id}/vote`,
      {},
      { cookie: owner, headers: HTMX },
    )
    expect(store.status).toBe(403)
    expect(await store.text()).toContain('you cannot vote on them')
    expect(row(review.id).helpfulCount).toBe(0)
    expect(market.db.select().from(reviewVotes).all()).toEqual([])
    // Neither is offered the button: the count is only said.
    for (const cookie of [author, owner])
      expect(
        helpfulButton(await page(await market.get(listingPage(sale), { cookie })), review.id),
      ).toBeNull()
  })

  it('sends a visitor to sign in and back to the page the review was on', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const plain = await market.post(`/reviews/${review.id}/vote`, { returnTo: listingPage(sale) })
    expect(plain.status).toBe(303)
    expect(plain.headers.get('Location')).toBe(
      `/sign-in?return_to=${encodeURIComponent(listingPage(sale))}`,
    )
    const htmx = await market.post(
      `/reviews/${review.id}/vote`,
      { returnTo: listingPage(sale) },
      { headers: HTMX },
    )
    expect(htmx.status).toBe(204)
    expect(htmx.headers.get('HX-Redirect')).toContain('/sign-in?return_to=')
    expect(row(review.id).helpfulCount).toBe(0)
    // The visitor's page offers the button (it leads to sign-in), unpressed.
    const button = helpfulButton(await page(await market.get(listingPage(sale))), review.id)
    expect(button?.getAttribute('aria-pressed')).toBe('false')
  })

  it('is a 404 for a review not published yet', async () => {
    const sale = await seedCompletedSale(market)
    const written = writeReview(market.db, market.clock, sale.buyer.id, sale.order.code, {
      stars: 2,
      title: '',
      body: '',
      recommend: null,
      photoIds: [],
    })
    if (!written.ok) throw new Error(written.reason)
    const { cookie } = await reader()
    expect((await market.post(`/reviews/${written.review.id}/vote`, {}, { cookie })).status).toBe(
      404,
    )
    expect((await market.post('/reviews/99999/vote', {}, { cookie })).status).toBe(404)
  })
})

describe('POST /reviews/:reviewId/reply', () => {
  it('publishes the store owner’s reply under the review, from their listing page', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const owner = await market.signIn(sale.seller.owner.email)
    const own = await page(await market.get(listingPage(sale), { cookie: owner }))
    const form = own.querySelector(
      `#review-${review.id} form[action="/reviews/${review.id}/reply"]`,
    )
    expect(form?.querySelector('textarea[name="body"]')?.getAttribute('maxlength')).toBe(
      String(REPLY_MAX),
    )
    const replied = await market.post(
      `/reviews/${review.id}/reply`,
      { body: 'Thank you, Isatou!', returnTo: listingPage(sale) },
      { cookie: owner },
    )
    expect(replied.status).toBe(303)
    expect(replied.headers.get('Location')).toBe(`${listingPage(sale)}#review-${review.id}`)
    // Everyone reads it; the form is gone.
    const visitor = await page(await market.get(listingPage(sale)))
    const item = visitor.getElementById(`review-${review.id}`)!
    expect(item.querySelector('.review__reply')?.textContent).toContain('Reply from Lamin Plumbing')
    expect(item.querySelector('.review__reply')?.textContent).toContain('Thank you, Isatou!')
    const again = await page(await market.get(listingPage(sale), { cookie: owner }))
    expect(again.querySelector(`#review-${review.id} form[action$="/reply"]`)).toBeNull()
  })

  it('refuses a second reply and writes nothing', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const owner = await market.signIn(sale.seller.owner.email)
    await market.post(`/reviews/${review.id}/reply`, { body: 'First' }, { cookie: owner })
    const second = await market.post(
      `/reviews/${review.id}/reply`,
      { body: 'Second' },
      { cookie: owner },
    )
    expect(second.status).toBe(303)
    expect((await follow(second, owner)).querySelector('.flash--alert')?.textContent).toBe(
      'This review has your reply already: a review gets one reply.',
    )
    expect(market.db.select().from(reviewReplies).all()).toMatchObject([{ body: 'First' }])
  })

  it('refuses another store’s owner with the reason, and writes nothing', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const rival = await seedCompletedSale(market, 'Awa Plumbing')
    const cookie = await market.signIn(rival.seller.owner.email)
    const refused = await market.post(
      `/reviews/${review.id}/reply`,
      { body: 'Come to us' },
      { cookie },
    )
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain(
      'Only the owner of Lamin Plumbing can reply to its reviews.',
    )
    expect((await market.get(`/reviews/${review.id}/reply`, { cookie })).status).toBe(403)
    expect(market.db.select().from(reviewReplies).all()).toEqual([])
  })

  it('keeps a reply that is empty or too long, with the message beside it (422)', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const owner = await market.signIn(sale.seller.owner.email)
    const long = 'x'.repeat(REPLY_MAX + 1)
    const refused = await market.post(
      `/reviews/${review.id}/reply`,
      { body: long },
      { cookie: owner },
    )
    expect(refused.status).toBe(422)
    const document = await page(refused)
    const field = document.getElementById(`reply-${review.id}-body`)!
    expect(field.textContent).toBe(long)
    expect(document.getElementById(`reply-${review.id}-body-error`)?.textContent).toBe(
      `Use at most ${REPLY_MAX} characters.`,
    )
    const empty = await market.post(
      `/reviews/${review.id}/reply`,
      { body: '  ' },
      { cookie: owner, headers: HTMX },
    )
    expect(empty.status).toBe(422)
    const fragment = parseHTML(await empty.text()).document
    expect(fragment.getElementById(`review-${review.id}`)).not.toBeNull()
    expect(fragment.querySelector('details[open] .field__error')?.textContent).toBe(
      'Write your reply, then publish it.',
    )
    expect(market.db.select().from(reviewReplies).all()).toEqual([])
  })

  it('with htmx answers the review with its reply in place', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const owner = await market.signIn(sale.seller.owner.email)
    const replied = await market.post(
      `/reviews/${review.id}/reply`,
      { body: 'Glad it held.', returnTo: storePage(sale) },
      { cookie: owner, headers: HTMX },
    )
    expect(replied.status).toBe(200)
    const { document } = parseHTML(await replied.text())
    const item = document.getElementById(`review-${review.id}`)!
    expect(item.querySelector('.review__reply')?.textContent).toContain('Glad it held.')
    expect(item.querySelector('[role="status"]')?.textContent).toBe(
      'Your reply is published under the review.',
    )
  })

  it('shows the reply page to the owner only; visitors sign in first', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const owner = await market.signIn(sale.seller.owner.email)
    const own = await market.get(`/reviews/${review.id}/reply?return_to=%2Fsales`, {
      cookie: owner,
    })
    expect(own.status).toBe(200)
    const document = await page(own)
    expect(document.querySelector('h1')?.textContent).toBe('Reply to Isatou')
    expect(document.querySelector('input[name="returnTo"]')?.getAttribute('value')).toBe('/sales')
    const visitor = await market.get(`/reviews/${review.id}/reply`)
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('Location')).toContain('/sign-in?return_to=')
    const { cookie } = await reader()
    expect((await market.get(`/reviews/${review.id}/reply`, { cookie })).status).toBe(403)
  })
})

describe('POST /reviews/:reviewId/report', () => {
  it('puts the report in the operator’s queue, once per member', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const { member, cookie } = await reader()
    const send = () =>
      market.post(
        `/reviews/${review.id}/report`,
        { reason: 'Names my neighbour.', returnTo: storePage(sale) },
        { cookie },
      )
    const first = await send()
    expect(first.status).toBe(303)
    expect((await follow(first, cookie)).querySelector('.flash')?.textContent).toBe(
      'Thank you: the market will look at this review.',
    )
    const second = await send()
    expect((await follow(second, cookie)).querySelector('.flash--alert')?.textContent).toBe(
      'You reported this review already. The market will look at it.',
    )
    expect(market.db.select().from(reviewReports).all()).toMatchObject([
      { reporterId: member.id, reason: 'Names my neighbour.', resolvedAt: null },
    ])
    // The page now says so instead of offering the form again.
    const document = await page(await market.get(storePage(sale), { cookie }))
    expect(document.getElementById(`report-${review.id}`)?.textContent).toBe(
      'You reported this review.',
    )
  })

  it('refuses the author, an empty reason (422) and visitors', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const author = await market.signIn(sale.buyer.email)
    const own = await market.post(
      `/reviews/${review.id}/report`,
      { reason: 'Mine' },
      { cookie: author },
    )
    expect(own.status).toBe(403)
    const { cookie } = await reader()
    const empty = await market.post(`/reviews/${review.id}/report`, { reason: '' }, { cookie })
    expect(empty.status).toBe(422)
    expect((await page(empty)).querySelector('.field__error')?.textContent).toBe(
      'Say what is wrong with the review, then send the report.',
    )
    const htmx = await market.post(
      `/reviews/${review.id}/report`,
      { reason: '' },
      { cookie, headers: HTMX },
    )
    expect(htmx.status).toBe(422)
    expect(parseHTML(await htmx.text()).document.querySelector('details[open]')).not.toBeNull()
    const visitor = await market.post(`/reviews/${review.id}/report`, { reason: 'Spam' })
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('Location')).toContain('/sign-in')
    expect(market.db.select().from(reviewReports).all()).toEqual([])
    // Visitors and the author are not offered the form.
    expect((await market.get(storePage(sale))).status).toBe(200)
    for (const who of [undefined, author]) {
      const document = await page(await market.get(storePage(sale), { cookie: who }))
      expect(document.getElementById(`report-${review.id}`)).toBeNull()
    }
  })
})

describe('visitors’ cached pages', () => {
  it('show a reply and a vote as soon as they are written', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const before = await (await market.get(listingPage(sale))).text()
    expect(before).not.toContain('Thanks for having us')
    expect(await (await market.get(listingPage(sale))).text()).toBe(before)
    const owner = await market.signIn(sale.seller.owner.email)
    await market.post(
      `/reviews/${review.id}/reply`,
      { body: 'Thanks for having us' },
      { cookie: owner },
    )
    const { cookie } = await reader()
    await market.post(`/reviews/${review.id}/vote`, {}, { cookie })
    const after = await page(await market.get(listingPage(sale)))
    expect(after.body.textContent).toContain('Thanks for having us')
    expect(helpfulButton(after, review.id)?.textContent).toBe('Helpful (1)')
  })
})

describe('GET /sales', () => {
  it('lists the reviews waiting for a reply, with a link to reply to each', async () => {
    const sale = await seedCompletedSale(market)
    const answered = publishReview(market, sale, { title: 'Answered' })
    const waiting = await seedReviewedOrder(market, sale, { title: 'Waiting for you' })
    const owner = await market.signIn(sale.seller.owner.email)
    await market.post(`/reviews/${answered.id}/reply`, { body: 'Thanks' }, { cookie: owner })
    const document = await page(await market.get('/sales', { cookie: owner }))
    const section = document.querySelector('section[aria-labelledby="sales-reviews"]')!
    expect(section.querySelector('h2')?.textContent?.replace(/\s+/g, ' ')).toBe(
      'Reviews waiting for a reply (1)',
    )
    expect(section.textContent).toContain('Waiting for you')
    expect(section.textContent).not.toContain('Answered')
    expect(section.querySelector('a')?.getAttribute('href')).toBe(
      `/reviews/${waiting.review.id}/reply?return_to=%2Fsales`,
    )
  })
})
