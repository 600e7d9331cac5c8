import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mailOptOuts, members } from '../../db/schema'
import { unitsOnSale } from '../models/listing/units'
import { mailPreferences } from '../models/mail-preferences'
import { NOTIFICATION_MAIL_DELAY } from '../models/notification'
import { createMember, createOpenMarket, ORIGIN, page, type TestMarket } from '../test/app'
import { buy } from '../test/checkout'
import { seedListing, seedStore } from '../test/listings'
import { linkIn, startMailServer } from '../test/mail-server'

let market: TestMarket
let memberId: number
let token: string
afterEach(() => market.cleanup())

async function openMarket(overrides: Parameters<typeof createOpenMarket>[0] = {}) {
  market = await createOpenMarket(overrides)
  const member = await createMember(market, { displayName: 'Ann', email: 'ann@example.com' })
  memberId = member.id
  token = member.unsubscribeToken
}

const optOuts = () => market.db.select({ kind: mailOptOuts.kind }).from(mailOptOuts).all()

/** A mail client's RFC 8058 one-click post: from no page of ours, with no cookie or Origin of ours. */
function oneClick(path: string, type = 'application/x-www-form-urlencoded') {
  return market.app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    body: 'List-Unsubscribe=One-Click',
    headers: {
      'Content-Type': type,
      Origin: 'https://mail.example',
      'Sec-Fetch-Site': 'cross-site',
    },
  })
}

describe('GET /unsubscribe/:token/:kind', () => {
  beforeEach(() => openMarket())

  it('names the kind and asks, changing nothing (mail scanners open links)', async () => {
    const response = await market.get(`/unsubscribe/${token}/messages`)
    expect(response.status).toBe(200)
    const document = await page(response)
    expect(document.querySelector('h1')?.textContent).toBe('Stop these mails?')
    expect(document.querySelector('main')?.textContent).toContain(
      'Messages I have not read (at most one mail in a while)',
    )
    const form = document.querySelector('main form')
    expect(form?.getAttribute('method')).toBe('post')
    expect(form?.getAttribute('action')).toBe(`/unsubscribe/${token}/messages`)
    expect(form?.querySelector('button')?.textContent).toBe('Stop these mails')
    expect(optOuts()).toEqual([])
  })

  it('answers 404 for a token nobody holds or a kind that does not exist', async () => {
    expect((await market.get(`/unsubscribe/${'a'.repeat(32)}/messages`)).status).toBe(404)
    expect((await market.get(`/unsubscribe/${token}/verify_email`)).status).toBe(404)
    expect((await market.get(`/unsubscribe/${token}`)).status).toBe(404)
  })
})

describe('POST /unsubscribe/:token/:kind', () => {
  beforeEach(() => openMarket())

  it('turns that kind off, only that one, and then says so with the way back', async () => {
    const response = await market.post(`/unsubscribe/${token}/new_order`, {})
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/unsubscribe/${token}/new_order`)
    expect(mailPreferences(market.db, memberId)).toEqual({
      new_order: false,
      order_updates: true,
      messages: true,
      reviews: true,
      requests: true,
    })

    const document = await page(await market.get(`/unsubscribe/${token}/new_order`))
    expect(document.querySelector('h1')?.textContent).toBe('These mails are stopped')
    expect(document.querySelector('main form')).toBeNull()
    expect(document.querySelector('main a[href="/account#mail-heading"]')).not.toBeNull()

    // Pressed twice (or posted again by the mail client): still off, once.
    expect((await market.post(`/unsubscribe/${token}/new_order`, {})).status).toBe(303)
    expect(optOuts()).toEqual([{ kind: 'new_order' }])
  })

  it('takes a mail client’s one-click post, with no cookie, token or origin of ours', async () => {
    const response = await oneClick(`/unsubscribe/${token}/messages`)
    expect(response.status).toBe(303)
    const multipart = new FormData()
    multipart.append('List-Unsubscribe', 'One-Click')
    const asMultipart = await market.app.request(`${ORIGIN}/unsubscribe/${token}/order_updates`, {
      method: 'POST',
      body: multipart,
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    })
    expect(asMultipart.status).toBe(303)
    expect(mailPreferences(market.db, memberId)).toMatchObject({
      messages: false,
      order_updates: false,
      new_order: true,
    })
  })

  it('answers 404 and changes nothing for a token nobody holds or an unknown kind', async () => {
    expect((await oneClick(`/unsubscribe/${'a'.repeat(32)}/messages`)).status).toBe(404)
    expect((await oneClick(`/unsubscribe/${token}/verify_email`)).status).toBe(404)
    // A deleted account finds nobody, even before its token is replaced.
    market.db
      .update(members)
      .set({ deletedAt: market.clock.now() })
      .where(eq(members.id, memberId))
      .run()
    expect((await oneClick(`/unsubscribe/${token}/messages`)).status).toBe(404)
    expect(optOuts()).toEqual([])
  })
})

describe('the unsubscribe link in a notification mail', () => {
  let mailServer: Awaited<ReturnType<typeof startMailServer>>
  afterEach(() => mailServer.close())

  it('works end to end: the page it opens, its button, and no more mail of that kind', async () => {
    mailServer = await startMailServer()
    await openMarket({ smtpUrl: mailServer.url, publicUrl: ORIGIN })
    const bakery = await seedStore(market, { name: 'Fatou Bakes' })
    // Notification mail goes only to verified addresses; test members have not verified theirs.
    market.db
      .update(members)
      .set({ emailVerifiedAt: market.clock.now() })
      .where(eq(members.id, bakery.owner.id))
      .run()
    const loaf = seedListing(market.db, market, bakery, { title: 'Loaf', kind: 'product' })
    const unit = unitsOnSale(market.db, [loaf.id])[0]!.id
    const buyer = await market.signIn('ann@example.com')
    const order = () => buy(market, buyer, unit, 1, { 'orders.0.fulfilment': 'pickup' })

    await order()
    market.clock.advance(NOTIFICATION_MAIL_DELAY)
    await market.jobs.runJobs()
    expect(mailServer.received).toHaveLength(1)
    const link = linkIn(mailServer.received[0]!, '/unsubscribe/')
    const asked = await page(await market.get(link))
    const action = asked.querySelector('main form')?.getAttribute('action')
    expect(action).toBe(link)
    expect((await market.post(action!, {})).status).toBe(303)

    await order()
    market.clock.advance(NOTIFICATION_MAIL_DELAY)
    await market.jobs.runJobs()
    expect(mailServer.received).toHaveLength(1)
    expect(mailPreferences(market.db, bakery.owner.id).new_order).toBe(false)
  })
})
