import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseHTML } from 'linkedom'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { seedListing, seedStore } from '../test/listings'
import { postTestRequest, proposeOn } from '../test/requests'
import { withdrawProposal } from '../models/request/proposal'
import { REQUEST_CHANGED } from '../models/request/request'
import { findSite } from '../models/site'
import { memberTopic } from './bus'
import { renderEvent } from './fragments'

let market: TestMarket
beforeEach(async () => {
  market = await createOpenMarket()
})
afterEach(() => market.cleanup())

describe('the buyer’s open request page', () => {
  it('shows a proposal come and go in place, and only to its buyer on that page', async () => {
    const buyer = await createMember(market, { displayName: 'Isatou' })
    const plumber = await seedStore(market, { name: 'Lamin Plumbing' })
    seedListing(market.db, market, plumber, { title: 'Tap repair', categoryId: 101 })
    const request = postTestRequest(market, buyer)
    proposeOn(market, plumber, request.code)
    const told = () =>
      market.bus.published.filter(
        (item) => item.topic === memberTopic(buyer.id) && item.event.type === REQUEST_CHANGED,
      )
    expect(told()).toHaveLength(1)

    const site = findSite(market.db)
    if (!site) throw new Error('no site')
    const event = told()[0]!.event
    const viewer = { db: market.db, clock: market.clock, site, member: buyer }
    const html = await renderEvent({ ...viewer, page: `request:${request.code}` }, event)
    const { document } = parseHTML(`<div>${html}</div>`)
    const section = document.querySelector('#proposals')
    expect(section?.getAttribute('data-hx-swap-oob')).toBe('true')
    expect(section?.querySelector('h2')?.textContent).toBe('Proposals (1)')
    expect(section?.textContent).toContain('Lamin Plumbing')

    // Another page of the buyer's, or the request page of someone else, is sent nothing.
    expect(await renderEvent({ ...viewer, page: 'orders' }, event)).toBe('')
    expect(
      await renderEvent(
        { ...viewer, member: plumber.owner, page: `request:${request.code}` },
        event,
      ),
    ).toBe('')

    withdrawProposal(market, plumber.store, request.code)
    expect(told()).toHaveLength(2)
    const after = await renderEvent(
      { ...viewer, page: `request:${request.code}` },
      told()[1]!.event,
    )
    expect(after).toContain('Proposals (0)')
  })
})
