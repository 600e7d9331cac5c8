// What a person does, in their words: the pieces the account journeys are made of.
import AxeBuilder from '@axe-core/playwright'
import { generateTOTP } from '@oslojs/otp'
import type { Page } from '@playwright/test'
import { expect, test, type Credentials } from './fixtures'

/** The header's account links: "Sign in"/"Sign up" for visitors, name and "Sign out" for members. */
export function accountNav(page: Page) {
  return page.getByRole('navigation', { name: 'Account' })
}

/** The flash message shown after a form succeeded. */
export function notice(page: Page, text: string | RegExp) {
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

/** Marks the current document; a full page load loses the mark, an htmx swap keeps it. */
export async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1))
}

export async function expectSameDocument(page: Page) {
  const marker = await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)
  expect(marker, 'the page was swapped by htmx, not reloaded').toBe(1)
}

/** Opens `path` and expects Souk's 404 page (the caller allows the 404 in `problems`). */
export async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path)
  expect(response?.status(), `${path} is not found`).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
}

export type StorefrontFields = {
  name?: string
  about?: string
  area?: string
  skills?: string
  phone?: string
  showPhone?: boolean
  whatsapp?: string
  showWhatsapp?: boolean
}

/** Fills the storefront form (new or edit); fields left out are not touched. */
export async function fillStorefrontForm(page: Page, fields: StorefrontFields) {
  if (fields.name !== undefined) await page.getByLabel('Storefront name').fill(fields.name)
  if (fields.about !== undefined) await page.getByLabel('About you').fill(fields.about)
  if (fields.area !== undefined) await page.getByLabel('Town or area').fill(fields.area)
  if (fields.skills !== undefined) await page.getByLabel('Skills and tags').fill(fields.skills)
  if (fields.phone !== undefined) await page.getByLabel('Phone', { exact: true }).fill(fields.phone)
  if (fields.showPhone !== undefined)
    await page.getByLabel('Show my phone number on my storefront').setChecked(fields.showPhone)
  if (fields.whatsapp !== undefined) await page.getByLabel('WhatsApp number').fill(fields.whatsapp)
  if (fields.showWhatsapp !== undefined)
    await page.getByLabel('Show a WhatsApp button on my storefront').setChecked(fields.showWhatsapp)
}

/** One "Package n" or "Variant n" row of the listing form. */
export function optionRow(page: Page, legend: string) {
  return page.getByRole('group', { name: legend, exact: true })
}

export type PackageFields = { name: string; included?: string; price: string; days?: string }

/**
 * The form shows one package (or variant) row to start with: a row that is not there yet is
 * added with "Add another …", as a person would (an htmx swap, or a reload without JavaScript).
 */
async function openRow(page: Page, one: 'Package' | 'Variant', n: number) {
  const row = optionRow(page, `${one} ${n}`)
  if ((await row.count()) === 0) {
    await page.getByRole('button', { name: `Add another ${one.toLowerCase()}` }).click()
    await expect(row).toBeVisible()
  }
  return row
}

export async function fillPackage(page: Page, n: number, item: PackageFields) {
  const row = await openRow(page, 'Package', n)
  await row.getByLabel('Name').fill(item.name)
  if (item.included !== undefined) await row.getByLabel("What's included").fill(item.included)
  await row.getByLabel(/^Price/).fill(item.price)
  if (item.days !== undefined) await row.getByLabel('Turnaround (days)').fill(item.days)
}

export type VariantFields = { name: string; price: string; stock: string }

export async function fillVariant(page: Page, n: number, variant: VariantFields) {
  const row = await openRow(page, 'Variant', n)
  await row.getByLabel('Name').fill(variant.name)
  await row.getByLabel(/^Price/).fill(variant.price)
  await row.getByLabel('In stock').fill(variant.stock)
}

/** A listing's row on "My listings", found by its title (a link, or plain text once archived). */
export function listingRow(page: Page, title: string) {
  return page.getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) })
}

/** The "Status" card on a listing's edit page: its status word and publication buttons. */
export function statusCard(page: Page) {
  return page.getByRole('region', { name: 'Status' })
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * Runs axe (WCAG 2.1 A/AA) on the page as it is now. Serious and critical violations fail softly,
 * listing each and where it is, so one run names them all.
 */
export async function expectAccessible(page: Page, name: string) {
  await test.step(`axe: ${name}`, async () => {
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help} — ${violation.helpUrl}\n` +
          violation.nodes
            .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`)
            .join('\n'),
      )
    expect
      .soft(serious, `serious or critical axe violations on ${name} (${page.url()})`)
      .toEqual([])
  })
}

/**
 * The code an authenticator app shows now, never one already typed: a code is accepted once, so
 * after using one the app (and the test) waits for the next 30-second window.
 */
export async function freshCode(page: Page, key: Uint8Array, used: Set<string>): Promise<string> {
  for (;;) {
    const code = generateTOTP(key, 30, 6)
    if (!used.has(code)) {
      used.add(code)
      return code
    }
    await page.waitForTimeout(1000)
  }
}
