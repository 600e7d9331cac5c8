import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listings } from '../../../db/schema'
import { bookingRulesOf, DEFAULT_BOOKING_RULES } from '../../models/booking/rules'
import {
  createOpenMarket,
  createProvider,
  fieldError,
  page,
  serviceForm,
  type TestMarket,
} from '../../test/app'

let market: TestMarket
let cookie: string
beforeEach(async () => {
  market = await createOpenMarket()
  ;({ cookie } = await createProvider(market))
})
afterEach(() => market.cleanup())

const bookable = {
  ...serviceForm,
  bookable: 'on',
  bufferMinutes: '15',
  noticeHours: '3',
  horizonDays: '14',
  capacity: '8',
  cancellationHours: '12',
  instantBook: 'on',
}

async function create(form: Record<string, string>) {
  const response = await market.post('/listings', form, { cookie })
  const id = Number(/\/listings\/(\d+)\/edit/.exec(response.headers.get('Location') ?? '')?.[1])
  return { response, id }
}

describe('a bookable service through the listing form', () => {
  it('keeps its rules, shows them on the edit form, and drops them when unticked', async () => {
    const { response, id } = await create(bookable)
    expect(response.status).toBe(303)
    expect(bookingRulesOf(market.db, id)).toEqual({
      slotMinutes: 60,
      bufferMinutes: 15,
      noticeMinutes: 180,
      horizonDays: 14,
      capacity: 8,
      cancellationHours: 12,
      instantBook: true,
    })

    const { bookable: _ticked, ...unticked } = bookable
    const saved = await market.post(`/listings/${id}`, unticked, { cookie })
    expect(saved.status).toBe(303)
    expect(bookingRulesOf(market.db, id)).toBeUndefined()
    expect(market.db.select().from(listings).where(eq(listings.id, id)).get()?.bookable).toBe(false)
  })

  it('takes blank rules as the usual ones', async () => {
    const { id } = await create({ ...serviceForm, bookable: 'on' })
    expect(bookingRulesOf(market.db, id)).toEqual({ ...DEFAULT_BOOKING_RULES, slotMinutes: 60 })
  })

  it('asks for a length in five-minute steps, and rules in range, saving nothing', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ durationMinutes: '' }, 'durationMinutes', /how long a booking lasts/],
      [{ durationMinutes: '47' }, 'durationMinutes', /multiple of 5/],
      [{ bufferMinutes: '7' }, 'bufferMinutes', /multiple of 5/],
      [{ capacity: '0' }, 'capacity', /from 1 to 500/],
      [{ horizonDays: 'soon' }, 'horizonDays', /from 1 to 365/],
    ]
    for (const [change, field, message] of cases) {
      const { response } = await create({ ...bookable, ...change })
      expect(response.status, field).toBe(422)
      expect(fieldError(await page(response), field), field).toMatch(message)
    }
    // Unticked, a service needs no length.
    const { response } = await create({ ...serviceForm, durationMinutes: '' })
    expect(response.status).toBe(303)
  })
})
