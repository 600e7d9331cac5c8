// Test support: requests and proposals made through the models, as the forms would make them.
import type { Member } from '../models/member'
import { acceptProposal, type HireInput } from '../models/request/hiring'
import { propose } from '../models/request/proposal'
import { postRequest } from '../models/request/request'
import type { ProposalInput, RequestInput } from '../models/request/request-input'
import { findSite } from '../models/site'
import type { TestMarket } from './app'
import type { TestStore } from './listings'

/** A plumbing job at the buyer's place in Tanji, budget 500–800, open a fortnight. */
export function postTestRequest(
  market: TestMarket,
  buyer: Member,
  fields: Partial<RequestInput> = {},
) {
  const posted = postRequest(
    market,
    buyer,
    {
      title: 'Fix a leaking kitchen tap',
      description: 'The tap drips all night; the washer may be gone.',
      categoryId: 101,
      budgetMin: 50_000,
      budgetMax: 80_000,
      place: 'customer',
      area: 'Tanji',
      neededBy: null,
      visibility: 'everyone',
      openForDays: 14,
      ...fields,
    },
    [],
  )
  if (!posted.ok) throw new Error(`the request was refused: ${posted.reason}`)
  return posted.request
}

/** The store's proposal on the request: a fixed 600.00, for Wednesday 25 November. */
export function proposeOn(
  market: TestMarket,
  seller: TestStore,
  code: string,
  fields: Partial<ProposalInput> = {},
) {
  return propose(market, seller.owner, seller.store, code, {
    unitId: 0,
    revise: false,
    price: 60_000,
    visitOn: '2026-11-25',
    message: 'I can come Wednesday morning with a new washer.',
    ...fields,
  })
}

/** The buyer hires the proposal: at their place, cash, with a phone. */
export function hire(
  market: TestMarket,
  buyer: Member,
  which: { code: string; proposalId: number },
  fields: Partial<HireInput> = {},
) {
  const site = findSite(market.db)
  if (!site) throw new Error('the market is not set up')
  return acceptProposal(market, site, buyer, which, {
    fulfilment: 'customer',
    address: '12 Kairaba Avenue',
    contactPhone: '0712 345 678',
    paymentMethod: 'cash',
    note: '',
    ...fields,
  })
}
