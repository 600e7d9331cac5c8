import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  listingUnits,
  notifications,
  orderEvents,
  orders,
  proposals,
  serviceRequests,
} from '../../../db/schema'
import { DAY } from '../../lib/clock'
import { createMember, createOpenMarket, type TestMarket } from '../../test/app'
import { seedListing, seedStore, type TestStore } from '../../test/listings'
import { hire, postTestRequest, proposeOn } from '../../test/requests'
import type { Member } from '../member'
import { propose, withdrawProposal } from './proposal'
import { expireRequests, findRequestFor, withdrawRequest } from './request'

let market: TestMarket
let buyer: Member
let plumber: TestStore
let fundi: TestStore
let tutor: TestStore

beforeEach(async () => {
  market = await createOpenMarket()
  buyer = await createMember(market, { displayName: 'Isatou' })
  plumber = await seedStore(market, { name: 'Lamin Plumbing' })
  seedListing(market.db, market, plumber, { title: 'Tap repair', categoryId: 101 })
  fundi = await seedStore(market, { name: 'Ebrima Fundi' })
  // Electrical is in the same top category (home repairs) as plumbing.
  seedListing(market.db, market, fundi, { title: 'Wiring', categoryId: 102 })
  tutor = await seedStore(market, { name: 'Awa Tutoring' })
  seedListing(market.db, market, tutor, { title: 'Maths lessons', categoryId: 111 })
})
afterEach(() => market.cleanup())

const notesOf = (member: Member) =>
  market.db.select().from(notifications).where(eq(notifications.memberId, member.id)).all()

describe('posting a request', () => {
  it('tells the providers who sell in its top category, and no one else', () => {
    const request = postTestRequest(market, buyer)
    expect(request).toMatchObject({ status: 'open', budgetMin: 50_000, budgetMax: 80_000 })
    expect(request.expiresAt).toEqual(new Date(market.clock.now().getTime() + 14 * DAY))
    expect(notesOf(plumber.owner).map((note) => note.kind)).toEqual(['request.posted'])
    expect(notesOf(fundi.owner).map((note) => note.kind)).toEqual(['request.posted'])
    expect(notesOf(tutor.owner)).toEqual([])
    expect(notesOf(buyer)).toEqual([])
  })

  it('takes at most five requests from a member in a day', () => {
    for (let n = 1; n <= 5; n += 1) postTestRequest(market, buyer, { title: `Job ${n}` })
    expect(() => postTestRequest(market, buyer)).toThrow('too_many')
    market.clock.advance(DAY)
    expect(postTestRequest(market, buyer).status).toBe('open')
  })

  it('shows a category-only request to its buyer, its providers and operators, and no one else', async () => {
    const request = postTestRequest(market, buyer, { visibility: 'category' })
    const now = market.clock.now()
    const stranger = await createMember(market)
    expect(findRequestFor(market.db, buyer, request.code, now)).toBeDefined()
    expect(findRequestFor(market.db, fundi.owner, request.code, now)).toBeDefined()
    expect(findRequestFor(market.db, tutor.owner, request.code, now)).toBeUndefined()
    expect(findRequestFor(market.db, stranger, request.code, now)).toBeUndefined()
    expect(findRequestFor(market.db, null, request.code, now)).toBeUndefined()
    const everyone = postTestRequest(market, buyer)
    expect(findRequestFor(market.db, null, everyone.code, now)).toBeDefined()
  })
})

describe('proposing', () => {
  it('takes one proposal per store, revised in place, and tells the buyer each time', () => {
    const request = postTestRequest(market, buyer)
    const first = proposeOn(market, plumber, request.code)
    expect(first).toMatchObject({ ok: true, revised: false })
    const twice = proposeOn(market, plumber, request.code, { price: 55_000 })
    expect(twice).toEqual({ ok: false, reason: 'already_proposed' })
    const again = proposeOn(market, plumber, request.code, { price: 55_000, revise: true })
    expect(again).toMatchObject({ ok: true, revised: true })
    const rows = market.db.select().from(proposals).all()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ price: 55_000, status: 'active' })
    // One note, freshened: the buyer's bell is not a list of revisions.
    expect(notesOf(buyer).map((note) => note.kind)).toEqual(['proposal.received'])
  })

  it('refuses one’s own request, a member without a store, a closed request and a stranger’s package', async () => {
    const request = postTestRequest(market, buyer)
    const ownStore = await seedStore(market, { name: 'Own' })
    const own = postTestRequest(market, ownStore.owner)
    expect(proposeOn(market, ownStore, own.code)).toEqual({ ok: false, reason: 'own_request' })
    const noStore = await createMember(market)
    const input = { unitId: 0, revise: false, price: 1, visitOn: '2026-11-25', message: 'Hello' }
    expect(propose(market, noStore, undefined, request.code, input)).toEqual({
      ok: false,
      reason: 'no_store',
    })
    const stranger = seedListing(market.db, market, tutor, { title: 'Algebra', categoryId: 111 })
    const theirPackage = market.db
      .select()
      .from(listingUnits)
      .where(eq(listingUnits.listingId, stranger.id))
      .get()
    const refused = proposeOn(market, plumber, request.code, { unitId: theirPackage?.id ?? -1 })
    expect(refused).toEqual({ ok: false, reason: 'package' })
    withdrawRequest(market, buyer, request.code)
    expect(proposeOn(market, plumber, request.code)).toEqual({ ok: false, reason: 'closed' })
    expect(market.db.select().from(proposals).all()).toEqual([])
  })

  it('prices a package as the store sells it and names it', () => {
    const request = postTestRequest(market, buyer)
    const unit = market.db.select().from(listingUnits).where(eq(listingUnits.kind, 'package')).get()
    if (!unit) throw new Error('no package')
    const proposed = proposeOn(market, plumber, request.code, { unitId: unit.id, price: null })
    expect(proposed.ok && proposed.proposal).toMatchObject({
      price: 50_000,
      unitId: unit.id,
      packageName: 'Tap repair · Standard',
    })
  })

  it('lets a store withdraw and send again', () => {
    const request = postTestRequest(market, buyer)
    proposeOn(market, plumber, request.code)
    expect(withdrawProposal(market, plumber.store, request.code)).toEqual({ ok: true })
    expect(withdrawProposal(market, plumber.store, request.code)).toEqual({
      ok: false,
      reason: 'closed',
    })
    // Sent again after withdrawing: a new proposal as far as the buyer is concerned.
    expect(proposeOn(market, plumber, request.code)).toMatchObject({ ok: true, revised: false })
  })
})

describe('hiring', () => {
  it('turns the proposal into an accepted service order and declines the others politely', () => {
    const request = postTestRequest(market, buyer)
    const chosen = proposeOn(market, plumber, request.code)
    proposeOn(market, fundi, request.code, { price: 70_000 })
    if (!chosen.ok) throw new Error('proposal refused')
    const hired = hire(market, buyer, { code: request.code, proposalId: chosen.proposal.id })
    if (!hired.ok) throw new Error(JSON.stringify(hired))
    expect(hired.order).toMatchObject({
      kind: 'service',
      status: 'accepted',
      storeId: plumber.store.id,
      total: 60_000,
      fulfilment: 'customer',
      address: '12 Kairaba Avenue',
    })
    const steps = market.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, hired.order.id))
      .all()
    expect(steps.map((step) => step.toStatus)).toEqual(['placed', 'accepted'])
    expect(steps[1]).toMatchObject({
      actor: 'provider',
      actorId: plumber.owner.id,
      note: 'Hired through the request “Fix a leaking kitchen tap”, as proposed: on Wednesday 25 November.',
    })
    expect(market.db.select().from(serviceRequests).get()).toMatchObject({
      status: 'hired',
      hiredProposalId: chosen.proposal.id,
    })
    const statuses = market.db.select().from(proposals).orderBy(proposals.id).all()
    expect(statuses.map((row) => row.status)).toEqual(['accepted', 'declined'])
    expect(notesOf(fundi.owner).map((note) => note.kind)).toContain('request.closed')
    expect(notesOf(plumber.owner).map((note) => note.kind)).toContain('order.placed')

    const again = hire(market, buyer, { code: request.code, proposalId: chosen.proposal.id })
    expect(again).toMatchObject({ ok: true, repeated: true, order: { id: hired.order.id } })
  })

  it('lets exactly one of two accepts win', () => {
    const request = postTestRequest(market, buyer)
    const one = proposeOn(market, plumber, request.code)
    const two = proposeOn(market, fundi, request.code)
    if (!one.ok || !two.ok) throw new Error('proposal refused')
    const first = hire(market, buyer, { code: request.code, proposalId: one.proposal.id })
    const second = hire(market, buyer, { code: request.code, proposalId: two.proposal.id })
    expect(first.ok).toBe(true)
    expect(second).toEqual({ ok: false, reason: 'closed' })
    expect(market.db.select().from(orders).all()).toHaveLength(1)
  })

  it('refuses someone else’s request, a withdrawn proposal, and a place the request did not ask for', async () => {
    const request = postTestRequest(market, buyer, { place: 'online' })
    const proposed = proposeOn(market, plumber, request.code)
    if (!proposed.ok) throw new Error('proposal refused')
    const which = { code: request.code, proposalId: proposed.proposal.id }
    expect(hire(market, await createMember(market), which)).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect(hire(market, buyer, which)).toEqual({
      ok: false,
      reason: 'invalid',
      problems: ['fulfilment'],
    })
    withdrawProposal(market, plumber.store, request.code)
    expect(hire(market, buyer, { ...which })).toEqual({ ok: false, reason: 'closed' })
    expect(market.db.select().from(orders).all()).toEqual([])
  })
})

describe('closing', () => {
  it('reads as expired the moment its time is up, and the job writes it down and tells proposers', () => {
    const request = postTestRequest(market, buyer, { openForDays: 7 })
    proposeOn(market, plumber, request.code)
    market.clock.advance(7 * DAY)
    expect(findRequestFor(market.db, buyer, request.code, market.clock.now())?.statusNow).toBe(
      'expired',
    )
    expect(proposeOn(market, fundi, request.code)).toEqual({ ok: false, reason: 'closed' })
    expect(expireRequests(market)).toBe(1)
    expect(expireRequests(market)).toBe(0)
    expect(market.db.select().from(serviceRequests).get()?.status).toBe('expired')
    expect(notesOf(plumber.owner).map((note) => note.kind)).toContain('request.closed')
  })

  it('withdraws only the buyer’s own open request', async () => {
    const request = postTestRequest(market, buyer)
    expect(withdrawRequest(market, await createMember(market), request.code)).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect(withdrawRequest(market, buyer, request.code)).toEqual({ ok: true })
    expect(withdrawRequest(market, buyer, request.code)).toEqual({ ok: false, reason: 'closed' })
  })
})
