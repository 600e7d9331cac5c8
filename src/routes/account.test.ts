import { eq } from 'drizzle-orm'
import { parseHTML } from 'linkedom'
import { MAX_FAILURES_PER_ACCOUNT } from '../models/sign-in-throttle'
import { afterEach, describe, expect, it } from 'vitest'
import { favourites, mailOptOuts, members, orders, sessions } from '../../db/schema'
import { HOUR } from '../lib/clock'
import { recordSignIn } from '../models/sign-in-history'
import { seedOrder, seedTrader } from '../test/accounts'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  fieldError,
  flashAfter,
  page,
  PASSWORD,
  sessionCookie,
  type TestMarket,
} from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

describe('GET /account', () => {
  it('sends visitors to sign in, then back here', async () => {
    market = await createOpenMarket()
    const response = await market.get('/account')
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/sign-in?return_to=%2Faccount')
  })

  it('shows the member their own account and devices only', async () => {
    market = await createOpenMarket()
    await createMember(market, { displayName: 'Amadou Bah', email: 'amadou@example.com' })
    await market.signIn('amadou@example.com')
    const cookie = await market.signIn('awa@example.com')
    const document = await page(await market.get('/account', { cookie }))
    expect(document.querySelector('main')?.textContent).toContain('awa@example.com')
    expect(document.querySelector('main')?.textContent).not.toContain('amadou@example.com')
    expect(document.querySelectorAll('.devices li')).toHaveLength(1)
  })
})

describe('GET /account (the operator)', () => {
  it("links the operator's pages for the operator only", async () => {
    market = await createOpenMarket()
    const operator = await page(
      await market.get('/account', { cookie: await market.signIn('awa@example.com') }),
    )
    for (const path of ['/admin/outbox', '/admin/security', '/admin/reviews', '/disputes'])
      expect(operator.querySelector(`main a[href="${path}"]`), path).not.toBeNull()
    const member = await createMember(market)
    const theirs = await page(
      await market.get('/account', { cookie: await market.signIn(member.email) }),
    )
    expect(theirs.querySelector('main a[href="/admin/outbox"]')).toBeNull()
  })
})

describe('POST /account/password', () => {
  it('changes the password and signs out other devices', async () => {
    market = await createOpenMarket()
    const phone = await market.signIn('awa@example.com')
    const laptop = await market.signIn('awa@example.com')
    const response = await market.post(
      '/account/password',
      { currentPassword: PASSWORD, newPassword: 'mango trees by the river' },
      { cookie: laptop },
    )
    expect(response.status).toBe(303)
    expect(market.db.select().from(sessions).all()).toHaveLength(1)
    expect((await market.get('/account', { cookie: phone })).status).toBe(303)
    expect((await market.get('/account', { cookie: laptop })).status).toBe(200)
    expect(
      (await market.post('/sign-in', { email: 'awa@example.com', password: PASSWORD })).status,
    ).toBe(422)
    await market.signIn('awa@example.com', 'mango trees by the river')
  })

  it('refuses a wrong current password beside the field and keeps the old one', async () => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    const before = market.db.select().from(members).get()!.passwordHash
    const response = await market.post(
      '/account/password',
      { currentPassword: 'not my password', newPassword: 'mango trees by the river' },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'currentPassword')).toMatch(/not your current password/)
    expect(market.db.select().from(members).get()!.passwordHash).toBe(before)
  })

  it('pauses after a few wrong current passwords, like signing in', async () => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    const change = (currentPassword: string) =>
      market.post(
        '/account/password',
        { currentPassword, newPassword: 'mango trees by the river' },
        { cookie },
      )
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT; attempt += 1)
      await change('not my password')
    const paused = await change(PASSWORD)
    expect(paused.status).toBe(422)
    expect(fieldError(await page(paused), 'currentPassword')).toBe(
      'Too many attempts. Try again in 15 minutes.',
    )
  })

  it.each([
    ['short', /at least 10/],
    ['1234567890', /attackers/],
  ])('refuses a weak new password (%s)', async (newPassword, message) => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    const response = await market.post(
      '/account/password',
      { currentPassword: PASSWORD, newPassword },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'newPassword')).toMatch(message)
  })

  it('does nothing for a visitor', async () => {
    market = await createOpenMarket()
    const response = await market.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'mango trees by the river',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toMatch(/^\/sign-in/)
    await market.signIn('awa@example.com')
  })
})

describe('POST /account/sessions/revocation', () => {
  it('signs out every other device of this member, and only theirs', async () => {
    market = await createOpenMarket()
    const amadou = await createMember(market, { email: 'amadou@example.com' })
    const amadouPhone = await market.signIn('amadou@example.com')
    const phone = await market.signIn('awa@example.com')
    const laptop = await market.signIn('awa@example.com')
    const response = await market.post('/account/sessions/revocation', {}, { cookie: laptop })
    expect(response.status).toBe(303)
    expect((await market.get('/account', { cookie: phone })).status).toBe(303)
    expect((await market.get('/account', { cookie: laptop })).status).toBe(200)
    expect((await market.get('/account', { cookie: amadouPhone })).status).toBe(200)
    expect(
      market.db.select().from(sessions).where(eq(sessions.memberId, amadou.id)).all(),
    ).toHaveLength(1)
  })
})

const PHONE =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'
const LAPTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'

/** Signs in from a device with this user agent; the session cookie. */
async function signInFrom(email: string, userAgent: string) {
  const response = await market.post(
    '/sign-in',
    { email, password: PASSWORD },
    { headers: { 'User-Agent': userAgent } },
  )
  expect(response.status).toBe(303)
  return sessionCookie(response)!
}

function sessionIdOf(cookie: string) {
  return cookie.split('=')[1]!.split('.')[0]!
}

describe('GET /account (sections)', () => {
  it('has its sections in order, ending with the way to download or delete', async () => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    const document = await page(await market.get('/account', { cookie }))
    expect([...document.querySelectorAll('main h2')].map((h2) => h2.textContent)).toEqual([
      'Profile & password',
      'Email address',
      'Email preferences',
      'Two-factor sign-in',
      'Devices signed in',
      'Recent sign-ins',
      'Your data',
    ])
    expect(document.querySelector('a[href="/account/data"]')?.textContent).toContain(
      'Download my data',
    )
    expect(document.querySelector('a[href="/account/deletion"]')).not.toBeNull()
  })

  it("lists each device by name, with when it signed in and was last seen, in the market's time", async () => {
    market = await createOpenMarket()
    await signInFrom('awa@example.com', LAPTOP)
    market.clock.advance(2 * HOUR)
    const phone = await signInFrom('awa@example.com', PHONE)
    const document = await page(await market.get('/account', { cookie: phone }))
    const rows = [...document.querySelectorAll('.devices li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    )
    expect(rows).toHaveLength(2)
    // Banjul is UTC+0: the test clock's 09:00 UTC reads 09:00.
    expect(rows[0]).toMatch(
      /^Chrome on Android This device ?Signed in .*11:00 · last seen .*11:00$/,
    )
    expect(rows[1]).toMatch(
      /^Firefox on Windows ?Signed in .*09:00 · last seen .*09:00 ?Sign out Firefox on Windows$/,
    )
  })

  it("shows recent sign-ins in words, with device and address, and only the member's own", async () => {
    market = await createOpenMarket()
    const amadou = await createMember(market, { email: 'amadou@example.com' })
    const awa = market.db.select().from(members).where(eq(members.email, 'awa@example.com')).get()!
    recordSignIn(market.db, market.clock, {
      memberId: awa.id,
      outcome: 'wrong_password',
      address: '198.51.100.4',
      userAgent: LAPTOP,
    })
    market.clock.advance(HOUR)
    recordSignIn(market.db, market.clock, {
      memberId: awa.id,
      outcome: 'signed_in',
      address: '203.0.113.7',
      userAgent: PHONE,
    })
    recordSignIn(market.db, market.clock, {
      memberId: amadou.id,
      outcome: 'throttled',
      address: '192.0.2.1',
      userAgent: PHONE,
    })
    const cookie = await market.signIn('awa@example.com')
    const document = await page(await market.get('/account', { cookie }))
    const items = [...document.querySelectorAll('.sign-ins li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    )
    expect(items).toEqual([
      // This test's own sign-in through the form, recorded as every sign-in is.
      expect.stringMatching(/^Signed in Unknown device · unknown · .*10:00$/),
      expect.stringMatching(/^Signed in Chrome on Android · 203\.0\.113\.7 · .*10:00$/),
      expect.stringMatching(/^Wrong password Firefox on Windows · 198\.51\.100\.4 · .*09:00$/),
    ])
    expect(document.querySelector('main')?.textContent).toMatch(/don't recognise one/)
  })
})

describe('POST /account/sessions/:sessionId/revocation', () => {
  it('signs out one other device of the member, with a flash', async () => {
    market = await createOpenMarket()
    const laptop = await signInFrom('awa@example.com', LAPTOP)
    const tablet = await signInFrom('awa@example.com', LAPTOP)
    const phone = await signInFrom('awa@example.com', PHONE)
    const response = await market.post(
      `/account/sessions/${sessionIdOf(laptop)}/revocation`,
      {},
      {
        cookie: phone,
      },
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/account')
    expect(await flashAfter(market, response, phone)).toBe('Signed out of that device.')
    expect((await market.get('/account', { cookie: laptop })).status).toBe(303)
    expect((await market.get('/account', { cookie: tablet })).status).toBe(200)
    expect(market.db.select().from(sessions).all()).toHaveLength(2)
  })

  it('answers htmx with the devices section, without that row', async () => {
    market = await createOpenMarket()
    const laptop = await signInFrom('awa@example.com', LAPTOP)
    const phone = await signInFrom('awa@example.com', PHONE)
    const response = await market.post(
      `/account/sessions/${sessionIdOf(laptop)}/revocation`,
      {},
      {
        cookie: phone,
        headers: { 'HX-Request': 'true' },
      },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('Vary')).toContain('HX-Request')
    const { document } = parseHTML(
      `<!doctype html><html><body>${await response.text()}</body></html>`,
    )
    expect(document.querySelector('section#devices')).not.toBeNull()
    expect(document.querySelectorAll('.devices li')).toHaveLength(1)
    expect(document.querySelector('[role=status]')?.textContent).toBe('Signed out of that device.')
    expect(document.body.textContent).toContain('You are not signed in anywhere else.')
  })

  it("answers 404 for another member's session, and for this one, ending neither", async () => {
    market = await createOpenMarket()
    await createMember(market, { email: 'amadou@example.com' })
    const amadou = await market.signIn('amadou@example.com')
    const awa = await market.signIn('awa@example.com')
    for (const id of [sessionIdOf(amadou), sessionIdOf(awa), 'nosuchsession']) {
      const response = await market.post(`/account/sessions/${id}/revocation`, {}, { cookie: awa })
      expect(response.status).toBe(404)
    }
    expect(market.db.select().from(sessions).all()).toHaveLength(2)
    expect((await market.get('/account', { cookie: amadou })).status).toBe(200)
  })

  it('sends a visitor to sign in, ending nothing', async () => {
    market = await createOpenMarket()
    const awa = await market.signIn('awa@example.com')
    const response = await market.post(`/account/sessions/${sessionIdOf(awa)}/revocation`, {})
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toMatch(/^\/sign-in/)
    expect(market.db.select().from(sessions).all()).toHaveLength(1)
  })
})

describe('POST /account/mail-preferences', () => {
  async function awaWithCookie() {
    const cookie = await market.signIn('awa@example.com')
    const id = market.db.select().from(members).where(eq(members.email, 'awa@example.com')).get()!
      .id
    const off = () =>
      market.db
        .select()
        .from(mailOptOuts)
        .where(eq(mailOptOuts.memberId, id))
        .all()
        .map((row) => row.kind)
        .sort()
    return { cookie, off }
  }

  it('keeps the kinds ticked and turns the others off, then shows them so', async () => {
    market = await createOpenMarket()
    const { cookie, off } = await awaWithCookie()
    const response = await market.post(
      '/account/mail-preferences',
      { mail: ['', 'new_order', 'reviews'] },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(await flashAfter(market, response, cookie)).toBe('Email preferences saved.')
    expect(off()).toEqual(['messages', 'order_updates', 'requests'])
    const document = await page(await market.get('/account', { cookie }))
    const ticked = [...document.querySelectorAll('input[name=mail][type=checkbox]')]
      .filter((box) => box.hasAttribute('checked'))
      .map((box) => box.getAttribute('value'))
    expect(ticked).toEqual(['new_order', 'reviews'])
    expect(document.querySelector('label[for="field-mail-messages"]')?.textContent).toMatch(
      /Messages/,
    )
  })

  it('turns everything off when no box is ticked, and back on when all are', async () => {
    market = await createOpenMarket()
    const { cookie, off } = await awaWithCookie()
    await market.post('/account/mail-preferences', { mail: '' }, { cookie })
    expect(off()).toEqual(['messages', 'new_order', 'order_updates', 'requests', 'reviews'])
    await market.post(
      '/account/mail-preferences',
      { mail: ['', 'new_order', 'order_updates', 'messages', 'reviews', 'requests'] },
      { cookie },
    )
    expect(off()).toEqual([])
  })

  it('changes nothing for a kind that does not exist', async () => {
    market = await createOpenMarket()
    const { cookie, off } = await awaWithCookie()
    const response = await market.post(
      '/account/mail-preferences',
      { mail: ['', 'spam'] },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(await flashAfter(market, response, cookie)).toMatch(/not saved/)
    expect(off()).toEqual([])
  })
})

describe('GET /account/data', () => {
  it("downloads the member's data as a dated JSON file nobody caches", async () => {
    market = await createOpenMarket()
    const { fatou } = await seedTrader(market)
    const cookie = await market.signIn(fatou.owner.email)
    const response = await market.get('/account/data', { cookie })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="souk-data-2026-11-23.json"',
    )
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
    const text = await response.text()
    const data = JSON.parse(text)
    expect(data.profile.email).toBe(fatou.owner.email)
    expect(data.store.name).toBe('Fatou Tailoring')
    expect(text).not.toMatch(/argon2|secretHash|passwordHash/)
  })

  it('sends a visitor to sign in', async () => {
    market = await createOpenMarket()
    const response = await market.get('/account/data')
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/sign-in?return_to=%2Faccount%2Fdata')
  })
})

describe('GET /account/deletion', () => {
  it('explains what goes and what is kept before the confirmation', async () => {
    market = await createOpenMarket()
    const { fatou } = await seedTrader(market)
    const cookie = await market.signIn(fatou.owner.email)
    const document = await page(await market.get('/account/deletion', { cookie }))
    const text = document.querySelector('main')!.textContent!
    expect(text).toContain('signed out everywhere')
    expect(text).toContain('Former member')
    expect(text).toMatch(/Orders, payments and the market's books are kept/)
    expect(
      document.querySelector('form[action="/account/deletion"] #field-password'),
    ).not.toBeNull()
    expect(document.querySelector('label[for="field-understood"]')).not.toBeNull()
  })

  it('lists open orders in place of the form', async () => {
    market = await createOpenMarket()
    const { fatou, lamin } = await seedTrader(market)
    const open = seedOrder(market, {
      buyerId: fatou.owner.id,
      storeId: lamin.store.id,
      status: 'accepted',
    })
    const cookie = await market.signIn(fatou.owner.email)
    const document = await page(await market.get('/account/deletion', { cookie }))
    expect(document.querySelector(`a[href="/orders/${open.code}"]`)).not.toBeNull()
    expect(document.querySelector('form[action="/account/deletion"]')).toBeNull()
  })
})

describe('POST /account/deletion', () => {
  it('deletes the account, signs out and says so; the member cannot sign in again', async () => {
    market = await createOpenMarket()
    const trader = await seedTrader(market)
    const { fatou } = trader
    const other = await market.signIn(fatou.owner.email)
    const cookie = await market.signIn(fatou.owner.email)
    const response = await market.post(
      '/account/deletion',
      { password: PASSWORD, understood: 'on' },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/')
    expect(response.headers.getSetCookie().join('\n')).toMatch(/souk_session=;/)
    expect(await flashAfter(market, response)).toBe('Your account is deleted.')
    for (const old of [cookie, other])
      expect((await market.get('/account', { cookie: old })).status).toBe(303)
    expect(
      (await market.post('/sign-in', { email: fatou.owner.email, password: PASSWORD })).status,
    ).toBe(422)
    expect(market.db.select().from(orders).all()).toHaveLength(2)
    // The storefront is gone for everyone; Lamin's conversation shows a former member.
    expect((await market.get(`/stores/${fatou.store.slug}`)).status).toBe(404)
    const lamin = await market.signIn(trader.lamin.owner.email)
    const inbox = await page(await market.get('/conversations', { cookie: lamin }))
    expect(inbox.querySelector('main')?.textContent).toContain('Former member')
    expect(inbox.querySelector('main')?.textContent).not.toContain('Fatou Tailoring')
  })

  it('refuses a wrong password beside the field, deleting nothing', async () => {
    market = await createOpenMarket()
    const { fatou } = await seedTrader(market)
    const cookie = await market.signIn(fatou.owner.email)
    const response = await market.post(
      '/account/deletion',
      { password: 'papaya trees by the sea', understood: 'on' },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'password')).toBe('That is not your password.')
    expect(
      market.db.select().from(members).where(eq(members.id, fatou.owner.id)).get()?.deletedAt,
    ).toBeNull()
    expect(market.db.select().from(favourites).all()).toHaveLength(1)
    expect((await market.get('/account', { cookie })).status).toBe(200)
  })

  it('asks for the box to be ticked', async () => {
    market = await createOpenMarket()
    const { fatou } = await seedTrader(market)
    const cookie = await market.signIn(fatou.owner.email)
    const response = await market.post('/account/deletion', { password: PASSWORD }, { cookie })
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'understood')).toBe(
      'Tick the box to say you understand.',
    )
    expect(
      market.db.select().from(members).where(eq(members.id, fatou.owner.id)).get()?.deletedAt,
    ).toBeNull()
  })

  it('refuses while an order is open, saying which', async () => {
    market = await createOpenMarket()
    const { fatou, lamin } = await seedTrader(market)
    const open = seedOrder(market, {
      buyerId: lamin.owner.id,
      storeId: fatou.store.id,
      status: 'placed',
    })
    const cookie = await market.signIn(fatou.owner.email)
    const response = await market.post(
      '/account/deletion',
      { password: PASSWORD, understood: 'on' },
      { cookie },
    )
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(document.querySelector('[role=alert]')?.textContent).toContain(`Order ${open.code}`)
    expect(
      market.db.select().from(members).where(eq(members.id, fatou.owner.id)).get()?.deletedAt,
    ).toBeNull()
  })

  it('does nothing for a visitor', async () => {
    market = await createOpenMarket()
    const response = await market.post('/account/deletion', {
      password: PASSWORD,
      understood: 'on',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toMatch(/^\/sign-in/)
  })
})
