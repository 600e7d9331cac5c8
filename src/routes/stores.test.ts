import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { stores } from '../../db/schema'
import { openStore, type StoreFields } from '../models/store'
import { createMember, createOpenMarket, fieldError, page, type TestMarket } from '../test/app'
import { seedListing, seedStore } from '../test/listings'
import { insertTestOrder } from '../test/orders'

let market: TestMarket
afterEach(() => market.cleanup())

const fatouStore = {
  name: "Fatou's Tailoring",
  bio: 'Alterations while you wait.\nWedding outfits to order.\n\nOpen Monday to Saturday.',
  area: 'Brikama, near the market',
  skills: 'Tailoring, alterations, tailoring , wedding outfits',
  phone: '+220 712 3456',
  showPhone: 'on',
  whatsapp: '+220 712 3456',
  showWhatsapp: 'on',
  latitude: '13.2714',
  longitude: '-16.6466',
}

const plainFields: StoreFields = {
  name: 'Lamin Plumbing',
  bio: '',
  area: 'Tanji',
  latitude: null,
  longitude: null,
  phone: '+220 700 0000',
  showPhone: false,
  whatsapp: '',
  showWhatsapp: false,
  mobileMoney: '',
  bankDetails: '',
  skills: [],
}

async function signedInMember(email = 'fatou@example.com') {
  const member = await createMember(market, { displayName: 'Fatou Jallow', email })
  return { member, cookie: await market.signIn(email) }
}

describe('GET /stores/new', () => {
  it('asks visitors to sign in first', async () => {
    market = await createOpenMarket()
    const response = await market.get('/stores/new')
    expect(response.headers.get('Location')).toBe('/sign-in?return_to=%2Fstores%2Fnew')
  })

  it('shows a labelled form, with the town filled in', async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    const document = await page(await market.get('/stores/new', { cookie }))
    for (const name of [
      'name',
      'bio',
      'area',
      'skills',
      'phone',
      'showPhone',
      'whatsapp',
      'latitude',
    ])
      expect(document.querySelector(`label[for="field-${name}"]`), name).not.toBeNull()
    expect(document.querySelector('#field-area')?.getAttribute('value')).toBe('Tanji')
  })
})

describe('POST /stores', () => {
  it.each([
    ['name', 'Fatou\u0000', 'storefront name with a NUL byte', /Give your storefront/, '\u0000'],
    [
      'name',
      '\u200b\u200b\u2800',
      'storefront name of invisible characters',
      /Give your storefront/,
      '',
    ],
    [
      'name',
      'Fatou \u202eThgir',
      'storefront name with a right-to-left override',
      /direction of the text/,
      '',
    ],
    ['bio', 'Tailor\u2066ing', 'bio with a directional isolate', /direction of the text/, ''],
  ])(
    'refuses a %s: %s (422 beside the field, nothing stored)',
    async (field, value, _, message) => {
      market = await createOpenMarket()
      const { cookie } = await signedInMember()
      // A NUL alone is removed, so a name of only a NUL is empty; with text around it the text stays.
      const response = await market.post(
        '/stores',
        { ...fatouStore, [field]: value === 'Fatou\u0000' ? '\u0000' : value },
        { cookie },
      )
      expect(response.status).toBe(422)
      expect(fieldError(await page(response), field)).toMatch(message)
      expect(market.db.select().from(stores).all()).toEqual([])
    },
  )

  it('shows every problem at once, a refused name included', async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    const response = await market.post(
      '/stores',
      { ...fatouStore, name: '\u200b', phone: '', showPhone: 'on' },
      { cookie },
    )
    const document = await page(response)
    expect(fieldError(document, 'name')).toMatch(/Give your storefront/)
    expect(fieldError(document, 'phone')).toMatch(/number you want to show/)
  })

  it('stores names and bios without control characters, keeping paragraphs', async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    const response = await market.post(
      '/stores',
      {
        ...fatouStore,
        name: 'Fatou\u0000 Tailoring\u200b',
        bio: 'Line one\r\n\r\nTwo\u0000\u0008',
      },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(market.db.select().from(stores).get()).toMatchObject({
      name: 'Fatou Tailoring',
      bio: 'Line one\n\nTwo',
    })
  })

  it('opens the storefront at a readable address and shows it to everyone', async () => {
    market = await createOpenMarket()
    const { member, cookie } = await signedInMember()
    const response = await market.post('/stores', fatouStore, { cookie })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/stores/fatous-tailoring')
    expect(market.db.select().from(stores).get()).toMatchObject({
      memberId: member.id,
      skills: 'tailoring,alterations,wedding outfits',
      showPhone: true,
      latitude: 13.2714,
      longitude: -16.6466,
    })

    const document = await page(await market.get('/stores/fatous-tailoring'))
    expect(document.querySelector('h1')?.textContent).toBe("Fatou's Tailoring")
    expect(document.querySelector('.store__header .muted')?.textContent).toMatch(
      /^Brikama, near the market · Member since November 2026$/,
    )
    const paragraphs = [...document.querySelectorAll('.prose p')].map((p) => p.textContent)
    expect(paragraphs).toEqual([
      'Alterations while you wait.\nWedding outfits to order.',
      'Open Monday to Saturday.',
    ])
    expect(document.querySelector('a[href="tel:+2207123456"]')).not.toBeNull()
    expect(document.querySelector('a[href="https://wa.me/2207123456"]')).not.toBeNull()
    expect(
      [...document.querySelectorAll('[aria-label="Skills"] li')].map((li) => li.textContent),
    ).toEqual(['tailoring', 'alterations', 'wedding outfits'])
    expect(document.querySelector('a[href$="/edit"]')).toBeNull()
  })

  it('hides contact numbers the provider chose not to show', async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    await market.post(
      '/stores',
      { ...fatouStore, showPhone: '', showWhatsapp: '' } as Record<string, string>,
      { cookie },
    )
    const html = await (await market.get('/stores/fatous-tailoring')).text()
    expect(html).not.toContain('712')
    expect(html).not.toContain('wa.me')
  })

  it('gives a second storefront with the same name its own address', async () => {
    market = await createOpenMarket()
    const other = await createMember(market)
    openStore(
      market.db,
      market.clock,
      { ...other, role: 'member' },
      { ...plainFields, name: "Fatou's Tailoring" },
    )
    const { cookie } = await signedInMember()
    const response = await market.post('/stores', fatouStore, { cookie })
    expect(response.headers.get('Location')).toBe('/stores/fatous-tailoring-2')
  })

  it('never gives a storefront the address of the "open a storefront" page', async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    const response = await market.post('/stores', { ...fatouStore, name: 'New' }, { cookie })
    expect(response.headers.get('Location')).toBe('/stores/new-store')
  })

  it('opens only one storefront per member', async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    await market.post('/stores', fatouStore, { cookie })
    const again = await market.post('/stores', { ...fatouStore, name: 'Second shop' }, { cookie })
    expect(again.headers.get('Location')).toBe('/stores/fatous-tailoring/edit')
    expect(market.db.select().from(stores).all()).toHaveLength(1)
    const form = await market.get('/stores/new', { cookie })
    expect(form.headers.get('Location')).toBe('/stores/fatous-tailoring/edit')
  })

  it.each([
    ['name', '', /Give your storefront a name/],
    ['name', 'x'.repeat(61), /at most 60/],
    ['bio', 'x'.repeat(1001), /at most 1000/],
    ['skills', 'a,b,c,d,e,f,g,h,i,j,k', /at most 10 skills/],
    ['skills', 'x'.repeat(31), /under 30 characters/],
    ['phone', 'call me maybe', /digits/],
    ['whatsapp', '712 3456', /country code/],
    ['latitude', '91', /between -90 and 90/],
    ['longitude', 'east', /between -180 and 180/],
  ])('explains a bad %s beside the field and opens nothing', async (field, value, message) => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    const response = await market.post('/stores', { ...fatouStore, [field]: value }, { cookie })
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(fieldError(document, field)).toMatch(message)
    expect(document.querySelector('#field-area')?.getAttribute('value')).toBe(fatouStore.area)
    expect(market.db.select().from(stores).all()).toHaveLength(0)
  })

  it('asks for a number to show, and for both halves of a map point', async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    const response = await market.post(
      '/stores',
      { ...fatouStore, phone: '', whatsapp: '', longitude: '' },
      { cookie },
    )
    const document = await page(response)
    expect(fieldError(document, 'phone')).toMatch(/number you want to show/)
    expect(fieldError(document, 'whatsapp')).toMatch(/number you want to show/)
    expect(fieldError(document, 'longitude')).toMatch(/both latitude and longitude/)
  })

  it('does nothing for a visitor', async () => {
    market = await createOpenMarket()
    const response = await market.post('/stores', fatouStore)
    expect(response.headers.get('Location')).toMatch(/^\/sign-in/)
    expect(market.db.select().from(stores).all()).toHaveLength(0)
  })
})

describe('editing a storefront', () => {
  it('lets the owner change it while the address stays put', async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    await market.post('/stores', fatouStore, { cookie })
    const form = await page(await market.get('/stores/fatous-tailoring/edit', { cookie }))
    expect(form.querySelector('#field-skills')?.getAttribute('value')).toBe(
      'tailoring, alterations, wedding outfits',
    )
    expect(form.querySelector('#field-showPhone')?.hasAttribute('checked')).toBe(true)

    const response = await market.post(
      '/stores/fatous-tailoring',
      { ...fatouStore, name: 'Fatou Jallow Tailoring', latitude: '', longitude: '' },
      { cookie },
    )
    expect(response.headers.get('Location')).toBe('/stores/fatous-tailoring')
    expect(market.db.select().from(stores).get()).toMatchObject({
      name: 'Fatou Jallow Tailoring',
      slug: 'fatous-tailoring',
      latitude: null,
    })
    const document = await page(await market.get('/stores/fatous-tailoring', { cookie }))
    expect(document.querySelector('a[href="/stores/fatous-tailoring/edit"]')).not.toBeNull()
  })

  it('keeps the old values when the change is refused', async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    await market.post('/stores', fatouStore, { cookie })
    const response = await market.post(
      '/stores/fatous-tailoring',
      { ...fatouStore, name: '' },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect(market.db.select().from(stores).get()?.name).toBe("Fatou's Tailoring")
  })

  it("answers 404 to another member who tries to edit someone else's storefront", async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    await market.post('/stores', fatouStore, { cookie })
    const intruder = await signedInMember('mallory@example.com')
    expect(
      (await market.get('/stores/fatous-tailoring/edit', { cookie: intruder.cookie })).status,
    ).toBe(404)
    const attempt = await market.post(
      '/stores/fatous-tailoring',
      { ...fatouStore, name: 'Hacked' },
      { cookie: intruder.cookie },
    )
    expect(attempt.status).toBe(404)
    expect(
      market.db.select().from(stores).where(eq(stores.slug, 'fatous-tailoring')).get()?.name,
    ).toBe("Fatou's Tailoring")
  })

  it('saves where buyers pay, shows it again in the form, and not on the storefront', async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    await market.post('/stores', fatouStore, { cookie })
    const bankDetails = 'Trust Bank Gambia\r\nAccount 0012 3456 789\r\nFatou Jallow'
    const response = await market.post(
      '/stores/fatous-tailoring',
      { ...fatouStore, mobileMoney: ' Wave 712 3456 ', bankDetails },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(market.db.select().from(stores).get()).toMatchObject({
      mobileMoney: 'Wave 712 3456',
      bankDetails: 'Trust Bank Gambia\nAccount 0012 3456 789\nFatou Jallow',
    })
    const form = await page(await market.get('/stores/fatous-tailoring/edit', { cookie }))
    expect(form.querySelector('#field-mobileMoney')?.getAttribute('value')).toBe('Wave 712 3456')
    expect(form.querySelector('#field-bankDetails')?.textContent).toContain('Account 0012 3456 789')
    expect(form.querySelector('label[for="field-bankDetails"]')?.textContent).toBe(
      'Bank details for transfers',
    )
    const storefront = await (await market.get('/stores/fatous-tailoring')).text()
    expect(storefront).not.toContain('0012 3456 789')
    expect(storefront).not.toContain('Wave 712 3456')
  })

  it('refuses payment details that are too long, beside the field, keeping what was typed', async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    await market.post('/stores', fatouStore, { cookie })
    const response = await market.post(
      '/stores/fatous-tailoring',
      { ...fatouStore, mobileMoney: 'Wave '.repeat(25), bankDetails: 'x'.repeat(301) },
      { cookie },
    )
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(fieldError(document, 'mobileMoney')).toBe('Use at most 100 characters.')
    expect(fieldError(document, 'bankDetails')).toBe('Use at most 300 characters.')
    expect(document.querySelector('#field-bankDetails')?.textContent).toBe('x'.repeat(301))
    expect(market.db.select().from(stores).get()).toMatchObject({
      mobileMoney: '',
      bankDetails: '',
    })
  })

  it('sends a visitor to sign in rather than showing the edit form', async () => {
    market = await createOpenMarket()
    const { cookie } = await signedInMember()
    await market.post('/stores', fatouStore, { cookie })
    expect((await market.get('/stores/fatous-tailoring/edit')).status).toBe(303)
    expect(
      (await market.post('/stores/fatous-tailoring', { ...fatouStore, name: 'Hacked' })).status,
    ).toBe(303)
    expect(market.db.select().from(stores).get()?.name).toBe("Fatou's Tailoring")
  })
})

describe('GET /stores/:slug', () => {
  it('answers 404 for a storefront that does not exist', async () => {
    market = await createOpenMarket()
    expect((await market.get('/stores/nobody')).status).toBe(404)
  })

  it('counts the listings on sale and the orders completed, not drafts or open orders', async () => {
    market = await createOpenMarket()
    const shop = await seedStore(market, { name: 'Sowe Plumbing' })
    seedListing(market.db, market, shop, { title: 'Blocked drains' })
    seedListing(market.db, market, shop, { title: 'Leaking taps' })
    seedListing(market.db, market, shop, { title: 'Not ready yet', publishedDaysAgo: null })
    const buyer = await createMember(market, { email: 'buyer@example.com' })
    for (const status of ['completed', 'completed', 'completed', 'accepted'] as const)
      insertTestOrder(market.db, { buyerId: buyer.id, storeId: shop.store.id, status })
    const other = await seedStore(market, { name: 'Other Store' })
    insertTestOrder(market.db, { buyerId: buyer.id, storeId: other.store.id, status: 'completed' })

    const document = await page(await market.get('/stores/sowe-plumbing'))
    const facts = [...document.querySelectorAll('.store__header .seller__facts li')]
    expect(facts.map((li) => li.textContent)).toEqual(['2 listings on sale', '3 orders completed'])
    expect(document.querySelectorAll('.listing-grid > li')).toHaveLength(2)
  })

  it('filters the listings by category with chips that work as plain links', async () => {
    market = await createOpenMarket()
    const shop = await seedStore(market, { name: 'Sowe Plumbing' })
    seedListing(market.db, market, shop, { title: 'Blocked drains', categoryId: 101 })
    seedListing(market.db, market, shop, { title: 'Leaking taps', categoryId: 101 })
    seedListing(market.db, market, shop, { title: 'New sockets', categoryId: 102 })
    const titles = (document: Document) =>
      [...document.querySelectorAll('.listing-card__title')].map((title) => title.textContent)
    const chips = (document: Document) =>
      [...document.querySelectorAll('nav[aria-label="Categories in this store"] a')].map((a) => ({
        name: a.textContent,
        href: a.getAttribute('href'),
        current: a.getAttribute('aria-current'),
      }))

    const all = await page(await market.get('/stores/sowe-plumbing'))
    expect(chips(all)).toEqual([
      { name: 'All', href: '/stores/sowe-plumbing#listings', current: 'page' },
      {
        name: 'Plumbing',
        href: '/stores/sowe-plumbing?category=plumbing#listings',
        current: null,
      },
      {
        name: 'Electrical',
        href: '/stores/sowe-plumbing?category=electrical#listings',
        current: null,
      },
    ])
    expect(titles(all)).toHaveLength(3)

    const electrical = await page(await market.get('/stores/sowe-plumbing?category=electrical'))
    expect(titles(electrical)).toEqual(['New sockets'])
    expect(chips(electrical).map((chip) => chip.current)).toEqual([null, null, 'page'])
    expect(electrical.querySelector('.seller__facts li')?.textContent).toBe('3 listings on sale')

    // A category it sells nothing in (or none at all) shows everything, "All" chosen.
    const other = await page(await market.get('/stores/sowe-plumbing?category=hair'))
    expect(titles(other)).toHaveLength(3)
    expect(chips(other)[0]?.current).toBe('page')
  })

  it('shows no chips for a store that sells in one category only', async () => {
    market = await createOpenMarket()
    const shop = await seedStore(market, { name: 'Sowe Plumbing' })
    seedListing(market.db, market, shop, { title: 'Blocked drains', categoryId: 101 })
    seedListing(market.db, market, shop, { title: 'Leaking taps', categoryId: 101 })
    const document = await page(await market.get('/stores/sowe-plumbing'))
    expect(document.querySelector('nav[aria-label="Categories in this store"]')).toBeNull()
    expect(document.querySelectorAll('.listing-grid > li')).toHaveLength(2)
  })

  it('leads its owner to list something, and a visitor back to the market, while it is empty', async () => {
    market = await createOpenMarket()
    const shop = await seedStore(market, { name: 'Sowe Plumbing' })
    const owner = await market.signIn(shop.owner.email)

    const own = await page(await market.get('/stores/sowe-plumbing', { cookie: owner }))
    expect(own.querySelector('.empty__title')?.textContent).toBe('Nothing listed yet')
    const first = own.querySelector('.empty a')
    expect(first?.textContent).toBe('List your first service or item')
    expect(first?.getAttribute('href')).toBe('/listings/new')
    const tools = own.querySelector('nav[aria-label="Manage your store"]')
    expect([...(tools?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'))).toEqual([
      '/stores/sowe-plumbing/edit',
      '/listings/mine',
      '/listings/new',
      '/coupons',
      '/stores/sowe-plumbing/balance',
    ])

    const seen = await page(await market.get('/stores/sowe-plumbing'))
    expect(seen.querySelector('.empty__title')?.textContent).toBe('Nothing on sale here yet')
    expect(seen.querySelector('.empty a')?.getAttribute('href')).toBe('/')
    expect(seen.querySelector('nav[aria-label="Manage your store"]')).toBeNull()
  })
})
