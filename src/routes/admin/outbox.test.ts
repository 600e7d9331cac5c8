import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { queueMail } from '../../mail/outbox'
import { createMember, createOpenMarket, page, type TestMarket } from '../../test/app'

const content = {
  subject: 'Confirm your email',
  text: 'Your code is 482913',
  html: '<p>482913</p>',
}

describe('/admin/outbox', () => {
  let market: TestMarket
  beforeEach(async () => {
    market = await createOpenMarket()
  })
  afterEach(() => market.cleanup())

  const queue = () =>
    market.db.transaction((tx) =>
      queueMail(tx, market.clock, {
        key: 'verify:1',
        kind: 'verify_email',
        to: 'ann@example.com',
        content,
      }),
    )!

  it('shows the operator mail held without a mail server, and its text', async () => {
    const mail = queue()
    await market.jobs.runJobs()
    const cookie = await market.signIn('awa@example.com')
    const response = await market.get('/admin/outbox?state=held', { cookie })
    expect(response.status).toBe(200)
    const list = await page(response)
    expect(list.querySelector('table')?.textContent).toContain('Confirm your email')
    expect(list.querySelector('table')?.textContent).toContain('Held (no mail server)')
    const one = await page(await market.get(`/admin/outbox/${mail.id}`, { cookie }))
    expect(one.querySelector('pre')?.textContent).toBe('Your code is 482913')
  })

  it('does not exist for members and visitors', async () => {
    const mail = queue()
    const member = await createMember(market)
    const cookie = await market.signIn(member.email)
    expect((await market.get('/admin/outbox', { cookie })).status).toBe(404)
    expect((await market.get(`/admin/outbox/${mail.id}`, { cookie })).status).toBe(404)
    expect((await market.post(`/admin/outbox/${mail.id}/retry`, {}, { cookie })).status).toBe(404)
    expect((await market.get('/admin/outbox')).status).toBe(303)
  })

  it('sends a held mail again on the operator’s word, and only a held or failed one', async () => {
    const mail = queue()
    const cookie = await market.signIn('awa@example.com')
    const early = await market.post(`/admin/outbox/${mail.id}/retry`, {}, { cookie })
    expect(early.status).toBe(303)
    await market.jobs.runJobs()
    const retried = await market.post(`/admin/outbox/${mail.id}/retry`, {}, { cookie })
    expect(retried.headers.get('Location')).toBe(`/admin/outbox/${mail.id}`)
    expect(await market.jobs.runJobs()).toBe(1)
  })
})
