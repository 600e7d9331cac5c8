// Opening and editing a storefront with JavaScript on, and nobody else getting at its edit form.
import { expect, test } from './fixtures'
import {
  accountNav,
  expectNotFound,
  expectSameDocument,
  fillStorefrontForm,
  markDocument,
  nextPost,
  notice,
  signIn,
} from './steps'

const storefront = {
  name: "Amadou's Plumbing",
  about: 'Twenty years of taps, pipes and water tanks.\n\nCall-outs in Tanji and Brufut.',
  area: 'Tanji, near the fish market',
  skills: 'Plumbing, water tanks, emergency call-outs',
  phone: '+220 712 3456',
  showPhone: true,
  whatsapp: '+220 765 4321',
  showWhatsapp: true,
}
const slug = 'amadous-plumbing'

/** "November 2026": how the storefront says when its owner joined. */
function thisMonth() {
  return new Intl.DateTimeFormat('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'Africa/Banjul',
  }).format(new Date())
}

test.describe('GET /stores/new, POST /stores, POST /stores/:slug (JavaScript on)', () => {
  test('Amadou opens his storefront from the home page, fixes a mistake and edits it', async ({
    page,
    seed,
    problems,
  }) => {
    problems.allowStatus(422)
    await seed.site()
    const amadou = await seed.member({ displayName: 'Amadou Ceesay' })

    await test.step('signed in, the header invites him to open a store', async () => {
      await signIn(page, amadou)
      await markDocument(page)
      await accountNav(page).getByRole('link', { name: 'Open a store' }).click()
      await expect(page).toHaveURL('/stores/new')
      await expect(
        page.getByRole('heading', { level: 1, name: 'Open your storefront' }),
      ).toBeVisible()
      await expect(page.getByLabel('Town or area'), 'the town is suggested').toHaveValue('Tanji')
    })

    await test.step('a WhatsApp number without its country code is refused beside the field', async () => {
      await fillStorefrontForm(page, { ...storefront, whatsapp: '765 4321' })
      const posted = nextPost(page, '/stores')
      await page.getByRole('button', { name: 'Open my storefront' }).click()
      expect((await posted).status()).toBe(422)
      const whatsapp = page.getByLabel('WhatsApp number')
      await expect(whatsapp).toHaveAccessibleDescription(
        /Enter the WhatsApp number with its country code, e\.g\. \+220 712 3456\./,
      )
      await expect(whatsapp).toHaveAttribute('aria-invalid', 'true')
      await expect(page.getByRole('alert')).toContainText('There is a problem:')
      await expect(page.getByRole('alert')).toBeFocused()
    })

    await test.step('everything he typed is still there', async () => {
      await expect(page.getByLabel('WhatsApp number')).toHaveValue('765 4321')
      await expect(page.getByLabel('Storefront name')).toHaveValue(storefront.name)
      await expect(page.getByLabel('About you')).toHaveValue(storefront.about)
      await expect(page.getByLabel('Town or area')).toHaveValue(storefront.area)
      await expect(page.getByLabel('Skills and tags')).toHaveValue(storefront.skills)
      await expect(page.getByLabel('Phone', { exact: true })).toHaveValue(storefront.phone)
      await expect(page.getByLabel('Show my phone number on my storefront')).toBeChecked()
      await expect(page.getByLabel('Show a WhatsApp button on my storefront')).toBeChecked()
    })

    await test.step('with the country code, the storefront opens', async () => {
      await fillStorefrontForm(page, { whatsapp: storefront.whatsapp })
      await page.getByRole('button', { name: 'Open my storefront' }).click()
      await expect(notice(page, "Amadou's Plumbing is open. Welcome to the market!")).toBeVisible()
      await expect(page).toHaveURL(`/stores/${slug}`)
      await expect(page).toHaveTitle("Amadou's Plumbing · Tanji Market")
      await expectSameDocument(page)
    })

    await test.step('the storefront shows how to reach him, his skills and since when', async () => {
      await expect(page.getByRole('heading', { level: 1, name: storefront.name })).toBeVisible()
      await expect(page.getByText(`${storefront.area} · Member since ${thisMonth()}`)).toBeVisible()
      await expect(page.getByRole('link', { name: 'Call +220 712 3456' })).toHaveAttribute(
        'href',
        'tel:+2207123456',
      )
      await expect(page.getByRole('link', { name: 'WhatsApp Amadou Ceesay' })).toHaveAttribute(
        'href',
        'https://wa.me/2207654321',
      )
      await expect(page.getByRole('list', { name: 'Skills' }).getByRole('listitem')).toHaveText([
        'plumbing',
        'water tanks',
        'emergency call-outs',
      ])
      await expect(page.getByText('Call-outs in Tanji and Brufut.')).toBeVisible()
      await expect(page.getByText('Nothing listed yet')).toBeVisible()
      await expect(
        page.getByRole('link', { name: 'List your first service or item' }),
      ).toHaveAttribute('href', '/listings/new')
    })

    await test.step('he edits it: a new line about him, and his phone number hidden', async () => {
      await page.getByRole('link', { name: 'Edit storefront' }).click()
      await expect(page).toHaveURL(`/stores/${slug}/edit`)
      await expect(
        page.getByRole('heading', { level: 1, name: 'Edit your storefront' }),
      ).toBeVisible()
      await expect(page.getByLabel('Skills and tags')).toHaveValue(
        'plumbing, water tanks, emergency call-outs',
      )
      await fillStorefrontForm(page, {
        about: 'Thirty years of taps, pipes and water tanks.',
        showPhone: false,
      })
      await page.getByRole('button', { name: 'Save changes' }).click()
      await expect(notice(page, 'Storefront saved.')).toBeVisible()
      await expect(page).toHaveURL(`/stores/${slug}`)
      await expect(page.getByText('Thirty years of taps, pipes and water tanks.')).toBeVisible()
      await expect(page.getByText('Twenty years')).toHaveCount(0)
      await expect(page.getByRole('link', { name: /^Call/ })).toHaveCount(0)
      await expect(page.getByRole('link', { name: 'WhatsApp Amadou Ceesay' })).toBeVisible()
      await expectSameDocument(page)
    })

    await test.step('every page now leads to his storefront', async () => {
      await page.getByRole('link', { name: 'Tanji Market', exact: true }).click()
      await accountNav(page).getByRole('link', { name: 'My store' }).click()
      await expect(page).toHaveURL(`/stores/${slug}`)
    })
  })
})

test.describe('GET /stores/:slug/edit by anyone but the owner', () => {
  test('another member gets a 404, a visitor is asked to sign in, neither can edit', async ({
    seed,
    openDevice,
    problems,
  }) => {
    problems.allowStatus(404)
    await seed.site()
    const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
    seed.store(amadou, { name: storefront.name, area: 'Tanji' })
    const isatou = await seed.member({ displayName: 'Isatou Bah' })
    const phone = await openDevice('Pixel 7')
    const visitor = await openDevice('Pixel 7')

    await test.step('Isatou, signed in on her own phone, gets the not-found page', async () => {
      await signIn(phone, isatou)
      await expectNotFound(phone, `/stores/${slug}/edit`)
      await expectNotFound(phone, '/stores/no-such-store')
    })

    await test.step('a form post to his storefront from her session is a 404 too', async () => {
      const response = await phone.request.post(`/stores/${slug}`, {
        form: { name: 'Taken over' },
        headers: { Origin: new URL(phone.url()).origin },
        maxRedirects: 0,
      })
      expect(response.status()).toBe(404)
      await phone.goto(`/stores/${slug}`)
      await expect(phone.getByRole('heading', { level: 1, name: storefront.name })).toBeVisible()
      await expect(phone.getByRole('link', { name: 'Edit storefront' })).toHaveCount(0)
    })

    await test.step('a visitor sees the storefront without an edit link', async () => {
      await visitor.goto(`/stores/${slug}`)
      await expect(visitor.getByRole('heading', { level: 1, name: storefront.name })).toBeVisible()
      await expect(visitor.getByRole('link', { name: 'Edit storefront' })).toHaveCount(0)
      await expect(accountNav(visitor).getByRole('link', { name: 'Sign in' })).toBeVisible()
    })

    await test.step('and opening the edit address asks the visitor to sign in first', async () => {
      await visitor.goto(`/stores/${slug}/edit`)
      await expect(visitor).toHaveURL(
        `/sign-in?return_to=${encodeURIComponent(`/stores/${slug}/edit`)}`,
      )
      await expect(visitor.getByRole('heading', { name: 'Sign in' })).toBeVisible()
      await expect(visitor.getByLabel('Storefront name')).toHaveCount(0)
    })
  })
})
