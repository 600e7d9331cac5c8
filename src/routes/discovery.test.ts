// Recently viewed and trending on the home page, similar listings on a listing's page.
import { afterEach, describe, expect, it } from 'vitest'
import { changeListingStatus } from '../models/listing/publication'
import { listingPath } from '../models/listing'
import { createMember, createOpenMarket, createProvider, page, type TestMarket } from '../test/app'
import { flushViews, PHONE, publishedListing, view } from '../test/discovery'

let market: TestMarket
afterEach(() => market.cleanup())

/** The card titles in one section of a page, in order; null when the section is not there. */
async function section(response: Response, id: string): Promise<string[] | null> {
  const found = (await page(response)).getElementById(id)
  if (!found) return null
  return [...found.querySelectorAll('.listing-card__title')].map((title) => title.textContent)
}

async function signedInMember(email: string) {
  const member = await createMember(market, { email })
  return { member, cookie: await market.signIn(email) }
}

describe('GET / — recently viewed', () => {
  it('shows a member what they looked at, newest first, before and after the views are written', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const tap = publishedListing(market, owner, { title: 'Leaking tap repair' })
    const boiler = publishedListing(market, owner, { title: 'Boiler service' })
    const { cookie } = await signedInMember('buyer@example.com')

    const before = await market.get('/', { cookie })
    expect(await section(before, 'recently-viewed'), 'hidden while empty').toBeNull()

    await view(market, tap, 1, cookie)
    market.clock.advance(1000)
    await view(market, boiler, 1, cookie)
    // Not written yet: read from memory.
    expect(await section(await market.get('/', { cookie }), 'recently-viewed')).toEqual([
      'Boiler service',
      'Leaking tap repair',
    ])
    await flushViews(market)
    market.clock.advance(1000)
    await view(market, tap, 1, cookie)
    expect(await section(await market.get('/', { cookie }), 'recently-viewed')).toEqual([
      'Leaking tap repair',
      'Boiler service',
    ])
    await flushViews(market)
    expect(await section(await market.get('/', { cookie }), 'recently-viewed')).toEqual([
      'Leaking tap repair',
      'Boiler service',
    ])
  })

  it('is each member’s own: never shown to another member or a visitor', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const tap = publishedListing(market, owner, { title: 'Leaking tap repair' })
    const boiler = publishedListing(market, owner, { title: 'Boiler service' })
    const first = await signedInMember('first@example.com')
    const second = await signedInMember('second@example.com')
    await view(market, tap, 1, first.cookie)
    await view(market, boiler, 1, second.cookie)

    const check = async () => {
      expect(
        await section(await market.get('/', { cookie: first.cookie }), 'recently-viewed'),
      ).toEqual(['Leaking tap repair'])
      expect(
        await section(await market.get('/', { cookie: second.cookie }), 'recently-viewed'),
      ).toEqual(['Boiler service'])
      expect(await section(await market.get('/', { headers: PHONE }), 'recently-viewed')).toBeNull()
    }
    await check()
    await flushViews(market)
    await check()
  })

  it('keeps the last twenty, and leaves out listings no longer on sale', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const { cookie } = await signedInMember('buyer@example.com')
    const listings = []
    for (let i = 1; i <= 22; i++) {
      const listing = publishedListing(market, owner, { title: `Listing ${i}` })
      listings.push(listing)
      await view(market, listing, 1, cookie)
      market.clock.advance(1000)
      if (i === 11) await flushViews(market)
    }
    const newestFirst = listings.map((listing) => listing.title).reverse()
    expect(await section(await market.get('/', { cookie }), 'recently-viewed')).toEqual(
      newestFirst.slice(0, 20),
    )
    await flushViews(market)
    expect(await section(await market.get('/', { cookie }), 'recently-viewed')).toEqual(
      newestFirst.slice(0, 20),
    )
    expect(
      market.db.$client.prepare('select count(*) from recently_viewed').pluck().get(),
      'trimmed to twenty in the database too',
    ).toBe(20)

    changeListingStatus(market.db, market.clock, owner, listings[21]!.id, 'pause')
    changeListingStatus(market.db, market.clock, owner, listings[20]!.id, 'archive')
    expect(await section(await market.get('/', { cookie }), 'recently-viewed')).toEqual(
      newestFirst.slice(2, 20),
    )
  })
})

describe('GET / — trending', () => {
  it('lists what visitors and members viewed most lately, once the views are written', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const tap = publishedListing(market, owner, { title: 'Leaking tap repair' })
    const boiler = publishedListing(market, owner, { title: 'Boiler service' })
    const gutter = publishedListing(market, owner, { title: 'Gutter cleaning' })
    const { cookie } = await signedInMember('buyer@example.com')

    expect(await section(await market.get('/', { headers: PHONE }), 'trending')).toBeNull()
    await view(market, tap, 3)
    await view(market, boiler, 4)
    await view(market, boiler, 1, cookie)
    await view(market, gutter, 1)
    expect(
      await section(await market.get('/', { headers: PHONE }), 'trending'),
      'not before the flush',
    ).toBeNull()
    await flushViews(market)
    // The visitor's home page was kept by the page cache; the flush is a write, so it is fresh.
    expect(await section(await market.get('/', { headers: PHONE }), 'trending')).toEqual([
      'Boiler service',
      'Leaking tap repair',
    ])
    expect(await section(await market.get('/', { cookie }), 'trending')).toEqual([
      'Boiler service',
      'Leaking tap repair',
    ])

    changeListingStatus(market.db, market.clock, owner, boiler.id, 'pause')
    expect(await section(await market.get('/', { headers: PHONE }), 'trending')).toEqual([
      'Leaking tap repair',
    ])
  })
})

describe('GET /listings/:id-:slug — similar listings', () => {
  it('shows others like it, without itself or those not on sale', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const tap = publishedListing(market, owner, { title: 'Leaking tap repair', tags: ['washers'] })
    publishedListing(market, owner, { title: 'Washers replaced' })
    publishedListing(market, owner, { title: 'Tap repair', categoryId: 102 })
    publishedListing(market, owner, { title: 'Tap repair (draft)' }, 'draft')
    publishedListing(market, owner, { title: 'Wedding photos', categoryId: 130 })

    const response = await market.get(listingPath(tap), { headers: PHONE })
    expect((await section(response, 'similar'))?.sort()).toEqual(['Tap repair', 'Washers replaced'])
  })

  it('is hidden when there is nothing like it', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const tap = publishedListing(market, owner, { title: 'Leaking tap repair' })
    publishedListing(market, owner, { title: 'Wedding photos', categoryId: 130 })
    expect(await section(await market.get(listingPath(tap)), 'similar')).toBeNull()
  })
})
