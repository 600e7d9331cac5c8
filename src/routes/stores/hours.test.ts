import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { weeklyHours } from '../../models/booking/availability'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  fieldError,
  page,
  type TestMarket,
} from '../../test/app'
import { seedStore, type TestStore } from '../../test/listings'

let market: TestMarket
let shop: TestStore
let cookie: string
beforeEach(async () => {
  market = await createOpenMarket()
  shop = await seedStore(market, { name: 'Fatou Hair' })
  cookie = await market.signIn(shop.owner.email)
})
afterEach(() => market.cleanup())

const week = {
  monday: '09:00-12:00, 14:00-18:00',
  tuesday: '',
  wednesday: '09:00-12:00',
  thursday: '',
  friday: '22:00-02:00',
  saturday: '',
  sunday: '',
}

describe('POST /stores/:slug/hours', () => {
  it('saves the week and shows it back as typed', async () => {
    const path = `/stores/${shop.store.slug}/hours`
    const saved = await market.post(path, week, { cookie })
    expect(saved.status).toBe(303)
    expect(weeklyHours(market.db, shop.store.id)).toEqual({
      1: [
        { start: 540, end: 720 },
        { start: 840, end: 1080 },
      ],
      3: [{ start: 540, end: 720 }],
      5: [{ start: 1320, end: 120 }],
    })
    const shown = await page(await market.get(path, { cookie: `${cookie}; ${cookiesFrom(saved)}` }))
    expect(shown.querySelector('.flash')?.textContent).toContain('Hours saved.')
    expect(shown.querySelector('#field-monday')?.getAttribute('value')).toBe(
      '09:00-12:00, 14:00-18:00',
    )
    expect(shown.querySelector('label[for="field-sunday"]')?.textContent).toBe('Sunday')
  })

  it('says what is wrong beside the day, keeps what was typed and changes nothing', async () => {
    const path = `/stores/${shop.store.slug}/hours`
    await market.post(path, week, { cookie })
    const response = await market.post(
      path,
      { ...week, tuesday: '09:00-12:00, 11:00-13:00', thursday: 'mornings' },
      { cookie },
    )
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(fieldError(document, 'tuesday')).toBe('These ranges overlap: fix one.')
    expect(fieldError(document, 'thursday')).toMatch(/like 09:00-12:00/)
    expect(document.querySelector('#field-thursday')?.getAttribute('value')).toBe('mornings')
    expect(Object.keys(weeklyHours(market.db, shop.store.id))).toEqual(['1', '3', '5'])
  })

  it("is the owner's alone: another member and a visitor change nothing", async () => {
    const path = `/stores/${shop.store.slug}/hours`
    const other = await market.signIn((await createMember(market)).email)
    expect((await market.get(path, { cookie: other })).status).toBe(404)
    expect((await market.post(path, week, { cookie: other })).status).toBe(404)
    expect((await market.post(path, week)).headers.get('Location')).toMatch(/^\/sign-in/)
    expect(weeklyHours(market.db, shop.store.id)).toEqual({})
  })
})

describe('days off', () => {
  it('adds a day off, lists it, and opens it again', async () => {
    const base = `/stores/${shop.store.slug}`
    const added = await market.post(
      `${base}/days-off`,
      { date: '2026-12-25', note: 'Christmas' },
      { cookie },
    )
    expect(added.status).toBe(303)
    const listed = await page(await market.get(`${base}/hours`, { cookie }))
    expect(listed.body.textContent).toContain('2026-12-25 · Christmas')
    const removed = await market.post(`${base}/days-off/2026-12-25/removal`, {}, { cookie })
    expect(removed.status).toBe(303)
    expect((await market.post(`${base}/days-off/2026-12-25/removal`, {}, { cookie })).status).toBe(
      404,
    )
  })

  it('asks for a real date', async () => {
    const response = await market.post(
      `/stores/${shop.store.slug}/days-off`,
      { date: '2026-02-30', note: '' },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'date')).toBe('Choose a date.')
  })
})
