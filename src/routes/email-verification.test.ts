import { and, desc, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mails, members, stores } from '../../db/schema'
import { DAY, MINUTE } from '../lib/clock'
import { MAX_CODE_FAILURES } from '../models/account-token'
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
beforeEach(async () => {
  market = await createOpenMarket()
})
afterEach(() => market.cleanup())

const amadou = { displayName: 'Amadou Bah', email: 'amadou@example.com', password: PASSWORD }

/** Signs Amadou up through the form; his session cookie. */
async function signUp() {
  const response = await market.post('/sign-up', amadou)
  expect(response.status).toBe(303)
  return sessionCookie(response) ?? ''
}

/** The newest mail to `to` in the outbox, with the link path and code it carries. */
function newestMail(to: string, kind = 'verify_email') {
  const mail = market.db
    .select()
    .from(mails)
    .where(and(eq(mails.to, to), eq(mails.kind, kind)))
    .orderBy(desc(mails.id))
    .get()
  if (!mail) throw new Error(`no ${kind} mail to ${to}`)
  const link = mail.text.match(/https?:\/\/\S+(\/verify-email\/\S+)/)?.[1]
  const code = mail.text.match(/Your code: (\d{6})/)?.[1]
  return { mail, link: link ?? '', code: code ?? '' }
}

function memberRow(email: string) {
  return market.db.select().from(members).where(eq(members.email, email)).get()
}

const storeForm = { name: 'Bah Repairs', bio: '', area: 'Tanji', phone: '', whatsapp: '' }

describe('signing up', () => {
  it('mails a link and a code, and the storefront waits for the address', async () => {
    const cookie = await signUp()
    expect(memberRow(amadou.email)?.emailVerifiedAt).toBeNull()
    const { mail, link, code } = newestMail(amadou.email)
    expect(mail.subject).toBe('Confirm your email address for Tanji Market')
    expect(link).toMatch(/^\/verify-email\/[a-z0-9]{32}$/)
    expect(code).toMatch(/^\d{6}$/)
    expect(mail.html).toContain(code)

    // Browsing and buying need nothing; opening a store does.
    const form = await page(await market.get('/stores/new', { cookie }))
    expect(form.querySelector('form[action="/stores"]')).toBeNull()
    expect(form.querySelector('a[href="/verify-email?return_to=%2Fstores%2Fnew"]')).not.toBeNull()
    const refused = await market.post('/stores', storeForm, { cookie })
    expect(refused.status).toBe(403)
    expect(market.db.select().from(stores).all()).toHaveLength(0)
  })
})

describe('the mailed link', () => {
  it('asks before it confirms, confirms once, and works from a device that is not signed in', async () => {
    await signUp()
    const { link } = newestMail(amadou.email)
    const question = await page(await market.get(link))
    expect(question.querySelector('h1')?.textContent).toBe('Confirm your email address')
    expect(question.body.textContent).toContain(amadou.email)
    // Opening the link (as a mail scanner does) confirmed nothing.
    expect(memberRow(amadou.email)?.emailVerifiedAt).toBeNull()

    const confirmed = await market.post(link, {})
    expect(confirmed.headers.get('Location')).toBe('/sign-in')
    expect(await flashAfter(market, confirmed)).toBe(
      `Thank you: ${amadou.email} is confirmed. Sign in to go on.`,
    )
    expect(memberRow(amadou.email)?.emailVerifiedAt).toEqual(market.clock.now())

    const again = await market.post(link, {})
    expect(again.status).toBe(410)
    expect((await page(again)).querySelector('h1')?.textContent).toBe('This link was used already')
  })

  it('confirms once when two tabs post it together', async () => {
    const cookie = await signUp()
    const { link } = newestMail(amadou.email)
    const answers = await Promise.all([
      market.post(link, {}, { cookie }),
      market.post(link, {}, { cookie }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 410])
  })

  it('refuses a forged link and one older than a day', async () => {
    await signUp()
    const forged = await market.get('/verify-email/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')
    expect(forged.status).toBe(404)
    expect((await page(forged)).body.textContent).toContain('not a link we sent')
    const { link } = newestMail(amadou.email)
    market.clock.advance(DAY + 1)
    const late = await market.get(link)
    expect(late.status).toBe(410)
    expect((await page(late)).body.textContent).toContain('more than 24 hours old')
    expect((await market.post(link, {})).status).toBe(410)
    expect(memberRow(amadou.email)?.emailVerifiedAt).toBeNull()
  })
})

describe('the code', () => {
  it('confirms the address for the member signed in, who then opens a storefront', async () => {
    const cookie = await signUp()
    const { code } = newestMail(amadou.email)
    const response = await market.post(
      '/verify-email',
      { code: `${code.slice(0, 3)} ${code.slice(3)}`, returnTo: '/stores/new' },
      { cookie },
    )
    expect(response.headers.get('Location')).toBe('/stores/new')
    expect(await flashAfter(market, response, cookie)).toBe(
      `Thank you: ${amadou.email} is confirmed.`,
    )
    const opened = await market.post('/stores', storeForm, { cookie })
    expect(opened.status).toBe(303)
    expect(market.db.select().from(stores).all()).toHaveLength(1)
  })

  it('says a wrong code beside the field, and a few wrong ones spend it', async () => {
    const cookie = await signUp()
    const { code } = newestMail(amadou.email)
    const wrong = code === '000000' ? '111111' : '000000'
    const malformed = await market.post('/verify-email', { code: '12ab' }, { cookie })
    expect(malformed.status).toBe(422)
    expect(fieldError(await page(malformed), 'code')).toBe('Enter the 6-digit code from the mail.')
    for (let attempt = 1; attempt < MAX_CODE_FAILURES; attempt += 1) {
      const response = await market.post('/verify-email', { code: wrong }, { cookie })
      expect(fieldError(await page(response), 'code')).toBe(
        'That is not the code we sent. Check the newest mail from us.',
      )
    }
    const last = await market.post('/verify-email', { code: wrong }, { cookie })
    expect(fieldError(await page(last), 'code')).toBe(
      'That is not the code we sent either, and it was the last try: send a new code below.',
    )
    const late = await market.post('/verify-email', { code }, { cookie })
    expect(late.status).toBe(422)
    expect(memberRow(amadou.email)?.emailVerifiedAt).toBeNull()
    // The mailed link says why it stopped working.
    const { link } = newestMail(amadou.email)
    const spent = await market.get(link)
    expect((await page(spent)).querySelector('h1')?.textContent).toBe('This link no longer works')
    expect((await page(await market.get(link))).body.textContent).toContain('Too many wrong codes')
  })

  it("never confirms another member's address", async () => {
    await signUp()
    const { code } = newestMail(amadou.email)
    const other = await createMember(market, { emailVerified: false })
    const cookie = await market.signIn(other.email)
    const response = await market.post('/verify-email', { code }, { cookie })
    expect(response.status).toBe(422)
    expect(memberRow(amadou.email)?.emailVerifiedAt).toBeNull()
    expect(memberRow(other.email)?.emailVerifiedAt).toBeNull()
  })

  it('is for members: a visitor is sent to sign in', async () => {
    const response = await market.get('/verify-email')
    expect(response.headers.get('Location')).toMatch(/^\/sign-in/)
    const posted = await market.post('/verify-email', { code: '123456' })
    expect(posted.headers.get('Location')).toMatch(/^\/sign-in/)
  })
})

describe('sending again', () => {
  it('waits a minute, then sends a new code that replaces the old', async () => {
    const cookie = await signUp()
    const first = newestMail(amadou.email)
    const tooSoon = await market.post('/verify-email/resend', {}, { cookie })
    expect(await flashAfter(market, tooSoon, cookie)).toBe(
      'We sent you a code less than a minute ago: give it a moment, and look in your spam folder.',
    )
    market.clock.advance(MINUTE)
    const resent = await market.post('/verify-email/resend', {}, { cookie })
    expect(await flashAfter(market, resent, cookie)).toBe(
      `We sent a new link and code to ${amadou.email}.`,
    )
    const second = newestMail(amadou.email)
    expect(second.mail.id).not.toBe(first.mail.id)
    expect((await market.get(first.link)).status).toBe(410)
    expect((await market.post(second.link, {})).status).toBe(303)
    const done = await market.post('/verify-email/resend', {}, { cookie })
    expect(await flashAfter(market, done, cookie)).toBe('Your address is already confirmed.')
  })

  it('offers a new code once the last one is a day old', async () => {
    const cookie = await signUp()
    market.clock.advance(DAY + 1)
    const document = await page(await market.get('/verify-email', { cookie }))
    expect(document.querySelector('input[name=code]')).toBeNull()
    expect(document.body.textContent).toContain('more than a day old')
    await market.post('/verify-email/resend', {}, { cookie })
    expect(newestMail(amadou.email).code).toMatch(/^\d{6}$/)
  })
})

describe('changing the address', () => {
  it('takes effect when the new address is confirmed, and tells the old one', async () => {
    const member = await createMember(market, { email: 'fatou@example.com' })
    const cookie = await market.signIn(member.email)
    const asked = await market.post(
      '/account/email',
      { newEmail: ' Fatou.Jallow@Example.com ', password: PASSWORD },
      { cookie },
    )
    expect(asked.headers.get('Location')).toBe('/verify-email?return_to=%2Faccount')
    expect(await flashAfter(market, asked, cookie)).toBe(
      'We sent a link and a code to fatou.jallow@example.com. Your address stays fatou@example.com until you confirm it.',
    )
    // Until then the old address is the one: it signs in, and the account page says what waits.
    expect(memberRow('fatou@example.com')).toBeDefined()
    const account = await page(await market.get('/account', { cookie }))
    expect(account.querySelector('#email-heading')?.parentElement?.textContent).toContain(
      'Waiting for you to confirm fatou.jallow@example.com',
    )

    const { link, mail } = newestMail('fatou.jallow@example.com')
    expect(mail.text).toContain('takes the place of your old address')
    const confirmed = await market.post(link, {}, { cookie })
    expect(await flashAfter(market, confirmed, cookie)).toBe(
      'Your address is now fatou.jallow@example.com.',
    )
    expect(memberRow('fatou@example.com')).toBeUndefined()
    expect(memberRow('fatou.jallow@example.com')?.emailVerifiedAt).toEqual(market.clock.now())
    const told = newestMail('fatou@example.com', 'email_changed').mail
    expect(told.text).toContain('now uses fatou.jallow@example.com')
    await market.signIn('fatou.jallow@example.com')
  })

  it('needs the password, a new address and one nobody else has', async () => {
    const member = await createMember(market, { email: 'fatou@example.com' })
    const other = await createMember(market, { email: 'ousman@example.com' })
    const cookie = await market.signIn(member.email)
    const cases: [Record<string, string>, string, string][] = [
      [
        { newEmail: 'new@example.com', password: 'not it at all' },
        'password',
        'That is not your password.',
      ],
      [
        { newEmail: 'not an address', password: PASSWORD },
        'newEmail',
        'Enter an email address like name@example.com.',
      ],
      [
        { newEmail: 'FATOU@example.com', password: PASSWORD },
        'newEmail',
        'That is already your address.',
      ],
      [
        { newEmail: other.email, password: PASSWORD },
        'newEmail',
        'Another account uses that address.',
      ],
    ]
    for (const [form, field, message] of cases) {
      const response = await market.post('/account/email', form, { cookie })
      expect(response.status).toBe(422)
      const document = await page(response)
      expect(fieldError(document, field)).toBe(message)
      // The page comes back at the form, wherever it is on the page.
      expect(document.querySelector('form[action="/account/email#email-heading"]')).not.toBeNull()
      // What was typed stays in the box.
      expect(document.querySelector('#field-newEmail')?.getAttribute('value')).toBe(form.newEmail)
    }
    expect(market.db.select().from(mails).where(eq(mails.kind, 'verify_email')).all()).toEqual([])
  })

  it('refuses to move onto an address someone took meanwhile', async () => {
    const member = await createMember(market, { email: 'fatou@example.com' })
    const cookie = await market.signIn(member.email)
    await market.post(
      '/account/email',
      { newEmail: 'shared@example.com', password: PASSWORD },
      { cookie },
    )
    const { link } = newestMail('shared@example.com')
    await createMember(market, { email: 'shared@example.com' })
    const response = await market.post(link, {}, { cookie })
    expect(await flashAfter(market, response, cookie)).toContain(
      'Another account started using that address',
    )
    expect(memberRow('fatou@example.com')).toBeDefined()
  })

  it('is for members only', async () => {
    const response = await market.post('/account/email', {
      newEmail: 'x@example.com',
      password: PASSWORD,
    })
    expect(response.headers.get('Location')).toMatch(/^\/sign-in/)
  })
})
