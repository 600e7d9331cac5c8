// The account page from two devices: a phone (the default page) and a laptop (its own context).
import { expect, test } from './fixtures'
import {
  expectSignedInAs,
  expectSignedOut,
  fillSignInForm,
  nextPost,
  notice,
  signIn,
} from './steps'

test.describe('Account: signing out other devices', () => {
  test('"Sign out everywhere else" on the phone signs the laptop out', async ({
    page: phone,
    seed,
    openDevice,
  }) => {
    await seed.site()
    const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
    const laptop = await openDevice('Desktop Chrome')

    await test.step('Amadou signs in on his phone and on his laptop', async () => {
      await signIn(phone, amadou)
      await signIn(laptop, amadou)
    })

    await test.step('his account page lists both devices', async () => {
      await phone.goto('/account')
      await expect(phone.getByRole('heading', { name: 'Devices signed in' })).toBeVisible()
      // Recent sign-ins name the same devices: look only at the devices list.
      const devices = phone.locator('.devices')
      await expect(devices.getByRole('listitem').filter({ hasText: 'This device' })).toContainText(
        'Chrome on Android',
      )
      await expect(
        devices.getByRole('listitem').filter({ hasText: 'Chrome on Windows' }),
      ).toContainText('last seen')
    })

    await test.step('from the phone he signs out everywhere else', async () => {
      await phone.getByRole('button', { name: 'Sign out everywhere else (1 other device)' }).click()
      await expect(notice(phone, 'Signed out of 1 other device.')).toBeVisible()
      await expect(phone.getByText('You are not signed in anywhere else.')).toBeVisible()
      await expectSignedInAs(phone, amadou.displayName)
    })

    await test.step("the laptop's next page load shows him signed out", async () => {
      await laptop.reload()
      await expectSignedOut(laptop)
      await laptop.goto('/account')
      await expect(laptop).toHaveURL('/sign-in?return_to=%2Faccount')
      await expect(laptop.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    })
  })
})

test.describe('Account: changing the password', () => {
  test('a new password signs other devices out and is the one that works', async ({
    page: phone,
    seed,
    openDevice,
    problems,
  }) => {
    problems.allowStatus(422)
    await seed.site()
    const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
    const newPassword = 'baobab shade at noon'
    const laptop = await openDevice('Desktop Chrome')

    await test.step('Amadou is signed in on his phone and his laptop', async () => {
      await signIn(phone, amadou)
      await signIn(laptop, amadou)
    })

    await test.step('a wrong current password is named beside that field', async () => {
      await phone.goto('/account')
      await phone.getByLabel('Current password').fill('papaya trees by the sea')
      await phone.getByLabel('New password').fill(newPassword)
      const posted = nextPost(phone, '/account/password')
      await phone.getByRole('button', { name: 'Change password' }).click()
      expect((await posted).status()).toBe(422)
      await expect(phone.getByLabel('Current password')).toHaveAccessibleDescription(
        'That is not your current password.',
      )
    })

    await test.step('with the right current password, the password changes', async () => {
      await phone.getByLabel('Current password').fill(amadou.password)
      await phone.getByLabel('New password').fill(newPassword)
      await phone.getByRole('button', { name: 'Change password' }).click()
      await expect(
        notice(phone, 'Password changed. Other devices have been signed out.'),
      ).toBeVisible()
      await expect(phone.getByText('You are not signed in anywhere else.')).toBeVisible()
      await expectSignedInAs(phone, amadou.displayName)
    })

    await test.step('the laptop is signed out and the old password no longer works', async () => {
      await laptop.reload()
      await expectSignedOut(laptop)
      await laptop.goto('/sign-in')
      await fillSignInForm(laptop, amadou)
      const posted = nextPost(laptop, '/sign-in')
      await laptop.getByRole('button', { name: 'Sign in' }).click()
      expect((await posted).status()).toBe(422)
      await expect(laptop.getByLabel('Password')).toHaveAccessibleDescription(
        'That email and password do not match an account.',
      )
    })

    await test.step('the new password signs him in', async () => {
      await signIn(laptop, { ...amadou, password: newPassword })
    })
  })
})
