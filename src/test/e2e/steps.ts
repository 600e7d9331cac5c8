// What a person does, in their words: the pieces the account journeys are made of.
import type { Page } from '@playwright/test'
import { expect, type Credentials } from './fixtures'

/** The header's account links: "Sign in"/"Sign up" for visitors, name and "Sign out" for members. */
export function accountNav(page: Page) {
  return page.getByRole('navigation', { name: 'Account' })
}

/** The flash message shown after a form succeeded. */
export function notice(page: Page, text: string) {
  return page.getByRole('status').filter({ hasText: text })
}

export async function expectSignedInAs(page: Page, displayName: string) {
  await expect(accountNav(page).getByRole('link', { name: displayName })).toHaveAttribute(
    'href',
    '/account',
  )
  await expect(accountNav(page).getByRole('button', { name: 'Sign out' })).toBeVisible()
}

export async function expectSignedOut(page: Page) {
  await expect(accountNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible()
  await expect(accountNav(page).getByRole('button', { name: 'Sign out' })).toHaveCount(0)
}

/** Fills the first-run form opened from the server's setup link. */
export async function fillSetupForm(
  page: Page,
  market: { marketName: string; town: string },
  operator: Credentials,
) {
  await page.getByLabel('Market name').fill(market.marketName)
  await page.getByLabel('Town or area').fill(market.town)
  await page.getByLabel('Currency').fill('GMD')
  await page.getByLabel('Language and region').fill('en-GB')
  await page.getByLabel('Time zone').fill('Africa/Banjul')
  await page.getByLabel('Your name').fill(operator.displayName)
  await page.getByLabel('Email').fill(operator.email)
  await page.getByLabel('Password').fill(operator.password)
}

export async function fillSignUpForm(page: Page, member: Credentials) {
  await page.getByLabel('Your name').fill(member.displayName)
  await page.getByLabel('Email').fill(member.email)
  await page.getByLabel('Password').fill(member.password)
}

export async function fillSignInForm(page: Page, credentials: { email: string; password: string }) {
  await page.getByLabel('Email').fill(credentials.email)
  await page.getByLabel('Password').fill(credentials.password)
}

/** Signs in from the sign-in page and waits until the header says so. */
export async function signIn(page: Page, member: Credentials) {
  await page.goto('/sign-in')
  await fillSignInForm(page, member)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(notice(page, `Signed in as ${member.displayName}.`)).toBeVisible()
  await expectSignedInAs(page, member.displayName)
}

export async function signOut(page: Page) {
  await accountNav(page).getByRole('button', { name: 'Sign out' }).click()
  await expect(notice(page, 'You are signed out.')).toBeVisible()
  await expectSignedOut(page)
}

/** The response to the next form POST to `path` (boosted or not). */
export function nextPost(page: Page, path: string) {
  return page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' && new URL(response.url()).pathname === path,
  )
}
