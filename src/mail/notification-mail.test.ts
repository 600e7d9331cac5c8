import { eq, inArray } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jobs, mails, members } from '../../db/schema'
import { HOUR, MINUTE } from '../lib/clock'
import { formatMoney } from '../lib/money'
import { findConversationBetween } from '../models/conversation'
import { recordOrderPayment, recordPayout, releaseOrderToStore } from '../models/ledger'
import { unitsOnSale } from '../models/listing/units'
import { turnMailOff } from '../models/mail-preferences'
import { findSessionMember } from '../models/member'
import { enqueueJob } from '../jobs/queue'
import {
  markSubjectRead,
  MESSAGES_DIGEST_WINDOW,
  NOTIFICATION_MAIL_DELAY,
  REQUESTS_DIGEST_JOB,
  REQUESTS_DIGEST_WINDOW,
} from '../models/notification'
import { requestSubject, withdrawRequest } from '../models/request/request'
import { createMember, createOpenMarket, ORIGIN, type TestMarket } from '../test/app'
import { buy } from '../test/checkout'
import { seedListing, seedStore, type TestStore } from '../test/listings'
import { bookTime, seedBookableService } from '../test/bookings'
import { insertTestOrder } from '../test/orders'
import { hire, postTestRequest, proposeOn } from '../test/requests'
import { linkIn, startMailServer, textOf } from '../test/mail-server'
import { STALE_AFTER } from './notification-mail'

// Requests in tests come from ORIGIN, and the CSRF check compares it with PUBLIC_URL.
const PUBLIC_URL = ORIGIN

let mailServer: Awaited<ReturnType<typeof startMailServer>>
let market: TestMarket
let bakery: TestStore
let buyerId: number
let buyer: string
let provider: string

beforeEach(async () => {
  mailServer = await startMailServer()
  market = await createOpenMarket({
    smtpUrl: mailServer.url,
    mailFrom: 'market@tanji.example',
    publicUrl: PUBLIC_URL,
  })
  bakery = await seedStore(market, { name: 'Fatou Bakes' })
  buyerId = (await createMember(market, { displayName: 'Isatou', email: 'isatou@example.com' })).id
  buyer = await market.signIn('isatou@example.com')
  provider = await market.signIn(bakery.owner.email)
  verify(buyerId, bakery.owner.id)
})
afterEach(async () => {
  market.cleanup()
  await mailServer.close()
})

/**
 * Notification mail goes only to verified addresses, and members made by createMember have not
 * verified theirs (signUpMember leaves emailVerifiedAt empty until the link in the mail is
 * followed): mark them verified as following that link would.
 */
function verify(...ids: number[]) {
  market.db
    .update(members)
    .set({ emailVerifiedAt: market.clock.now() })
    .where(inArray(members.id, ids))
    .run()
}

function unverify(id: number) {
  market.db.update(members).set({ emailVerifiedAt: null }).where(eq(members.id, id)).run()
}

async function placeOrder() {
  const loaf = seedListing(market.db, market, bakery, {
    title: 'Sourdough loaf',
    kind: 'product',
    price: 7500,
    stock: 5,
    pickup: true,
  })
  return buy(market, buyer, unitsOnSale(market.db, [loaf.id])[0]!.id, 2, {
    'orders.0.fulfilment': 'pickup',
  })
}

async function step(code: string, action: string, status: string, cookie = provider, reason = '') {
  const response = await market.post(
    `/orders/${code}/steps`,
    { action, status, ...(reason ? { reason } : {}) },
    { cookie },
  )
  expect(response.status, `${action} from ${status}`).toBe(303)
}

/** Lets the clock pass `ms` and runs every job due by then, as the server's worker would. */
async function later(ms: number) {
  market.clock.advance(ms)
  await market.jobs.runJobs()
}

const sentTo = (email: string) => mailServer.received.filter((mail) => mail.to.includes(email))

describe('mail about orders', () => {
  it('tells the verified provider of a new order a little later, with a link and one-click unsubscribe', async () => {
    const code = await placeOrder()
    await market.jobs.runJobs()
    expect(mailServer.received, 'not before the burst had time to settle').toHaveLength(0)

    await later(NOTIFICATION_MAIL_DELAY)
    expect(mailServer.received).toHaveLength(1)
    const [mail] = sentTo(bakery.owner.email)
    expect(mail!.headers.get('subject')).toEqual([`New order ${code} from Isatou`])
    expect(mail!.headers.get('from')).toEqual(['Tanji Market <market@tanji.example>'])
    const text = textOf(mail!)
    expect(text).toContain('2 × Sourdough loaf')
    expect(text).toContain(`${PUBLIC_URL}/orders/${code}`)
    const { unsubscribeToken } = market.db
      .select({ unsubscribeToken: members.unsubscribeToken })
      .from(members)
      .where(eq(members.id, bakery.owner.id))
      .get()!
    expect(mail!.headers.get('list-unsubscribe')).toEqual([
      `<${PUBLIC_URL}/unsubscribe/${unsubscribeToken}/new_order>`,
    ])
    expect(mail!.headers.get('list-unsubscribe-post')).toEqual(['List-Unsubscribe=One-Click'])
    expect(linkIn(mail!, '/unsubscribe/')).toBe(`/unsubscribe/${unsubscribeToken}/new_order`)
    expect(market.db.select({ kind: mails.kind }).from(mails).all()).toEqual([
      { kind: 'new_order' },
    ])

    // Run again (a job taken back after a crash): still one mail.
    market.db.update(jobs).set({ state: 'queued' }).run()
    await market.jobs.runJobs()
    expect(mailServer.received).toHaveLength(1)
  })

  it('tells the provider when a booking is for, and the buyer when it is confirmed', async () => {
    const service = seedBookableService(market, bakery, { title: 'Cake decorating class' })
    const buyerMember = findSessionMember(market.db, buyerId)!
    const booked = bookTime(market, buyerMember, service, new Date('2026-11-24T10:00:00Z'))
    if (!booked.ok) throw new Error('not booked')
    const code = booked.order.code
    await later(NOTIFICATION_MAIL_DELAY)
    const [request] = sentTo(bakery.owner.email)
    expect(request!.headers.get('subject')).toEqual([`Booking ${code} from Isatou`])
    expect(textOf(request!)).toContain(
      'Isatou booked 1 × Cake decorating class (Standard) with Fatou Bakes for Tuesday 24 November at 10:00.',
    )
    await step(code, 'accept', 'placed')
    await later(NOTIFICATION_MAIL_DELAY)
    const [confirmed] = sentTo('isatou@example.com')
    expect(confirmed!.headers.get('subject')).toEqual([`Booking ${code}: Confirmed`])
    expect(textOf(confirmed!)).toContain(
      `Your order ${code} from Fatou Bakes for Tuesday 24 November at 10:00: confirmed.`,
    )
  })

  it('tells a store hired through its proposal that the order is accepted already, not to accept it', async () => {
    seedListing(market.db, market, bakery, { title: 'Tap repair', categoryId: 101 })
    const isatou = market.db.select().from(members).where(eq(members.id, buyerId)).get()!
    const request = postTestRequest(market, isatou, { title: 'Fix a leaking kitchen tap' })
    const proposed = proposeOn(market, bakery, request.code)
    if (!proposed.ok) throw new Error('the proposal was refused')
    const hired = hire(market, isatou, { code: request.code, proposalId: proposed.proposal.id })
    if (!hired.ok) throw new Error('the hire was refused')
    await later(NOTIFICATION_MAIL_DELAY)
    const mail = sentTo(bakery.owner.email).find((one) =>
      one.headers.get('subject')?.[0]?.startsWith('New order'),
    )
    const text = textOf(mail!)
    expect(text).toContain(
      'Isatou placed an order with Fatou Bakes: 1 × Fix a leaking kitchen tap.',
    )
    expect(text).not.toContain('Accept or decline it')
    expect(text).toContain(
      'Isatou hired you through your proposal on their request, so it is accepted already: start the work on the day you proposed.',
    )
  })

  it('mails nothing about news a day old: a market back from a long outage stays quiet', async () => {
    await placeOrder()
    await later(STALE_AFTER + NOTIFICATION_MAIL_DELAY + 1)
    expect(mailServer.received).toHaveLength(0)
  })

  it('mails nobody whose address is not verified, and the job ends without an error', async () => {
    unverify(bakery.owner.id)
    await placeOrder()
    await later(NOTIFICATION_MAIL_DELAY)
    expect(mailServer.received).toHaveLength(0)
    expect(market.db.select({ state: jobs.state }).from(jobs).all()).not.toContainEqual({
      state: 'queued',
    })
  })

  it('mails nobody who turned that kind off, and still sends the kinds left on', async () => {
    turnMailOff(market.db, market.clock, bakery.owner.id, 'new_order')
    const code = await placeOrder()
    await later(NOTIFICATION_MAIL_DELAY)
    expect(mailServer.received).toHaveLength(0)

    await step(code, 'accept', 'placed')
    await step(code, 'dispute', 'accepted', buyer, 'The loaves were stale')
    await later(NOTIFICATION_MAIL_DELAY)
    expect(sentTo(bakery.owner.email).map((mail) => mail.headers.get('subject'))).toEqual([
      [`Dispute opened on order ${code}`],
    ])
    expect(textOf(sentTo(bakery.owner.email)[0]!)).toContain('They wrote: “The loaves were stale”')
  })

  it('tells the buyer when the store accepts and when it is delivered, one mail each', async () => {
    const code = await placeOrder()
    await step(code, 'accept', 'placed')
    await later(NOTIFICATION_MAIL_DELAY)
    await step(code, 'mark_ready', 'accepted')
    await later(NOTIFICATION_MAIL_DELAY)
    await step(code, 'mark_delivered', 'ready_for_pickup')
    await later(NOTIFICATION_MAIL_DELAY)

    const toBuyer = sentTo('isatou@example.com')
    expect(toBuyer.map((mail) => mail.headers.get('subject')![0])).toEqual([
      `Order ${code}: Accepted`,
      `Order ${code}: Ready for pickup`,
      `Order ${code}: Delivered`,
    ])
    expect(textOf(toBuyer[0]!)).toContain(`Your order ${code} from Fatou Bakes: accepted.`)
    expect(toBuyer[0]!.headers.get('list-unsubscribe')![0]).toMatch(/\/order_updates>$/)
    expect(
      market.db
        .select({ kind: mails.kind })
        .from(mails)
        .where(eq(mails.to, 'isatou@example.com'))
        .all(),
    ).toEqual([{ kind: 'order_updates' }, { kind: 'order_updates' }, { kind: 'order_updates' }])
  })

  it('sends one mail for a burst of steps on one order: the last one', async () => {
    const code = await placeOrder()
    await step(code, 'accept', 'placed')
    market.clock.advance(MINUTE)
    await step(code, 'mark_ready', 'accepted')
    await later(NOTIFICATION_MAIL_DELAY)
    await later(NOTIFICATION_MAIL_DELAY)
    expect(sentTo('isatou@example.com').map((mail) => mail.headers.get('subject'))).toEqual([
      [`Order ${code}: Ready for pickup`],
    ])
  })

  it('tells the store of a new order cancelled before its mail went only that it was cancelled', async () => {
    const code = await placeOrder()
    market.clock.advance(MINUTE)
    await step(code, 'cancel', 'placed', buyer, 'Ordered the wrong loaf')
    await later(NOTIFICATION_MAIL_DELAY)
    expect(sentTo(bakery.owner.email).map((mail) => mail.headers.get('subject'))).toEqual([
      [`Order ${code}: Cancelled`],
    ])
    expect(textOf(sentTo(bakery.owner.email)[0]!)).toContain('They wrote: “Ordered the wrong loaf”')
  })

  it('sends nothing about a note the member read before its mail was due', async () => {
    const code = await placeOrder()
    await step(code, 'accept', 'placed')
    // The buyer is on the market and opens the order: they have seen it.
    expect((await market.get(`/orders/${code}`, { cookie: buyer })).status).toBe(200)
    await later(NOTIFICATION_MAIL_DELAY)
    expect(sentTo('isatou@example.com')).toHaveLength(0)
    expect(sentTo(bakery.owner.email)).toHaveLength(1)
  })

  it('tells a verified operator of a dispute, theirs to decide', async () => {
    const operator = market.db.select().from(members).where(eq(members.role, 'operator')).get()!
    verify(operator.id)
    const code = await placeOrder()
    await step(code, 'accept', 'placed')
    await step(code, 'dispute', 'accepted', buyer, 'Never ready')
    await later(NOTIFICATION_MAIL_DELAY)
    const [mail] = sentTo(operator.email)
    expect(mail?.headers.get('subject')).toEqual([`Dispute opened on order ${code}`])
    expect(textOf(mail!)).toContain('It is for you, as the market’s operator, to decide')
  })

  it('keeps a display name typed with a line break from adding a header', async () => {
    market.db
      .update(members)
      .set({ displayName: 'Isatou\r\nBcc: everyone@example.com' })
      .where(eq(members.id, buyerId))
      .run()
    const code = await placeOrder()
    await later(NOTIFICATION_MAIL_DELAY)
    const [mail] = mailServer.received
    expect(mail!.to).toEqual([bakery.owner.email])
    expect(mail!.headers.has('bcc')).toBe(false)
    expect(mail!.headers.get('subject')).toEqual([
      `New order ${code} from Isatou Bcc: everyone@example.com`,
    ])
  })
})

describe('mail about payouts', () => {
  it('tells the store’s owner a payout was recorded, with a link to the balance', async () => {
    const order = insertTestOrder(market.db, {
      buyerId,
      storeId: bakery.store.id,
      subtotal: 50_000,
      currency: 'GMD',
    })
    market.db.transaction((tx) => {
      recordOrderPayment(tx, order, { reference: '', recordedBy: null, at: market.clock.now() })
      releaseOrderToStore(tx, order, { at: market.clock.now() })
    })
    const operator = market.db.select().from(members).where(eq(members.role, 'operator')).get()!
    const paid = recordPayout(
      market.db,
      findSessionMember(market.db, operator.id)!,
      bakery.store.id,
      20_000,
      'Cash, receipt 12',
      market.clock.now(),
    )
    expect(paid.ok).toBe(true)
    await later(NOTIFICATION_MAIL_DELAY)
    const [mail] = sentTo(bakery.owner.email)
    const text = textOf(mail!)
    // Intl puts a no-break space in the amount, so the subject travels encoded: read the text.
    const amount = formatMoney({ amount: 20_000, currency: 'GMD' }, 'en-GB')
    expect(text).toContain(`Tanji Market recorded a payout of ${amount} to your store.`)
    expect(text).toContain('Reference: Cash, receipt 12')
    expect(text).toContain(`${PUBLIC_URL}/stores/${bakery.store.slug}/balance`)
  })
})

describe('mail about messages', () => {
  async function write(body: string) {
    const response = await market.post(
      '/conversations',
      { to: String(bakery.owner.id), body },
      { cookie: buyer },
    )
    expect(response.status).toBe(303)
  }

  it('gathers messages that wait unread into one mail after a while', async () => {
    await write('Is the sourdough fresh today?')
    market.clock.advance(MINUTE)
    await write('I would take two.')
    market.clock.advance(MINUTE)
    await write('And a jar of honey.')
    await later(MESSAGES_DIGEST_WINDOW - 2 * MINUTE - 1)
    expect(mailServer.received, 'not before the window closed').toHaveLength(0)

    await later(1)
    expect(mailServer.received).toHaveLength(1)
    const [mail] = sentTo(bakery.owner.email)
    expect(mail!.headers.get('subject')).toEqual(['You have 3 unread messages from Isatou'])
    expect(textOf(mail!)).toContain(`Read your messages:\n${PUBLIC_URL}/conversations`)
    expect(mail!.headers.get('list-unsubscribe')![0]).toMatch(/\/messages>$/)

    // The next message opens a new window: one more mail, counting all that still wait.
    await write('Are you there?')
    await later(MESSAGES_DIGEST_WINDOW)
    expect(sentTo(bakery.owner.email).map((one) => one.headers.get('subject'))).toEqual([
      ['You have 3 unread messages from Isatou'],
      ['You have 4 unread messages from Isatou'],
    ])
  })

  it('sends nothing when the messages were read before the window closed', async () => {
    await write('Is the sourdough fresh today?')
    await write('I would take two.')
    const { code } = findConversationBetween(market.db, buyerId, bakery.owner.id)!
    expect((await market.get(`/conversations/${code}`, { cookie: provider })).status).toBe(200)
    await later(MESSAGES_DIGEST_WINDOW)
    expect(mailServer.received).toHaveLength(0)
  })

  it('sends nothing to a member who turned message mail off', async () => {
    turnMailOff(market.db, market.clock, bakery.owner.id, 'messages')
    await write('Is the sourdough fresh today?')
    await later(MESSAGES_DIGEST_WINDOW)
    expect(mailServer.received).toHaveLength(0)
  })
})

describe('mail about new requests', () => {
  let plumber: TestStore
  const isatou = () => market.db.select().from(members).where(eq(members.id, buyerId)).get()!
  const money = (amount: number) => formatMoney({ amount, currency: 'GMD' }, 'en-GB')
  /** The subjects mailed to the plumber, as the outbox has them (the wire encodes “quotes”). */
  const subjects = () =>
    market.db
      .select({ subject: mails.subject })
      .from(mails)
      .where(eq(mails.memberId, plumber.owner.id))
      .all()
      .map((mail) => mail.subject)

  beforeEach(async () => {
    plumber = await seedStore(market, { name: 'Lamin Plumbing' })
    seedListing(market.db, market, plumber, { title: 'Tap repair', categoryId: 101 })
    verify(plumber.owner.id)
  })

  it('lists the new requests still open in one mail a while after the first, with a link to the requests', async () => {
    postTestRequest(market, isatou())
    market.clock.advance(HOUR)
    postTestRequest(market, isatou(), {
      title: 'Rewire the kitchen',
      categoryId: 102,
      budgetMin: null,
      budgetMax: null,
    })
    const withdrawn = postTestRequest(market, isatou(), { title: 'Unblock the sink' })
    expect(withdrawRequest(market, isatou(), withdrawn.code)).toEqual({ ok: true })
    await later(REQUESTS_DIGEST_WINDOW - HOUR - 1)
    expect(mailServer.received, 'not before the window closed').toHaveLength(0)

    await later(1)
    expect(subjects()).toEqual(['2 new requests in what you sell'])
    const [mail] = sentTo(plumber.owner.email)
    const text = textOf(mail!)
    expect(text).toContain(
      `“Fix a leaking kitchen tap” — Plumbing · ${money(50_000)} – ${money(80_000)}`,
    )
    expect(text).toContain('“Rewire the kitchen” — Electrical · Budget open\n')
    expect(text).not.toContain('Unblock the sink')
    expect(text).toContain(`See open requests:\n${PUBLIC_URL}/requests\n`)
    expect(mail!.headers.get('list-unsubscribe')![0]).toMatch(/\/requests>$/)
    expect(market.db.select({ kind: mails.kind }).from(mails).all()).toEqual([{ kind: 'requests' }])
    // The buyer hears of her own requests in no digest.
    expect(sentTo('isatou@example.com')).toHaveLength(0)

    // Run again with nothing newer (a retried job, say): the same list is not mailed twice.
    enqueueJob(market.db, market.clock, {
      type: REQUESTS_DIGEST_JOB,
      payload: { memberId: plumber.owner.id },
    })
    await later(MINUTE)
    expect(subjects()).toHaveLength(1)

    // The next request opens the next window: one more mail, listing what is still open unread.
    postTestRequest(market, isatou(), { title: 'Fit a shower' })
    await later(REQUESTS_DIGEST_WINDOW)
    expect(subjects()).toEqual([
      '2 new requests in what you sell',
      '3 new requests in what you sell',
    ])
  })

  it('leaves out requests whose time ran out, and names a lone one in the subject', async () => {
    postTestRequest(market, isatou(), { title: 'Fix it today', openForDays: 1 })
    await later(REQUESTS_DIGEST_WINDOW)
    expect(subjects()).toEqual(['A new request: “Fix it today”'])
    market.clock.advance(21 * HOUR - REQUESTS_DIGEST_WINDOW)
    postTestRequest(market, isatou(), { title: 'Fit a shower', budgetMin: null, budgetMax: 90_000 })
    // The window closes a day after the first request: its time has run out by then.
    await later(REQUESTS_DIGEST_WINDOW)
    expect(subjects()).toEqual(['A new request: “Fix it today”', 'A new request: “Fit a shower”'])
    expect(textOf(sentTo(plumber.owner.email)[1]!)).toContain(
      `“Fit a shower” — Plumbing · up to ${money(90_000)}`,
    )
  })

  it('sends nothing when the new requests were read or closed before the window closed', async () => {
    const read = postTestRequest(market, isatou())
    const closed = postTestRequest(market, isatou(), { title: 'Unblock the sink' })
    markSubjectRead(market.db, plumber.owner.id, requestSubject(read.code), market.clock.now())
    expect(withdrawRequest(market, isatou(), closed.code)).toEqual({ ok: true })
    await later(REQUESTS_DIGEST_WINDOW)
    expect(mailServer.received).toHaveLength(0)
    expect(
      market.db.select().from(jobs).where(eq(jobs.type, REQUESTS_DIGEST_JOB)).get()?.state,
    ).toBe('done')
  })

  it('sends nothing to a provider who turned request mail off', async () => {
    turnMailOff(market.db, market.clock, plumber.owner.id, 'requests')
    postTestRequest(market, isatou())
    await later(REQUESTS_DIGEST_WINDOW)
    expect(mailServer.received).toHaveLength(0)
  })
})
