// Confirming an address, as members live it: a new member follows the link in the mail the
// market sent (a real SMTP server on loopback receives it), then turns on two-factor sign-in and
// signs in with a code; another types the mail's code on the phone they signed up on; a third
// moves to a new address.
import { decodeBase32IgnorePadding } from '@oslojs/encoding'
import { linkIn, textOf } from '../mail-server'
import { expect, PASSWORD, test } from './fixtures'
import {
  expectAccessible,
  expectSignedInAs,
  fillSignInForm,
  fillSignUpForm,
  freshCode,
  notice,
  signIn,
  signOut,
} from './steps'

test.describe('Email verification', () => {
  test('a new member confirms from the mail, turns on two-factor and signs in with a code', async ({
    page,
    seed,
    mailbox,
  }) => {
    await seed.site()
    const lamin = { displayName: 'Lamin Touray', email: 'lamin@example.com', password: PASSWORD }
    const used = new Set<string>()

    await test.step('Lamin signs up and is told to look in his mail', async () => {
      await page.goto('/sign-up')
      await fillSignUpForm(page, lamin)
      await page.getByRole('button', { name: 'Create my account' }).click()
      await expect(
        notice(page, 'We sent a link and a code to lamin@example.com to confirm your address.'),
      ).toBeVisible()
    })

    await test.step('his storefront waits for the confirmed address', async () => {
      await page.goto('/stores/new')
      await expect(
        page.getByRole('heading', { name: 'First, confirm your email address' }),
      ).toBeVisible()
      await expect(page.getByRole('button', { name: 'Open my storefront' })).toHaveCount(0)
    })

    await test.step('he follows the link in the mail and confirms', async () => {
      const mail = await mailbox.waitFor(lamin.email, /Confirm your email address/)
      await page.goto(linkIn(mail, '/verify-email/'))
      await expect(page.getByText('Confirm that lamin@example.com is your address')).toBeVisible()
      await expectAccessible(page, 'verify email, link')
      await page.getByRole('button', { name: 'Confirm my address' }).click()
      await expect(notice(page, 'Thank you: lamin@example.com is confirmed.')).toBeVisible()
      await expect(page.getByRole('heading', { name: 'Email address' })).toBeVisible()
      await expect(page.locator('#email-heading + p')).toContainText('confirmed.')
    })

    let key: Uint8Array = new Uint8Array()
    await test.step('he turns on two-factor sign-in', async () => {
      await page.goto('/account/two-factor')
      await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click()
      const secret = (await page.locator('#two-factor-secret').textContent()) ?? ''
      key = decodeBase32IgnorePadding(secret.replace(/\s/g, ''))
      await page.getByLabel('Code from your app').fill(await freshCode(page, key, used))
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click()
      await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible()
      await page.getByRole('link', { name: 'I have kept them' }).click()
      await expect(page.getByRole('heading', { name: 'On' })).toBeVisible()
      await signOut(page)
    })

    await test.step('he signs in with his password and a code from his app', async () => {
      await page.goto('/sign-in')
      await fillSignInForm(page, lamin)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(page.getByRole('heading', { name: 'Enter your sign-in code' })).toBeVisible()
      await page.getByLabel('Code from your app').fill(await freshCode(page, key, used))
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await expectSignedInAs(page, lamin.displayName)
    })
  })

  test('a member types the code from the mail, then opens a storefront', async ({
    page,
    seed,
    mailbox,
    problems,
  }) => {
    problems.allowStatus(422)
    await seed.site()
    const awa = { displayName: 'Awa Sanneh', email: 'awa.sanneh@example.com', password: PASSWORD }
    await page.goto('/sign-up')
    await fillSignUpForm(page, awa)
    await page.getByRole('button', { name: 'Create my account' }).click()
    await expectSignedInAs(page, awa.displayName)

    await test.step('the storefront page sends her to confirm', async () => {
      await page.goto('/stores/new')
      await page.getByRole('link', { name: 'Confirm my address' }).click()
      await expect(page.getByRole('heading', { name: 'Confirm your email address' })).toBeVisible()
      await expectAccessible(page, 'verify email, code')
    })

    await test.step('a mistyped code is named beside the field', async () => {
      await page.getByLabel('Code from the mail').fill('12345')
      await page.getByRole('button', { name: 'Confirm', exact: true }).click()
      await expect(page.getByLabel('Code from the mail')).toHaveAccessibleDescription(
        /Enter the 6-digit code from the mail/,
      )
    })

    await test.step('the code read from the mail on her other device confirms', async () => {
      const mail = await mailbox.waitFor(awa.email, /Confirm your email address/)
      const code = /Your code: (\d{6})/.exec(textOf(mail))?.[1] ?? ''
      await page.getByLabel('Code from the mail').fill(code)
      await page.getByRole('button', { name: 'Confirm', exact: true }).click()
      await expect(notice(page, 'Thank you: awa.sanneh@example.com is confirmed.')).toBeVisible()
      await expect(page).toHaveURL('/stores/new')
      await expect(page.getByRole('button', { name: 'Open my storefront' })).toBeVisible()
    })
  })

  test('a member moves to a new address, which takes effect once confirmed', async ({
    page,
    seed,
    mailbox,
  }) => {
    await seed.site()
    const binta = await seed.member({ displayName: 'Binta Jobe', email: 'binta@example.com' })
    await signIn(page, binta)
    await page.goto('/account')
    await page.getByLabel('New email address').fill('binta.jobe@example.com')
    await page.getByLabel('Your password').fill(binta.password)
    await page.getByRole('button', { name: 'Change email address' }).click()
    await expect(
      notice(page, 'Your address stays binta@example.com until you confirm it.'),
    ).toBeVisible()

    const mail = await mailbox.waitFor('binta.jobe@example.com', /Confirm your email address/)
    await page.goto(linkIn(mail, '/verify-email/'))
    await page.getByRole('button', { name: 'Confirm my address' }).click()
    await expect(notice(page, 'Your address is now binta.jobe@example.com.')).toBeVisible()
    const told = await mailbox.waitFor('binta@example.com', /was changed/)
    expect(textOf(told)).toContain('now uses binta.jobe@example.com')

    await signOut(page)
    await page.goto('/sign-in')
    await fillSignInForm(page, { email: 'binta.jobe@example.com', password: binta.password })
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expectSignedInAs(page, binta.displayName)
  })
})
