import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DAY, HOUR } from '../../lib/clock'
import type { Member } from '../../models/member'
import { createMember, createOpenMarket, page, type TestMarket } from '../../test/app'
import { seedListing, seedStore, type TestStore } from '../../test/listings'
import { postTestRequest, proposeOn } from '../../test/requests'

let market: TestMarket
let buyer: Member
let plumber: TestStore
let fundi: TestStore
let tutor: TestStore

beforeEach(async () => {
  market = await createOpenMarket()
  buyer = await createMember(market, { displayName: 'Isatou' })
  plumber = await seedStore(market, {
    name: 'Lamin Plumbing',
    area: 'Tanji',
    latitude: 13.35,
    longitude: -16.79,
  })
  seedListing(market.db, market, plumber, { title: 'Tap repair', categoryId: 101 })
  fundi = await seedStore(market, {
    name: 'Ebrima Fundi',
    area: 'Brufut',
    latitude: 13.39,
    longitude: -16.75,
  })
  seedListing(market.db, market, fundi, { title: 'Wiring', categoryId: 102 })
  tutor = await seedStore(market, { name: 'Awa Tutoring' })
  seedListing(market.db, market, tutor, { title: 'Maths lessons', categoryId: 111 })
})
afterEach(() => market.cleanup())

/** Posts a request an hour after the one before, so the newest is first. */
function post(fields: Parameters<typeof postTestRequest>[2] = {}) {
  market.clock.advance(HOUR)
  return postTestRequest(market, buyer, fields)
}

async function requestsPage(query = '', cookie?: string) {
  const response = await market.get(`/requests${query}`, { cookie })
  expect(response.status).toBe(200)
  return page(response)
}

const titles = (document: Document) =>
  [...document.querySelectorAll('.request-card__title a')].map((link) => link.textContent)
const status = (document: Document) => document.getElementById('requests-status')?.textContent

describe('GET /requests', () => {
  it('shows a visitor everyone’s open requests, each card saying what a provider weighs', async () => {
    const tap = post({ title: 'Fix a leaking kitchen tap', neededBy: '2026-11-24' })
    post({ title: 'Only for plumbers', visibility: 'category' })
    post({
      title: 'Algebra help',
      categoryId: 111,
      budgetMin: null,
      budgetMax: 40_000,
      place: 'online',
    })
    post({
      title: 'Paint the gate',
      categoryId: 102,
      budgetMin: 20_000,
      budgetMax: null,
      place: 'provider',
    })
    post({
      title: 'Anything goes',
      budgetMin: null,
      budgetMax: null,
      place: 'either',
      area: 'Brufut',
    })
    proposeOn(market, plumber, tap.code)
    proposeOn(market, fundi, tap.code)
    market.clock.advance(3 * HOUR)

    const document = await requestsPage()
    expect(document.title).toBe('Requests · Tanji Market')
    expect(document.querySelector('h1')?.textContent).toBe('Requests')
    expect(document.querySelector('a[href="/requests/new"]')?.textContent).toBe('Post a request')
    expect(titles(document)).toEqual([
      'Anything goes',
      'Paint the gate',
      'Algebra help',
      'Fix a leaking kitchen tap',
    ])
    expect(status(document)).toBe('4 open requests')
    const card = (title: string) =>
      [...document.querySelectorAll('.request-card')].find((one) =>
        one.textContent?.includes(title),
      )!
    // Money is written with a no-break space between the currency and the amount.
    const words = (title: string) => card(title).textContent!.replaceAll('\u00a0', ' ')
    const tapCard = card('Fix a leaking kitchen tap')
    expect(tapCard.querySelector('a')?.getAttribute('href')).toBe(`/requests/${tap.code}`)
    expect(
      tapCard.querySelector('.request-card__what')?.textContent?.replaceAll('\u00a0', ' '),
    ).toBe('Plumbing · GMD 500.00 – GMD 800.00')
    expect(
      [...tapCard.querySelectorAll('.request-card__facts li')].map((li) => li.textContent),
    ).toEqual([
      "At the buyer's place · Tanji",
      'Needed by Tue 24 Nov',
      '2 proposals',
      'Posted 7 hours ago',
    ])
    expect(tapCard.querySelector('time')?.getAttribute('datetime')).toBe(
      tap.createdAt.toISOString(),
    )
    expect(words('Algebra help')).toContain('up to GMD 400.00')
    expect(words('Algebra help')).toContain('Online')
    expect(words('Paint the gate')).toContain('from GMD 200.00')
    expect(words('Paint the gate')).toContain("At the provider's")
    expect(words('Anything goes')).toContain('Budget open')
    expect(words('Anything goes')).toContain('At either place, or online · Brufut')
    expect(words('Anything goes')).toContain('Flexible on timing')
    expect(words('Anything goes')).toContain('No proposals yet')
    // Nothing a visitor has no use for: no store to narrow to or measure from.
    expect(document.getElementById('filter-all')).toBeNull()
    expect(document.getElementById('filter-within')).toBeNull()
  })

  it('labels every control, all belonging to one GET form that works without JavaScript', async () => {
    post()
    const document = await requestsPage('', await market.signIn(plumber.owner.email))
    const form = document.getElementById('requests-form')!
    expect(form.getAttribute('method')).toBe('get')
    expect(form.getAttribute('action')).toBe('/requests')
    const controls = [...document.querySelectorAll('input, select')].filter(
      (control) =>
        control.closest('#requests-form') || control.getAttribute('form') === 'requests-form',
    )
    expect(controls.map((control) => control.getAttribute('name')).sort()).toEqual([
      'all',
      'budget',
      'category',
      'q',
      'sort',
      'within',
    ])
    for (const control of controls)
      expect(document.querySelector(`label[for="${control.id}"]`), control.id).not.toBeNull()
    expect(document.querySelector('button[form="requests-form"]')?.textContent).toBe(
      'Show requests',
    )
  })

  it('shows a provider their categories first, and every category on asking', async () => {
    post({ title: 'Tap', categoryId: 101 })
    post({ title: 'Only for home repairs', categoryId: 101, visibility: 'category' })
    post({ title: 'Algebra help', categoryId: 111 })
    const cookie = await market.signIn(plumber.owner.email)

    const own = await requestsPage('', cookie)
    expect(titles(own)).toEqual(['Only for home repairs', 'Tap'])
    expect(status(own)).toBe('2 open requests in what you sell')
    expect(own.querySelector<HTMLInputElement>('#filter-all')?.hasAttribute('checked')).toBe(false)

    const all = await requestsPage('?all=1', cookie)
    expect(titles(all)).toEqual(['Algebra help', 'Only for home repairs', 'Tap'])
    expect(all.querySelector('#filter-all')?.hasAttribute('checked')).toBe(true)

    // Electrical sells in the same top category, so it sees the category-only one too.
    const fundis = await requestsPage('', await market.signIn(fundi.owner.email))
    expect(titles(fundis)).toEqual(['Only for home repairs', 'Tap'])
  })

  it('keeps a category-only request from visitors, members without a store and other trades', async () => {
    post({ title: 'For everyone' })
    post({ title: 'Only for home repairs', visibility: 'category' })
    const member = await createMember(market, { email: 'kebba@example.com' })
    expect(member.id).toBeGreaterThan(0)

    expect(titles(await requestsPage())).toEqual(['For everyone'])
    expect(titles(await requestsPage('', await market.signIn('kebba@example.com')))).toEqual([
      'For everyone',
    ])
    const tutors = await market.signIn(tutor.owner.email)
    expect(titles(await requestsPage('', tutors))).toEqual([])
    expect(titles(await requestsPage('?all=1', tutors))).toEqual(['For everyone'])
    expect(titles(await requestsPage('?category=plumbing', tutors))).toEqual(['For everyone'])
    // The buyer sees their own.
    expect(titles(await requestsPage('', await market.signIn(buyer.email)))).toEqual([
      'Only for home repairs',
      'For everyone',
    ])
  })

  it('filters by words, category, budget and distance, and sorts by budget', async () => {
    post({ title: 'Leaking roof', area: 'Brufut', budgetMin: null, budgetMax: 300_000 })
    post({ title: 'Kitchen tap', area: 'Tanji', budgetMin: null, budgetMax: 40_000 })
    post({
      title: 'New socket',
      categoryId: 102,
      area: 'Tanji',
      budgetMin: null,
      budgetMax: 90_000,
    })
    post({ title: 'Algebra help', categoryId: 111, area: '' })
    const cookie = await market.signIn(plumber.owner.email)

    expect(titles(await requestsPage('?q=roo'))).toEqual(['Leaking roof'])
    expect(status(await requestsPage('?q=roo'))).toBe('1 open request for “roo”')
    expect(titles(await requestsPage('?category=plumbing'))).toEqual([
      'Kitchen tap',
      'Leaking roof',
    ])
    expect(titles(await requestsPage('?category=home-repairs'))).toEqual([
      'New socket',
      'Kitchen tap',
      'Leaking roof',
    ])
    expect(titles(await requestsPage('?budget=900', cookie))).toEqual([
      'New socket',
      'Leaking roof',
    ])
    const near = await requestsPage('?within=1', cookie)
    expect(titles(near)).toEqual(['New socket', 'Kitchen tap'])
    expect(near.querySelector('#filter-within option[selected]')?.textContent).toBe('1 km')
    expect(near.querySelector('.request-card')?.textContent).toContain('100 m away')
    expect(titles(await requestsPage('?sort=budget', cookie))).toEqual([
      'Leaking roof',
      'New socket',
      'Kitchen tap',
    ])
    const chosen = await requestsPage('?q=tap&category=plumbing&budget=100&sort=newest', cookie)
    expect(chosen.querySelector('#requests-q')?.getAttribute('value')).toBe('tap')
    expect(chosen.querySelector('#filter-category option[selected]')?.textContent).toBe('Plumbing')
    expect(chosen.querySelector('#filter-budget')?.getAttribute('value')).toBe('100')
    expect(chosen.querySelector('#filter-sort option[selected]')?.textContent).toBe('Newest')
    // The order one gets without choosing is sent as none, so new words bring the best first.
    const plain = await requestsPage('', cookie)
    expect(plain.querySelector('#filter-sort option[selected]')?.getAttribute('value')).toBe('')
    const searched = await requestsPage('?q=tap', cookie)
    const best = searched.querySelector('#filter-sort option[selected]')
    expect([best?.textContent, best?.getAttribute('value')]).toEqual(['Best match', ''])
  })

  it('pages twenty at a time, the links keeping the choices', async () => {
    // Five hours apart: a member posts at most five requests in a day.
    for (let n = 1; n <= 22; n += 1) {
      market.clock.advance(4 * HOUR)
      post({ title: `Request ${n}` })
    }
    const first = await requestsPage('?category=plumbing')
    expect(titles(first)).toHaveLength(20)
    const next = first.querySelector('.pagination a[rel=next]')?.getAttribute('href')
    expect(next).toBe('/requests?category=plumbing&page=2')
    expect(titles(await requestsPage('?category=plumbing&page=2'))).toEqual([
      'Request 2',
      'Request 1',
    ])
  })

  it('leaves closed and lapsed requests off', async () => {
    post({ title: 'A week', openForDays: 7 })
    post({ title: 'A fortnight', openForDays: 14 })
    market.clock.advance(8 * DAY)
    expect(titles(await requestsPage())).toEqual(['A fortnight'])
  })

  it('says what to do when there is nothing to show', async () => {
    const empty = await requestsPage()
    expect(empty.querySelector('.empty__title')?.textContent).toBe('No open requests yet')
    expect(empty.querySelector('.empty a')?.getAttribute('href')).toBe('/requests/new')

    post({ title: 'Algebra help', categoryId: 111 })
    const cookie = await market.signIn(plumber.owner.email)
    const mine = await requestsPage('', cookie)
    expect(mine.querySelector('.empty__title')?.textContent).toBe(
      'No open requests in what you sell',
    )
    expect(mine.querySelector('.empty a')?.getAttribute('href')).toBe('/requests?all=1')

    const filtered = await requestsPage('?q=piano')
    expect(filtered.querySelector('.empty__title')?.textContent).toBe(
      'No open request matches these choices',
    )
    expect(filtered.querySelector('.empty a')?.getAttribute('href')).toBe('/requests')
  })

  it('answers htmx with the filters and list alone, and the list’s short address', async () => {
    post({ title: 'Kitchen tap' })
    const response = await market.get('/requests?q=tap&category=&budget=&sort=', {
      headers: { 'HX-Request': 'true' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Vary')).toContain('HX-Request')
    expect(response.headers.get('HX-Push-Url')).toBe('/requests?q=tap')
    const html = await response.text()
    expect(html).not.toContain('<html')
    expect(html).toContain('Kitchen tap')
    expect(html).toContain('id="requests-status"')
    const full = await requestsPage()
    expect(full.querySelector('#requests-form')?.getAttribute('data-hx-target')).toBe(
      '#requests-body',
    )
  })

  it.each([
    ['markup in the words', `?q=${encodeURIComponent('<script>alert(1)</script>')}`],
    ['FTS syntax', `?q=${encodeURIComponent('"tap" OR NEAR(a b) title:* ^-')}`],
    ['a lone quote', '?q=%22'],
    ['words twice', '?q=tap&q=roof'],
    ['a thousand words', `?q=${'word '.repeat(1000)}`],
    ['a NUL byte', '?q=tap%00roof'],
    ['broken UTF-8', '?q=%FF%FE&category=%C3'],
    ['an unknown category', '?category=../../etc/passwd'],
    ['a list where one is wanted', '?category=plumbing&category=lessons&sort=budget&sort=best'],
    ['a nested name', '?q.0=tap&category.1.x=y&__proto__=1&constructor=1'],
    ['a negative budget', '?budget=-500'],
    ['an absurd budget', '?budget=99999999999999999999999'],
    ['an unknown distance', '?within=7'],
    ['a distance of text', '?within=far'],
    ['an unknown sort', `?sort=${encodeURIComponent("'; DROP TABLE service_requests; --")}`],
    ['a page of text', '?page=abc'],
    ['a huge page', '?page=384307168202282326'],
    ['a negative page', '?page=-3'],
  ])('never fails on %s', async (_, query) => {
    post({ title: 'Kitchen tap' })
    for (const cookie of [undefined, await market.signIn(plumber.owner.email)]) {
      const response = await market.get(`/requests${query}`, { cookie })
      expect(response.status, query).toBe(200)
      const html = await response.text()
      expect(html).not.toContain('<script>alert(1)</script>')
    }
  })

  it('says beside a field what it could not use, and still shows the list', async () => {
    post({ title: 'Kitchen tap' })
    const document = await requestsPage('?budget=lots&category=nothing-like-it&sort=cheapest')
    expect(document.querySelector('#filter-budget-error')?.textContent).toMatch(/^Type an amount/)
    expect(document.querySelector('#filter-category-error')?.textContent).toMatch(/does not exist/)
    expect(document.querySelector('#filter-sort-error')).not.toBeNull()
    expect(titles(document)).toEqual(['Kitchen tap'])
  })
})
