import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { orders, proposals, requestPhotos, serviceRequests } from '../../db/schema'
import {
  createMember,
  createOpenMarket,
  fieldError,
  flashAfter,
  page,
  type TestMarket,
} from '../test/app'
import { seedListing, seedStore, type TestStore } from '../test/listings'
import { phoneJpeg } from '../test/photos'
import { postTestRequest, proposeOn } from '../test/requests'
import type { Member } from '../models/member'

let market: TestMarket
let buyer: Member
let buyerCookie: string
let plumber: TestStore
let plumberCookie: string

beforeEach(async () => {
  market = await createOpenMarket()
  buyer = await createMember(market, { displayName: 'Isatou', email: 'isatou@example.com' })
  buyerCookie = await market.signIn('isatou@example.com')
  plumber = await seedStore(market, { name: 'Lamin Plumbing' })
  seedListing(market.db, market, plumber, { title: 'Tap repair', categoryId: 101 })
  plumberCookie = await market.signIn(plumber.owner.email)
})
afterEach(() => market.cleanup())

const REQUEST_FORM = {
  title: 'Fix a leaking roof',
  description: 'Water comes in over the kitchen when it rains hard.',
  categoryId: '101',
  budgetMin: '500',
  budgetMax: '800',
  place: 'customer',
  area: 'Tanji',
  neededBy: '2026-12-10',
  visibility: 'everyone',
  openForDays: '14',
}

const PROPOSAL_FORM = {
  unitId: '0',
  price: '650',
  visitOn: '2026-11-26',
  message: 'I can come Thursday with sheets and sealant.',
}

describe('posting a request', () => {
  it('sends a visitor to sign in, and shows a member the form', async () => {
    const visitor = await market.get('/requests/new')
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('location')).toContain('/sign-in')
    const form = await page(await market.get('/requests/new', { cookie: buyerCookie }))
    expect(form.querySelector('form[action="/requests/new"]')).not.toBeNull()
    expect(form.querySelector('label[for="field-budgetMax"]')?.textContent).toBe('At most')
  })

  it('posts with photos and shows the request to everyone', async () => {
    const response = await market.upload(
      '/requests/new',
      { photos: [{ name: 'roof.jpg', bytes: await phoneJpeg() }] },
      { cookie: buyerCookie, fields: REQUEST_FORM },
    )
    expect(response.status).toBe(303)
    const path = response.headers.get('location') ?? ''
    expect(path).toMatch(/^\/requests\/[A-Z0-9]{10}$/)
    const request = market.db.select().from(serviceRequests).get()
    expect(request).toMatchObject({ budgetMin: 50_000, budgetMax: 80_000, neededBy: '2026-12-10' })
    expect(market.db.select().from(requestPhotos).all()).toHaveLength(1)
    const shown = await page(await market.get(path))
    expect(shown.querySelector('h1')?.textContent).toBe('Fix a leaking roof')
    expect(shown.body.textContent).toContain('Providers: sign in to send a proposal.')
  })

  it('refuses bad input beside each field and writes nothing', async () => {
    const response = await market.post(
      '/requests/new',
      {
        ...REQUEST_FORM,
        title: ' ',
        budgetMin: '900',
        budgetMax: '800',
        neededBy: '2026-11-01',
        categoryId: '99999',
        place: 'moon',
      },
      { cookie: buyerCookie },
    )
    expect(response.status).toBe(422)
    const form = await page(response)
    expect(fieldError(form, 'title')).toContain('what you need')
    expect(fieldError(form, 'budgetMax')).toBe('The most you would pay is below the least.')
    expect(fieldError(form, 'neededBy')).toContain('That day has passed')
    expect(fieldError(form, 'place')).toBe('Choose where the work happens.')
    expect(market.db.select().from(serviceRequests).all()).toEqual([])

    const absurd = await market.post(
      '/requests/new',
      { ...REQUEST_FORM, budgetMin: '-5', budgetMax: '99999999999' },
      { cookie: buyerCookie },
    )
    const page2 = await page(absurd)
    expect(fieldError(page2, 'budgetMin')).toContain('Enter an amount')
    expect(fieldError(page2, 'budgetMax')).toContain('too high')

    const unknown = await market.post(
      '/requests/new',
      { ...REQUEST_FORM, categoryId: '99999' },
      { cookie: buyerCookie },
    )
    expect(fieldError(await page(unknown), 'categoryId')).toBe('Choose a category from the list.')
    expect(market.db.select().from(serviceRequests).all()).toEqual([])
  })

  it('hides a category-only request from visitors and from providers of other trades', async () => {
    const request = postTestRequest(market, buyer, { visibility: 'category' })
    const tutor = await seedStore(market, { name: 'Awa Tutoring' })
    seedListing(market.db, market, tutor, { title: 'Maths', categoryId: 111 })
    const tutorCookie = await market.signIn(tutor.owner.email)
    // A visitor is asked to sign in (a provider following their mail), and sees nothing of it.
    const visitor = await market.get(`/requests/${request.code}`)
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('location')).toBe(
      `/sign-in?return_to=${encodeURIComponent(`/requests/${request.code}`)}`,
    )
    expect((await market.get('/requests/ABCDEFGHJK')).status).toBe(404)
    expect((await market.get(`/requests/${request.code}`, { cookie: tutorCookie })).status).toBe(
      404,
    )
    const proposed = await market.post(`/requests/${request.code}/proposal`, PROPOSAL_FORM, {
      cookie: tutorCookie,
    })
    expect(proposed.status).toBe(404)
    expect((await market.get(`/requests/${request.code}`, { cookie: plumberCookie })).status).toBe(
      200,
    )
  })
})

describe('proposing', () => {
  it('sends one proposal, then revises it, and the buyer compares it', async () => {
    const request = postTestRequest(market, buyer)
    const first = await market.post(`/requests/${request.code}/proposal`, PROPOSAL_FORM, {
      cookie: plumberCookie,
    })
    expect(first.status).toBe(303)
    // The same form sent twice (a double tap) changes nothing; the form that changes it does.
    const twice = await market.post(
      `/requests/${request.code}/proposal`,
      { ...PROPOSAL_FORM, price: '600' },
      { cookie: plumberCookie },
    )
    expect(await flashAfter(market, twice, plumberCookie)).toContain(
      'You have already sent a proposal',
    )
    expect(market.db.select().from(proposals).all()).toMatchObject([{ price: 65_000 }])
    const again = await market.post(
      `/requests/${request.code}/proposal`,
      { ...PROPOSAL_FORM, price: '600', revise: '1' },
      { cookie: plumberCookie },
    )
    expect(again.status).toBe(303)
    expect(market.db.select().from(proposals).all()).toMatchObject([{ price: 60_000 }])

    const own = await page(await market.get(`/requests/${request.code}`, { cookie: plumberCookie }))
    expect(own.querySelector('#field-price')?.getAttribute('value')).toBe('600.00')
    expect(own.querySelector('input[name=revise]')?.getAttribute('value')).toBe('1')
    expect(own.body.textContent).toContain('Withdraw your proposal')

    const compared = await page(
      await market.get(`/requests/${request.code}`, { cookie: buyerCookie }),
    )
    expect(compared.querySelector('#proposals-heading')?.textContent).toBe('Proposals (1)')
    const card = compared.querySelector('.proposal')
    expect(card?.textContent).toContain('Lamin Plumbing')
    expect(card?.textContent).toContain('Thu 26 Nov')
    expect(card?.querySelector('a[href$="/accept"]')?.textContent).toBe('Accept')
    const message = card?.querySelector(`a[href*="request=${request.code}"]`)
    expect(message?.textContent).toBe('Message Lamin Plumbing')
  })

  it('refuses a proposal with bad input beside the fields, on one’s own request, and on a closed one', async () => {
    const request = postTestRequest(market, buyer)
    const bad = await market.post(
      `/requests/${request.code}/proposal`,
      { unitId: '0', price: '', visitOn: '2020-01-01', message: '' },
      { cookie: plumberCookie },
    )
    expect(bad.status).toBe(422)
    const form = await page(bad)
    expect(fieldError(form, 'price')).toBe('Give your price, or choose one of your packages.')
    expect(fieldError(form, 'visitOn')).toContain('That day has passed')
    expect(fieldError(form, 'message')).toContain('Write to the buyer')

    const ownRequest = postTestRequest(market, plumber.owner)
    const own = await market.post(`/requests/${ownRequest.code}/proposal`, PROPOSAL_FORM, {
      cookie: plumberCookie,
    })
    expect(own.status).toBe(303)
    await market.post(`/requests/${request.code}/withdraw`, {}, { cookie: buyerCookie })
    const closed = await market.post(`/requests/${request.code}/proposal`, PROPOSAL_FORM, {
      cookie: plumberCookie,
    })
    expect(closed.status).toBe(303)
    expect(market.db.select().from(proposals).all()).toEqual([])
  })

  it('asks before withdrawing, and leads a reloaded refused form back to the request', async () => {
    const request = postTestRequest(market, buyer)
    const asked = await page(
      await market.get(`/requests/${request.code}/withdraw`, { cookie: buyerCookie }),
    )
    expect(asked.querySelector('h1')?.textContent).toContain('Withdraw')
    expect(asked.querySelector(`form[action="/requests/${request.code}/withdraw"]`)).not.toBeNull()
    expect(
      (await market.get(`/requests/${request.code}/withdraw`, { cookie: plumberCookie })).status,
    ).toBe(404)
    const reloaded = await market.get(`/requests/${request.code}/proposal`, {
      cookie: plumberCookie,
    })
    expect(reloaded.headers.get('location')).toBe(`/requests/${request.code}#propose`)
  })

  it('lets only the buyer withdraw the request', async () => {
    const request = postTestRequest(market, buyer)
    const stranger = await market.post(
      `/requests/${request.code}/withdraw`,
      {},
      { cookie: plumberCookie },
    )
    expect(stranger.status).toBe(404)
    expect(market.db.select().from(serviceRequests).get()?.status).toBe('open')
  })
})

describe('hiring', () => {
  it('accepts a proposal into an order both sides can open', async () => {
    const request = postTestRequest(market, buyer)
    const proposal = proposeOn(market, plumber, request.code)
    if (!proposal.ok) throw new Error('refused')
    const path = `/requests/${request.code}/proposals/${proposal.proposal.id}/accept`
    const form = await page(await market.get(path, { cookie: buyerCookie }))
    expect(form.querySelector('h1')?.textContent).toBe('Hire Lamin Plumbing')

    const nothing = await page(await market.post(path, {}, { cookie: buyerCookie }))
    expect(fieldError(nothing, 'fulfilment')).toBe('Choose where it happens.')
    expect(fieldError(nothing, 'contactPhone')).toContain('Give a phone number')
    expect(fieldError(nothing, 'paymentMethod')).toBe('Choose how you pay.')
    const missing = await market.post(
      path,
      { fulfilment: 'customer', address: '', contactPhone: '0712 345 678', paymentMethod: 'cash' },
      { cookie: buyerCookie },
    )
    expect(missing.status).toBe(422)
    expect(fieldError(await page(missing), 'address')).toBe('Say where: the address for the visit.')

    const hired = await market.post(
      path,
      {
        fulfilment: 'customer',
        address: '12 Kairaba Avenue',
        contactPhone: '0712 345 678',
        paymentMethod: 'cash',
      },
      { cookie: buyerCookie },
    )
    expect(hired.status).toBe(303)
    const orderPath = hired.headers.get('location') ?? ''
    expect(orderPath).toMatch(/^\/orders\/[A-Z0-9]{10}$/)
    expect((await market.get(orderPath, { cookie: buyerCookie })).status).toBe(200)
    expect((await market.get(orderPath, { cookie: plumberCookie })).status).toBe(200)
    const after = await page(await market.get(`/requests/${request.code}`, { cookie: buyerCookie }))
    expect(after.querySelector('.status')?.textContent).toBe('Hired')
    expect(after.querySelector(`a[href="${orderPath}"]`)).not.toBeNull()
    const theirs = await page(
      await market.get(`/requests/${request.code}`, { cookie: plumberCookie }),
    )
    expect(theirs.querySelector(`a[href="${orderPath}"]`)?.textContent).toContain('Open order')
  })

  it('answers 404 for someone else’s request and a withdrawn proposal, and one of two accepts wins', async () => {
    const request = postTestRequest(market, buyer)
    const one = proposeOn(market, plumber, request.code)
    const fundi = await seedStore(market, { name: 'Ebrima Fundi' })
    seedListing(market.db, market, fundi, { title: 'Wiring', categoryId: 102 })
    const two = proposeOn(market, fundi, request.code)
    if (!one.ok || !two.ok) throw new Error('refused')
    const accept = (id: number) => `/requests/${request.code}/proposals/${id}/accept`
    const hireForm = {
      fulfilment: 'customer',
      address: '12 Kairaba Avenue',
      contactPhone: '0712 345 678',
      paymentMethod: 'cash',
    }
    const stranger = await market.post(accept(one.proposal.id), hireForm, {
      cookie: plumberCookie,
    })
    expect(stranger.status).toBe(404)
    await market.post(`/requests/${request.code}/proposal/withdraw`, {}, { cookie: plumberCookie })
    expect((await market.get(accept(one.proposal.id), { cookie: buyerCookie })).status).toBe(404)
    expect(market.db.select().from(orders).all()).toEqual([])

    proposeOn(market, plumber, request.code)
    const [first, second] = await Promise.all([
      market.post(accept(one.proposal.id), hireForm, { cookie: buyerCookie }),
      market.post(accept(two.proposal.id), hireForm, { cookie: buyerCookie }),
    ])
    const locations = [first, second].map((response) => response.headers.get('location') ?? '')
    expect(locations.filter((location) => location.startsWith('/orders/'))).toHaveLength(1)
    expect(market.db.select().from(orders).all()).toHaveLength(1)
  })

  it('lists the buyer’s own requests', async () => {
    postTestRequest(market, buyer, { title: 'Paint the gate' })
    const taps = postTestRequest(market, buyer, { title: 'Fix two taps' })
    proposeOn(market, plumber, taps.code)
    const mine = await page(await market.get('/requests/mine', { cookie: buyerCookie }))
    const rows = [...mine.querySelectorAll('.own-requests > li')].map((row) => row.textContent)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('Fix two taps')
    expect(rows[0]).toContain('1 proposal')
    expect(rows[1]).toContain('Paint the gate')
    expect(rows[1]).toContain('No proposals yet')
    const theirs = await page(await market.get('/requests/mine', { cookie: plumberCookie }))
    expect(theirs.querySelector('.own-requests')).toBeNull()
  })
})
