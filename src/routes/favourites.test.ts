import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { favourites, listings } from '../../db/schema'
import { MINUTE } from '../lib/clock'
import {
  createMember,
  createOpenMarket,
  createProvider,
  page,
  productForm,
  type TestMarket,
} from '../test/app'
import { FAVOURITES_PAGE_SIZE } from './favourites'

let market: TestMarket
afterEach(() => market.cleanup())

/** Listings on sale, straight into the database after one made through the form. */
async function listingsOnSale(count: number) {
  const { cookie } = await createProvider(market)
  const ids: number[] = []
  for (let n = 1; n <= count; n += 1) {
    const created = await market.post(
      '/listings',
      { ...productForm, title: `Jam number ${n}` },
      { cookie },
    )
    const id = Number(/\/listings\/(\d+)\/edit/.exec(created.headers.get('Location')!)![1])
    await market.post(`/listings/${id}/publication`, {}, { cookie })
    ids.push(id)
  }
  return { ids, providerCookie: cookie }
}

async function buyerSaving(ids: number[]) {
  await createMember(market, { displayName: 'Binta Touray', email: 'binta@example.com' })
  const cookie = await market.signIn('binta@example.com')
  for (const id of ids) {
    await market.post(`/listings/${id}/favourite`, {}, { cookie })
    market.clock.advance(MINUTE)
  }
  return cookie
}

const cardTitles = (document: Document) =>
  [...document.querySelectorAll('.listing-card__title')].map((title) => title.textContent)

describe('GET /favourites', () => {
  it('sends a visitor to sign in, and back here afterwards', async () => {
    market = await createOpenMarket()
    const response = await market.get('/favourites')
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/sign-in?return_to=%2Ffavourites')
  })

  it('says how many saved listings are hidden because they are off sale', async () => {
    market = await createOpenMarket()
    const { ids, providerCookie } = await listingsOnSale(2)
    const cookie = await buyerSaving(ids)
    await market.post(
      `/listings/${ids[0]}/publication`,
      { _method: 'DELETE' },
      { cookie: providerCookie },
    )
    const one = await page(await market.get('/favourites', { cookie }))
    expect(cardTitles(one)).toEqual(['Jam number 2'])
    expect(one.querySelector('.favourites__hidden')?.textContent).toMatch(
      /^1 listing you saved is paused/,
    )
    await market.post(
      `/listings/${ids[1]}/publication`,
      { _method: 'DELETE' },
      { cookie: providerCookie },
    )
    const none = await page(await market.get('/favourites', { cookie }))
    expect(none.querySelector('.empty')?.textContent).toMatch(
      /Nothing you saved is on sale just now/,
    )
    expect(none.querySelector('.favourites__hidden')?.textContent).toMatch(
      /^2 listings you saved are paused/,
    )
  })

  it('shows an empty state that says what to do', async () => {
    market = await createOpenMarket()
    const cookie = await buyerSaving([])
    const document = await page(await market.get('/favourites', { cookie }))
    expect(document.querySelector('h1')?.textContent).toBe('Favourites')
    expect(document.querySelector('.empty')?.textContent).toBe(
      'Nothing saved yetTap the heart on a listing you like to keep it here, ready for when you need it.See what is on the market',
    )
    expect(document.querySelector('.empty a')?.getAttribute('href')).toBe('/')
  })

  it('shows the saved listings newest first, each with a heart that removes it', async () => {
    market = await createOpenMarket()
    const { ids } = await listingsOnSale(3)
    const cookie = await buyerSaving([ids[1]!, ids[0]!, ids[2]!])
    const document = await page(await market.get('/favourites', { cookie }))
    expect(cardTitles(document)).toEqual(['Jam number 3', 'Jam number 1', 'Jam number 2'])
    expect(document.querySelector('main p')?.textContent).toBe(
      '3 listings you saved. Tap a heart to remove one.',
    )
    const heart = document.getElementById(`favourite-${ids[0]}`)!
    expect(heart.querySelector('button')?.getAttribute('aria-label')).toBe(
      'Saved. Remove Jam number 1 from favourites',
    )
    expect(heart.querySelector('input[name=returnTo]')?.getAttribute('value')).toBe('/favourites')
    expect(heart.closest('a')).toBeNull()
    expect(document.querySelector('.pagination')).toBeNull()
  })

  it('hides a listing gone off sale, which comes back when it is resumed', async () => {
    market = await createOpenMarket()
    const { ids, providerCookie } = await listingsOnSale(2)
    const cookie = await buyerSaving(ids)
    await market.post(
      `/listings/${ids[0]}/publication`,
      { _method: 'DELETE' },
      { cookie: providerCookie },
    )
    expect(cardTitles(await page(await market.get('/favourites', { cookie })))).toEqual([
      'Jam number 2',
    ])
    await market.post(`/listings/${ids[0]}/publication`, {}, { cookie: providerCookie })
    expect(cardTitles(await page(await market.get('/favourites', { cookie })))).toEqual([
      'Jam number 2',
      'Jam number 1',
    ])
  })

  it('pages through many within the page-weight budget, reading any ?page= safely', async () => {
    market = await createOpenMarket()
    const { ids } = await listingsOnSale(1)
    const cookie = await buyerSaving(ids)
    // More favourites than a page holds, written directly: the form path is tested above.
    const [template] = market.db.select().from(listings).where(eq(listings.id, ids[0]!)).all()
    const { id: _id, ...columns } = template!
    const member = market.db.select().from(favourites).get()!.memberId
    for (let n = 0; n < FAVOURITES_PAGE_SIZE; n += 1) {
      const copy = market.db
        .insert(listings)
        .values({ ...columns, title: `Copy ${n}` })
        .returning()
        .get()
      market.db
        .insert(favourites)
        .values({
          memberId: member,
          listingId: copy.id,
          createdAt: new Date(Date.UTC(2020, 0, 1, 0, n)),
        })
        .run()
    }
    const full = await market.get('/favourites', { cookie, headers: { 'Accept-Encoding': 'br' } })
    expect(
      (await full.arrayBuffer()).byteLength,
      'a full page of cards with hearts arrives in one round trip',
    ).toBeLessThanOrEqual(14 * 1024)
    const first = await page(await market.get('/favourites', { cookie }))
    expect(first.querySelectorAll('.listing-card')).toHaveLength(FAVOURITES_PAGE_SIZE)
    expect(first.querySelector('.pagination')?.textContent).toContain('Page 1 of 2')
    expect(first.querySelector('a[rel=next]')?.getAttribute('href')).toBe('/favourites?page=2')

    const second = await page(await market.get('/favourites?page=2', { cookie }))
    expect(cardTitles(second)).toEqual(['Copy 0'])
    expect(second.querySelector('a[rel=prev]')?.getAttribute('href')).toBe('/favourites')
    expect(
      second.querySelector('.listing-card input[name=returnTo]')?.getAttribute('value'),
      'a heart removed on page 2 comes back to page 2',
    ).toBe('/favourites?page=2')

    for (const odd of ['abc', '-3', '99999999999999999999', '2.5'])
      expect((await market.get(`/favourites?page=${odd}`, { cookie })).status, odd).toBe(200)
  })
})

describe('the header', () => {
  it('links members, and only members, to their favourites', async () => {
    market = await createOpenMarket()
    const cookie = await buyerSaving([])
    const nav = (document: Document) => document.querySelector('nav[aria-label=Account]')!
    expect(
      nav(await page(await market.get('/', { cookie }))).querySelector('a[href="/favourites"]')
        ?.textContent,
    ).toBe('Favourites')
    expect(nav(await page(await market.get('/'))).querySelector('a[href="/favourites"]')).toBeNull()
  })
})
