// A member's own data on the account page, from two devices: a phone (the default page) and a
// laptop (its own context). One device signed out from the other, email preferences, the data
// download, and deleting the account.
import { readFile } from 'node:fs/promises'
import { expect, test } from './fixtures'
import {
  expectSignedInAs,
  expectSignedOut,
  fillSignInForm,
  nextPost,
  notice,
  signIn,
} from './steps'

test.describe('Account: devices, email preferences, download and deletion', () => {
  test('a member signs out their laptop, chooses their mail, downloads their data and leaves', async ({
    page: phone,
    seed,
    openDevice,
    problems,
  }) => {
    problems.allowStatus(422)
    await seed.site()
    const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
    const laptop = await openDevice('Desktop Chrome')

    await test.step('Amadou is signed in on his phone and on his laptop', async () => {
      await signIn(phone, amadou)
      await signIn(laptop, amadou)
    })

    await test.step('POST /account/sessions/:sessionId/revocation: the phone signs the laptop out', async () => {
      await phone.goto('/account')
      const devices = phone.getByRole('region', { name: 'Devices signed in' })
      await expect(devices.getByRole('listitem')).toHaveCount(2)
      await expect(devices.getByRole('listitem').filter({ hasText: 'This device' })).toContainText(
        'Chrome on Android',
      )
      await devices.getByRole('button', { name: 'Sign out Chrome on Windows' }).click()
      await expect(devices.getByRole('status')).toHaveText('Signed out of that device.')
      await expect(devices.getByRole('listitem')).toHaveCount(1)
      await expect(devices.getByText('You are not signed in anywhere else.')).toBeVisible()
      await laptop.reload()
      await expectSignedOut(laptop)
    })

    await test.step('POST /account/mail-preferences: no mail about unread messages', async () => {
      const messages = phone.getByLabel(/Messages I have not read/)
      await expect(messages).toBeChecked()
      await messages.uncheck()
      await phone.getByRole('button', { name: 'Save email preferences' }).click()
      await expect(notice(phone, 'Email preferences saved.')).toBeVisible()
      await expect(phone.getByLabel(/Messages I have not read/)).not.toBeChecked()
      await expect(phone.getByLabel('New orders for my store')).toBeChecked()
    })

    await test.step('GET /account/data: his data downloads as a JSON file', async () => {
      const downloading = phone.waitForEvent('download')
      await phone.getByRole('link', { name: 'Download my data' }).click()
      const download = await downloading
      expect(download.suggestedFilename()).toMatch(/^souk-data-\d{4}-\d{2}-\d{2}\.json$/)
      const data = JSON.parse(await readFile(await download.path(), 'utf8'))
      expect(data.profile).toMatchObject({ email: amadou.email, displayName: 'Amadou Ceesay' })
      expect(data.mailPreferences).toMatchObject({ messages: false, new_order: true })
      expect(data.sessions).toHaveLength(1)
      expect(JSON.stringify(data)).not.toMatch(/argon2|passwordHash|secretHash/)
    })

    await test.step('POST /account/deletion: a wrong password is named beside the field', async () => {
      await phone.getByRole('link', { name: 'Delete my account' }).click()
      await expect(phone.getByRole('heading', { name: 'Delete your account' })).toBeVisible()
      await expect(
        phone.getByText(/Orders, payments and the market's books are kept/),
      ).toBeVisible()
      await phone.getByLabel('Your password').fill('papaya trees by the sea')
      await phone.getByLabel('I understand that my account is deleted for good.').check()
      const posted = nextPost(phone, '/account/deletion')
      await phone.getByRole('button', { name: 'Delete my account' }).click()
      expect((await posted).status()).toBe(422)
      await expect(phone.getByLabel('Your password')).toHaveAccessibleDescription(
        'That is not your password.',
      )
      await expectSignedInAs(phone, amadou.displayName)
    })

    await test.step('with his password, the account is deleted and he is signed out', async () => {
      await phone.getByLabel('Your password').fill(amadou.password)
      await phone.getByLabel('I understand that my account is deleted for good.').check()
      await phone.getByRole('button', { name: 'Delete my account' }).click()
      await expect(notice(phone, 'Your account is deleted.')).toBeVisible()
      await expect(phone).toHaveURL('/')
      await expectSignedOut(phone)
    })

    await test.step('he cannot sign in again', async () => {
      await phone.goto('/sign-in')
      await fillSignInForm(phone, amadou)
      const posted = nextPost(phone, '/sign-in')
      await phone.getByRole('button', { name: 'Sign in' }).click()
      expect((await posted).status()).toBe(422)
      await expect(phone.getByLabel('Password')).toHaveAccessibleDescription(
        'That email and password do not match an account.',
      )
    })
  })
})
