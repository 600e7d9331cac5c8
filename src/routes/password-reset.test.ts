import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { accountTokens, jobs, mails, members, sessions, signIns } from '../../db/schema'
import { HOUR, MINUTE } from '../lib/clock'
import { issueAccountToken } from '../models/account-token'
import { MAX_FAILURES_PER_ACCOUNT } from '../models/sign-in-throttle'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  fieldError,
  page,
  PASSWORD,
  sessionCookie,
  type TestMarket,
} from '../test/app'
import { linkIn, startMailServer, textOf } from '../test/mail-server'
import { enableTwoFactor } from '../test/two-factor'

const NEW_PASSWORD = 'morning tide over the creek'

let market: TestMarket
afterEach(() => market.cleanup())

/** A link as the job would mail it, issued straight through the token model. */
function resetLink(memberId: number, email: string) {
  const { token } = issueAccountToken(market.db, market.clock, {
    memberId,
    purpose: 'reset_password',
    email,
    withCode: false,
  })
  return `/password-reset/${token}`
}

/** The reset mails queued for an address, from the outbox. */
const resetMails = (to: string) =>
  market.db
    .select()
    .from(mails)
    .where(and(eq(mails.to, to), eq(mails.kind, 'reset_password')))
    .all()

/** The path of the link in the newest reset mail to `to`, read from the outbox row. */
function linkInOutbox(to: string): string {
  const mail = resetMails(to).at(-1)
  const url = mail?.text.match(/https?:\/\/\S+\/password-reset\/\S+/)?.[0]
  if (!url) throw new Error(`no reset link mailed to ${to}`)
  return new URL(url).pathname
}

/** Everything a browser would be told, but the request id (which differs by design). */
async function asSeen(response: Response) {
  const headers = [...response.headers].filter(([name]) => name !== 'x-request-id')
  return { status: response.status, headers, body: await response.text() }
}

describe('the way in', () => {
  it('links "Forgot your password?" from the sign-in page to a labelled email form', async () => {
    market = await createOpenMarket()
    const signIn = await page(await market.get('/sign-in'))
    const link = [...signIn.querySelectorAll('a')].find(
      (a) => a.textContent === 'Forgot your password?',
    )
    expect(link?.getAttribute('href')).toBe('/password-reset')

    const form = await page(await market.get('/password-reset'))
    const email = form.querySelector('form[action="/password-reset"] input[name=email]')
    expect(email?.getAttribute('autocomplete')).toBe('email')
    expect(form.querySelector(`label[for="${email?.id}"]`)?.textContent).toBe('Email')
  })

  it('keeps a typed address that is not one, with the message beside it', async () => {
    market = await createOpenMarket()
    const response = await market.post('/password-reset', { email: 'ann at example' })
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'email')).toMatch(/email address like/)
    expect(
      market.db.select().from(jobs).where(eq(jobs.type, 'password-reset.request')).all(),
    ).toEqual([])
  })
})

describe('POST /password-reset', () => {
  it('answers a known and an unknown address alike, with the same work; only one gets mail', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { email: 'ann@example.com' })
    const known = await market.post('/password-reset', { email: ' Ann@Example.com ' })
    const unknown = await market.post('/password-reset', { email: 'nobody@example.com' })
    const [seenKnown, seenUnknown] = [await asSeen(known), await asSeen(unknown)]
    expect(seenKnown).toEqual(seenUnknown)
    expect(seenKnown.status).toBe(303)
    expect(known.headers.get('Location')).toBe('/password-reset/sent')
    // The requests wrote one job each and nothing else: no token, no mail yet.
    const asked = market.db.select().from(jobs).where(eq(jobs.type, 'password-reset.request'))
    expect(asked.all().map((job) => job.payload)).toEqual([
      { email: 'ann@example.com' },
      { email: 'nobody@example.com' },
    ])
    expect(market.db.select().from(accountTokens).all()).toEqual([])
    expect(market.db.select().from(mails).all()).toEqual([])

    const sent = await page(await market.get('/password-reset/sent'))
    expect(sent.querySelector('h1')?.textContent).toBe('Check your mail')
    expect(sent.querySelector('main')?.textContent).toMatch(
      /If an account uses that address, we have sent it a link.*works for 1 hour/s,
    )

    await market.jobs.runJobs()
    expect(resetMails('ann@example.com')).toMatchObject([
      { memberId: ann.id, key: expect.stringMatching(/^reset:\d+$/) },
    ])
    expect(market.db.select().from(mails).all()).toHaveLength(1)
  })

  it('mails a link that works for an hour and opens the new-password form', async () => {
    const mailServer = await startMailServer()
    try {
      market = await createOpenMarket({ smtpUrl: mailServer.url, mailFrom: 'market@tanji.test' })
      await createMember(market, { displayName: 'Ann Bah', email: 'ann@example.com' })
      await market.post('/password-reset', { email: 'ann@example.com' })
      await market.jobs.runJobs()

      expect(mailServer.received).toHaveLength(1)
      const mail = mailServer.received[0]!
      expect(mail.to).toEqual(['ann@example.com'])
      expect(mail.headers.get('subject')).toEqual(['Choose a new password for Tanji Market'])
      const text = textOf(mail)
      expect(text).toMatch(/^Hello Ann Bah,/)
      expect(text).toContain('works for 1 hour')
      expect(text).toContain('Choose a new password:\nhttp://localhost:')
      expect(text).toContain(
        'If you did not ask for this, ignore this mail: your password stays as it is.',
      )

      const opened = await market.get(linkIn(mail, '/password-reset/'))
      expect(opened.status).toBe(200)
      expect(opened.headers.get('Cache-Control')).toBe('no-store')
      const form = await page(opened)
      expect(form.querySelector('main')?.textContent).toContain('ann@example.com')
      const password = form.querySelector(
        `form[action="${linkIn(mail, '/password-reset/')}"] input[name=password]`,
      )
      expect(password?.getAttribute('autocomplete')).toBe('new-password')
      expect(form.querySelector(`label[for="${password?.id}"]`)?.textContent).toBe('New password')
      // The token stays out of every other link on the page (the header's "Sign in" included).
      const token = linkIn(mail, '/password-reset/').split('/').at(-1)!
      const hrefs = [...form.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '')
      expect(hrefs.filter((href) => href.includes(token))).toEqual([])
    } finally {
      await mailServer.close()
    }
  })

  it('sends a member at most one link a minute, silently', async () => {
    market = await createOpenMarket()
    await createMember(market, { email: 'ann@example.com' })
    await market.post('/password-reset', { email: 'ann@example.com' })
    await market.jobs.runJobs()
    const again = await market.post('/password-reset', { email: 'ann@example.com' })
    expect(again.headers.get('Location')).toBe('/password-reset/sent')
    await market.jobs.runJobs()
    expect(resetMails('ann@example.com')).toHaveLength(1)

    market.clock.advance(MINUTE)
    await market.post('/password-reset', { email: 'ann@example.com' })
    await market.jobs.runJobs()
    expect(resetMails('ann@example.com')).toHaveLength(2)
  })

  it('sends a member no more than five links an hour', async () => {
    market = await createOpenMarket()
    await createMember(market, { email: 'ann@example.com' })
    for (let ask = 0; ask < 7; ask += 1) {
      await market.post('/password-reset', { email: 'ann@example.com' })
      await market.jobs.runJobs()
      market.clock.advance(2 * MINUTE)
    }
    expect(resetMails('ann@example.com')).toHaveLength(5)
  })

  it('limits how often one network address may ask', async () => {
    market = await createOpenMarket()
    for (let ask = 1; ask <= 10; ask += 1)
      expect((await market.post('/password-reset', { email: `n${ask}@example.com` })).status).toBe(
        303,
      )
    const refused = await market.post('/password-reset', { email: 'n11@example.com' })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('Retry-After')).toBeTruthy()
    expect(
      market.db.select().from(jobs).where(eq(jobs.type, 'password-reset.request')).all(),
    ).toHaveLength(10)
  })

  it('mails nothing to a deleted member', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { email: 'ann@example.com' })
    market.db
      .update(members)
      .set({ deletedAt: market.clock.now() })
      .where(eq(members.id, ann.id))
      .run()
    const response = await market.post('/password-reset', { email: 'ann@example.com' })
    expect(response.headers.get('Location')).toBe('/password-reset/sent')
    await market.jobs.runJobs()
    expect(market.db.select().from(mails).all()).toEqual([])
    expect(market.db.select().from(accountTokens).all()).toEqual([])
  })

  it('refuses a cross-site post', async () => {
    market = await createOpenMarket()
    const response = await market.post(
      '/password-reset',
      { email: 'ann@example.com' },
      { headers: { Origin: 'https://evil.example' } },
    )
    expect(response.status).toBe(403)
  })
})

describe('GET /password-reset/:token', () => {
  it('spends nothing: the link opens as often as a mail scanner likes', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { email: 'ann@example.com' })
    const link = resetLink(ann.id, ann.email)
    for (let open = 0; open < 3; open += 1) expect((await market.get(link)).status).toBe(200)
    expect(market.db.select().from(accountTokens).get()?.usedAt).toBeNull()
  })

  it('says a forged link was never one of ours (404), with the way to a new one', async () => {
    market = await createOpenMarket()
    const response = await market.get('/password-reset/abcdefghijklmnopqrstuvwxyz234567')
    expect(response.status).toBe(404)
    const document = await page(response)
    expect(document.querySelector('h1')?.textContent).toBe('This link does not work')
    expect(document.querySelector('main')?.textContent).toContain('not one we sent')
    expect(document.querySelector('a[href="/password-reset"]')?.textContent).toBe(
      'Ask for a new link',
    )
  })

  it('says an expired link has expired (410), and refuses to use it', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { email: 'ann@example.com' })
    const link = resetLink(ann.id, ann.email)
    market.clock.advance(HOUR + 1)
    const opened = await market.get(link)
    expect(opened.status).toBe(410)
    expect((await page(opened)).querySelector('main')?.textContent).toContain('has expired')
    const posted = await market.post(link, { password: NEW_PASSWORD })
    expect(posted.status).toBe(410)
    expect(await market.signIn(ann.email, PASSWORD)).toBeTruthy()
  })
})

describe('POST /password-reset/:token', () => {
  it('sets the new password, signs out every device and says so; no one is signed in', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { displayName: 'Ann Bah', email: 'ann@example.com' })
    const phone = await market.signIn(ann.email)
    const laptop = await market.signIn(ann.email)
    const link = resetLink(ann.id, ann.email)

    const response = await market.post(
      link,
      { password: NEW_PASSWORD },
      {
        headers: { 'User-Agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile' },
      },
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/sign-in')
    expect(sessionCookie(response)).toBeUndefined()
    const next = await page(await market.get('/sign-in', { cookie: cookiesFrom(response) }))
    expect(next.querySelector('[role=status]')?.textContent).toBe(
      'Your password is changed. Sign in with it.',
    )

    expect(market.db.select().from(sessions).where(eq(sessions.memberId, ann.id)).all()).toEqual([])
    for (const cookie of [phone, laptop])
      expect((await market.get('/account', { cookie })).headers.get('Location')).toMatch(
        /^\/sign-in/,
      )
    expect((await market.post('/sign-in', { email: ann.email, password: PASSWORD })).status).toBe(
      422,
    )
    expect(await market.signIn(ann.email, NEW_PASSWORD)).toBeTruthy()

    const history = market.db.select().from(signIns).where(eq(signIns.memberId, ann.id)).all()
    expect(history.find((entry) => entry.outcome === 'password_reset')).toMatchObject({
      userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile',
      at: market.clock.now(),
    })
    const account = await page(
      await market.get('/account', { cookie: await market.signIn(ann.email, NEW_PASSWORD) }),
    )
    expect(account.querySelector('main')?.textContent).toContain('Password reset Chrome on Android')
  })

  it('confirms an unconfirmed address: following the link proved it', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { email: 'ann@example.com', emailVerified: false })
    const response = await market.post(resetLink(ann.id, ann.email), { password: NEW_PASSWORD })
    expect(response.status).toBe(303)
    const row = market.db.select().from(members).where(eq(members.id, ann.id)).get()
    expect(row?.emailVerifiedAt).toEqual(market.clock.now())
  })

  it('mails the member that their password was changed, and when', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { displayName: 'Ann Bah', email: 'ann@example.com' })
    const link = resetLink(ann.id, ann.email)
    await market.post(link, { password: NEW_PASSWORD })
    const token = market.db.select().from(accountTokens).get()!
    const changed = market.db.select().from(mails).where(eq(mails.kind, 'password_changed')).get()
    expect(changed).toMatchObject({
      key: `password-changed:${token.id}`,
      to: 'ann@example.com',
      memberId: ann.id,
      subject: 'Your Tanji Market password was changed',
    })
    // 09:00 UTC is 09:00 in Banjul; the market writes dates the British way.
    expect(changed?.text).toContain('was changed on 23 November 2026 at 09:00')
    expect(changed?.text).toMatch(/If it was not, someone can read your mail/)
    expect(changed?.text).toContain('/password-reset\n')
  })

  it('refuses a weak password beside the field and writes nothing; the link still works', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { email: 'ann@example.com' })
    const link = resetLink(ann.id, ann.email)
    const before = market.db.select().from(members).where(eq(members.id, ann.id)).get()

    const weak = await market.post(link, { password: 'password12' })
    expect(weak.status).toBe(422)
    const document = await page(weak)
    expect(fieldError(document, 'password')).toMatch(/one of the first that attackers try/)
    expect(document.querySelector(`form[action="${link}"]`)).not.toBeNull()
    const empty = await market.post(link, { password: '' })
    expect(empty.status).toBe(422)
    expect(fieldError(await page(empty), 'password')).toBe('Choose a new password.')

    expect(market.db.select().from(members).where(eq(members.id, ann.id)).get()).toEqual(before)
    expect(market.db.select().from(accountTokens).get()?.usedAt).toBeNull()
    expect(market.db.select().from(mails).all()).toEqual([])
    expect((await market.post(link, { password: NEW_PASSWORD })).status).toBe(303)
  })

  it('refuses a link used once already, and a forged one', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { email: 'ann@example.com' })
    const link = resetLink(ann.id, ann.email)
    expect((await market.post(link, { password: NEW_PASSWORD })).status).toBe(303)

    const reused = await market.post(link, { password: 'another quiet evening walk' })
    expect(reused.status).toBe(410)
    expect((await page(reused)).querySelector('main')?.textContent).toContain('used already')
    expect((await market.get(link)).status).toBe(410)
    const forged = await market.post('/password-reset/abcdefghijklmnopqrstuvwxyz234567', {
      password: 'another quiet evening walk',
    })
    expect(forged.status).toBe(404)
    expect(await market.signIn(ann.email, NEW_PASSWORD)).toBeTruthy()
  })

  it('lets only one of two simultaneous posts of one link through', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { email: 'ann@example.com' })
    const link = resetLink(ann.id, ann.email)
    const responses = await Promise.all([
      market.post(link, { password: NEW_PASSWORD }),
      market.post(link, { password: 'another quiet evening walk' }),
    ])
    expect(responses.map((response) => response.status).sort()).toEqual([303, 410])
    const resets = market.db
      .select()
      .from(signIns)
      .where(and(eq(signIns.memberId, ann.id), eq(signIns.outcome, 'password_reset')))
    expect(resets.all()).toHaveLength(1)
    expect(
      market.db.select().from(mails).where(eq(mails.kind, 'password_changed')).all(),
    ).toHaveLength(1)
    const winner = responses[0]!.status === 303 ? NEW_PASSWORD : 'another quiet evening walk'
    expect(await market.signIn(ann.email, winner)).toBeTruthy()
  })

  it('works only with the newest link mailed', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { email: 'ann@example.com' })
    const older = resetLink(ann.id, ann.email)
    const newer = resetLink(ann.id, ann.email)
    expect((await market.post(older, { password: NEW_PASSWORD })).status).toBe(410)
    expect((await market.post(newer, { password: NEW_PASSWORD })).status).toBe(303)
  })

  it('leaves two-factor on: signing in still asks for the code', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { email: 'ann@example.com' })
    enableTwoFactor(market, ann.id)
    expect(
      (await market.post(resetLink(ann.id, ann.email), { password: NEW_PASSWORD })).status,
    ).toBe(303)
    const signIn = await market.post('/sign-in', { email: ann.email, password: NEW_PASSWORD })
    expect(signIn.status).toBe(303)
    expect(signIn.headers.get('Location')).toBe('/sign-in/code')
    expect(sessionCookie(signIn)).toBeUndefined()
  })

  it('frees a sign-in that guessing had paused', async () => {
    market = await createOpenMarket()
    const ann = await createMember(market, { email: 'ann@example.com' })
    for (let guess = 0; guess < MAX_FAILURES_PER_ACCOUNT; guess += 1)
      await market.post('/sign-in', { email: ann.email, password: `wrong guess number ${guess}` })
    const paused = await market.post('/sign-in', { email: ann.email, password: PASSWORD })
    expect(fieldError(await page(paused), 'password')).toMatch(/Too many attempts/)

    expect(
      (await market.post(resetLink(ann.id, ann.email), { password: NEW_PASSWORD })).status,
    ).toBe(303)
    expect(await market.signIn(ann.email, NEW_PASSWORD)).toBeTruthy()
  })

  it('follows the whole way from the form to the new password, mail included', async () => {
    market = await createOpenMarket()
    await createMember(market, { email: 'ann@example.com' })
    await market.post('/password-reset', { email: 'ann@example.com' })
    await market.jobs.runJobs()
    const link = linkInOutbox('ann@example.com')
    expect((await market.get(link)).status).toBe(200)
    expect((await market.post(link, { password: NEW_PASSWORD })).status).toBe(303)
    expect(await market.signIn('ann@example.com', NEW_PASSWORD)).toBeTruthy()
  })
})
