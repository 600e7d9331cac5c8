import { eq } from 'drizzle-orm'
import { parseHTML } from 'linkedom'
import { afterEach, describe, expect, it } from 'vitest'
import { favourites, listings, stores } from '../../../db/schema'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  createProvider,
  ORIGIN,
  page,
  PASSWORD,
  serviceForm,
  sessionCookie,
  type TestMarket,
} from '../../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

const HTMX = { 'HX-Request': 'true' }

/** A provider's service listing, on sale unless told otherwise. */
async function listingOnSale(publish = true) {
  const { cookie } = await createProvider(market)
  const response = await market.post('/listings', serviceForm, { cookie })
  const id = Number(/\/listings\/(\d+)\/edit/.exec(response.headers.get('Location')!)![1])
  if (publish) await market.post(`/listings/${id}/publication`, {}, { cookie })
  const listing = market.db.select().from(listings).where(eq(listings.id, id)).get()!
  return { id, path: `/listings/${id}-${listing.slug}`, providerCookie: cookie }
}

async function buyer(email = 'binta@example.com') {
  const member = await createMember(market, { displayName: 'Binta Touray', email })
  return { member, cookie: await market.signIn(email) }
}

function savedBy(memberId: number) {
  return market.db
    .select()
    .from(favourites)
    .where(eq(favourites.memberId, memberId))
    .all()
    .map((row) => row.listingId)
}

/** A DELETE as htmx sends it: no body, the form's fields in the query string. */
function htmxDelete(path: string, cookie: string) {
  return market.app.request(`${ORIGIN}${path}`, {
    method: 'DELETE',
    headers: { ...HTMX, Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' },
  })
}

function storeSlugOf(listingId: number) {
  return market.db
    .select({ slug: stores.slug })
    .from(listings)
    .innerJoin(stores, eq(stores.id, listings.storeId))
    .where(eq(listings.id, listingId))
    .get()!.slug
}

/** The heart's button in a page or fragment. */
function heart(document: Document, listingId: number) {
  return document.querySelector(`#favourite-${listingId} button`)
}

describe('POST /listings/:id/favourite', () => {
  it('saves the listing and comes back to the page the heart was on, with a message', async () => {
    market = await createOpenMarket()
    const { id } = await listingOnSale()
    const { member, cookie } = await buyer()
    const response = await market.post(
      `/listings/${id}/favourite`,
      { returnTo: '/stores/lamin?x=1' },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/stores/lamin?x=1')
    expect(savedBy(member.id)).toEqual([id])
    const home = await page(
      await market.get('/', { cookie: `${cookie}; ${cookiesFrom(response)}` }),
    )
    expect(home.querySelector('.flash')?.textContent).toBe(
      'Saved Leaking tap repair to your favourites.',
    )
  })

  it('comes back to the listing page when the form says nowhere, or somewhere off the site', async () => {
    market = await createOpenMarket()
    const { id, path } = await listingOnSale()
    const { cookie } = await buyer()
    for (const returnTo of [undefined, 'https://evil.example/', '//evil.example'])
      expect(
        (
          await market.post(`/listings/${id}/favourite`, returnTo ? { returnTo } : {}, { cookie })
        ).headers.get('Location'),
      ).toBe(path)
  })

  it('is harmless when submitted twice: one favourite, no error', async () => {
    market = await createOpenMarket()
    const { id } = await listingOnSale()
    const { member, cookie } = await buyer()
    const first = await market.post(`/listings/${id}/favourite`, {}, { cookie })
    const second = await market.post(`/listings/${id}/favourite`, {}, { cookie })
    expect([first.status, second.status]).toEqual([303, 303])
    expect(savedBy(member.id)).toEqual([id])
  })

  it('with htmx, answers the filled heart itself, to swap in place', async () => {
    market = await createOpenMarket()
    const { id, path } = await listingOnSale()
    const { member, cookie } = await buyer()
    const response = await market.post(
      `/listings/${id}/favourite`,
      { returnTo: path },
      { cookie, headers: HTMX },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('Vary')).toContain('HX-Request')
    const html = await response.text()
    expect(html).toMatch(/^<form /)
    expect(html).not.toContain('<html')
    const { document } = parseHTML(html)
    const form = document.getElementById(`favourite-${id}`)!
    expect(form.getAttribute('data-hx-delete')).toBe(`/listings/${id}/favourite`)
    expect(form.getAttribute('data-hx-swap')).toBe('outerHTML')
    expect(form.querySelector('input[name=_method]')?.getAttribute('value')).toBe('DELETE')
    expect(form.querySelector('input[name=returnTo]')?.getAttribute('value')).toBe(path)
    expect(heart(document, id)?.getAttribute('aria-label')).toBe(
      'Saved. Remove Leaking tap repair from favourites',
    )
    expect(savedBy(member.id)).toEqual([id])
  })

  it('answers 404 for a listing that is not on sale or does not exist, and saves nothing', async () => {
    market = await createOpenMarket()
    const draft = await listingOnSale(false)
    const paused = await listingOnSale()
    await market.post(
      `/listings/${paused.id}/publication`,
      { _method: 'DELETE' },
      { cookie: paused.providerCookie },
    )
    const { member, cookie } = await buyer()
    for (const id of [draft.id, paused.id, 999999]) {
      const response = await market.post(`/listings/${id}/favourite`, {}, { cookie })
      expect(response.status).toBe(404)
      expect((await page(response)).querySelector('h1')?.textContent).toBe('Page not found')
    }
    // The provider's own draft is no exception: only listings on sale are saved.
    const own = await market.post(
      `/listings/${draft.id}/favourite`,
      {},
      {
        cookie: draft.providerCookie,
      },
    )
    expect(own.status).toBe(404)
    expect(market.db.select().from(favourites).all()).toEqual([])
    expect(savedBy(member.id)).toEqual([])
  })

  it('with htmx, puts a note where the heart was when the listing has gone off sale', async () => {
    market = await createOpenMarket()
    const { id, providerCookie } = await listingOnSale()
    await market.post(
      `/listings/${id}/publication`,
      { _method: 'DELETE' },
      { cookie: providerCookie },
    )
    const { cookie } = await buyer()
    const response = await market.post(`/listings/${id}/favourite`, {}, { cookie, headers: HTMX })
    expect(response.status).toBe(404)
    const html = await response.text()
    expect(html).toBe(
      `<p class="favourite favourite--gone" id="favourite-${id}" role="status">No longer on sale</p>`,
    )
  })

  it.each(['abc', '12abc', '-1', '99999999999999999999999999', '1e3'])(
    'answers 404 for a bad id (%s), never 500',
    async (id) => {
      market = await createOpenMarket()
      const { cookie } = await buyer()
      const response = await market.post(`/listings/${id}/favourite`, {}, { cookie })
      expect(response.status).toBe(404)
      const htmx = await market.post(`/listings/${id}/favourite`, {}, { cookie, headers: HTMX })
      expect(htmx.status).toBe(404)
    },
  )
})

describe('removing: POST /listings/:id/favourite with _method=DELETE, or DELETE', () => {
  it('removes it and comes back with a message; removing it again is fine', async () => {
    market = await createOpenMarket()
    const { id } = await listingOnSale()
    const { member, cookie } = await buyer()
    await market.post(`/listings/${id}/favourite`, {}, { cookie })
    for (const attempt of [1, 2]) {
      const response = await market.post(
        `/listings/${id}/favourite`,
        { _method: 'DELETE', returnTo: '/favourites' },
        { cookie },
      )
      expect(response.status, `attempt ${attempt}`).toBe(303)
      expect(response.headers.get('Location')).toBe('/favourites')
      const next = await page(
        await market.get('/favourites', { cookie: `${cookie}; ${cookiesFrom(response)}` }),
      )
      expect(next.querySelector('.flash')?.textContent).toBe(
        'Removed Leaking tap repair from your favourites.',
      )
    }
    expect(savedBy(member.id)).toEqual([])
  })

  it('with htmx, a real DELETE answers the empty heart, keeping the return path from the query', async () => {
    market = await createOpenMarket()
    const { id } = await listingOnSale()
    const { member, cookie } = await buyer()
    await market.post(`/listings/${id}/favourite`, {}, { cookie })
    const response = await htmxDelete(
      `/listings/${id}/favourite?returnTo=${encodeURIComponent('/favourites?page=2')}`,
      cookie,
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('Vary')).toContain('HX-Request')
    const { document } = parseHTML(await response.text())
    const form = document.getElementById(`favourite-${id}`)!
    expect(form.getAttribute('data-hx-post')).toBe(`/listings/${id}/favourite`)
    expect(form.querySelector('input[name=_method]')).toBeNull()
    expect(form.querySelector('input[name=returnTo]')?.getAttribute('value')).toBe(
      '/favourites?page=2',
    )
    expect(heart(document, id)?.getAttribute('aria-label')).toBe(
      'Save Leaking tap repair to favourites',
    )
    expect(savedBy(member.id)).toEqual([])
    expect((await htmxDelete(`/listings/${id}/favourite`, cookie)).status).toBe(200)
  })

  it('still removes a favourite whose listing went off sale, but reveals no draft by its id', async () => {
    market = await createOpenMarket()
    const saved = await listingOnSale()
    const draft = await listingOnSale(false)
    const { member, cookie } = await buyer()
    await market.post(`/listings/${saved.id}/favourite`, {}, { cookie })
    await market.post(
      `/listings/${saved.id}/publication`,
      { _method: 'DELETE' },
      { cookie: saved.providerCookie },
    )
    const removed = await market.post(
      `/listings/${saved.id}/favourite`,
      { _method: 'DELETE' },
      { cookie },
    )
    expect(removed.status).toBe(303)
    expect(savedBy(member.id)).toEqual([])
    const guessed = await market.post(
      `/listings/${draft.id}/favourite`,
      { _method: 'DELETE' },
      { cookie, headers: HTMX },
    )
    expect(guessed.status).toBe(404)
    expect(await guessed.text()).not.toContain('Leaking tap repair')
  })
})

describe("another member's favourites", () => {
  it('are neither seen nor changed by my hearts', async () => {
    market = await createOpenMarket()
    const { id } = await listingOnSale()
    const binta = await buyer('binta@example.com')
    const musa = await buyer('musa@example.com')
    await market.post(`/listings/${id}/favourite`, {}, { cookie: binta.cookie })

    // Musa's heart is empty, and his DELETE removes only his own (absent) favourite.
    const home = await page(await market.get('/', { cookie: musa.cookie }))
    expect(heart(home, id)?.getAttribute('aria-label')).toBe(
      'Save Leaking tap repair to favourites',
    )
    await market.post(`/listings/${id}/favourite`, { _method: 'DELETE' }, { cookie: musa.cookie })
    await htmxDelete(`/listings/${id}/favourite`, musa.cookie)
    expect(savedBy(binta.member.id)).toEqual([id])
    const empty = await page(await market.get('/favourites', { cookie: musa.cookie }))
    expect(empty.querySelector('.listing-grid')).toBeNull()
    expect(empty.querySelector('.empty__title')?.textContent).toBe('Nothing saved yet')
  })
})

describe('a visitor taps a heart', () => {
  it('is asked to sign in, then lands back where they were with the favourite saved', async () => {
    market = await createOpenMarket()
    const { id } = await listingOnSale()
    const { member } = await buyer()

    const tapped = await market.post(`/listings/${id}/favourite`, {
      returnTo: '/stores/lamin?page=2',
    })
    expect(tapped.status).toBe(303)
    const signInPath = tapped.headers.get('Location')!
    expect(signInPath).toBe(`/sign-in?return_to=%2Fstores%2Flamin%3Fpage%3D2&favourite=${id}`)
    expect(market.db.select().from(favourites).all()).toEqual([])

    const form = await page(await market.get(signInPath))
    expect(form.querySelector('main p')?.textContent).toBe(
      'Sign in to save Leaking tap repair to your favourites.',
    )
    const hidden = (name: string) =>
      form.querySelector(`form[action="/sign-in"] input[name=${name}]`)?.getAttribute('value')
    expect(hidden('returnTo')).toBe('/stores/lamin?page=2')
    expect(hidden('favourite')).toBe(String(id))
    expect(
      form.querySelector('main a[href^="/sign-up"]')?.getAttribute('href'),
      'signing up instead keeps the favourite',
    ).toBe(`/sign-up?return_to=%2Fstores%2Flamin%3Fpage%3D2&favourite=${id}`)

    const signedIn = await market.post('/sign-in', {
      email: 'binta@example.com',
      password: PASSWORD,
      returnTo: hidden('returnTo')!,
      favourite: hidden('favourite')!,
    })
    expect(signedIn.status).toBe(303)
    expect(signedIn.headers.get('Location')).toBe('/stores/lamin?page=2')
    expect(savedBy(member.id)).toEqual([id])
    const landed = await page(
      await market.get('/', {
        cookie: `${sessionCookie(signedIn)}; ${cookiesFrom(signedIn)}`,
      }),
    )
    expect(landed.querySelector('.flash')?.textContent).toBe(
      'Signed in as Binta Touray. Saved Leaking tap repair to your favourites.',
    )
    expect(heart(landed, id)?.getAttribute('aria-label')).toMatch(
      /^Saved\. Remove Leaking tap repair/,
    )
  })

  it('with htmx, is sent to the sign-in page as a whole page, not into the heart', async () => {
    market = await createOpenMarket()
    const { id, path } = await listingOnSale()
    const response = await market.post(
      `/listings/${id}/favourite`,
      { returnTo: path },
      { headers: HTMX },
    )
    expect(response.status).toBe(204)
    expect(response.headers.get('HX-Redirect')).toBe(
      `/sign-in?return_to=${encodeURIComponent(path)}&favourite=${id}`,
    )
  })

  it('who signs up instead gets the favourite saved too', async () => {
    market = await createOpenMarket()
    const { id } = await listingOnSale()
    const form = await page(await market.get(`/sign-up?return_to=%2F&favourite=${id}`))
    expect(form.querySelector('main')?.textContent).toContain(
      'Create an account to save Leaking tap repair to your favourites.',
    )
    const response = await market.post('/sign-up', {
      displayName: 'Isatou Bah',
      email: 'isatou@example.com',
      password: PASSWORD,
      returnTo: '/',
      favourite: String(id),
    })
    expect(response.status).toBe(303)
    const home = await page(
      await market.get('/', { cookie: `${sessionCookie(response)}; ${cookiesFrom(response)}` }),
    )
    expect(home.querySelector('.flash')?.textContent).toBe(
      'Welcome to Tanji Market, Isatou Bah! We sent a link and a code to isatou@example.com to confirm your address. Saved Leaking tap repair to your favourites.',
    )
    expect(
      market.db
        .select()
        .from(favourites)
        .all()
        .map((row) => row.listingId),
    ).toEqual([id])
  })

  it('keeps the favourite through a wrong password, and ignores one that cannot be saved', async () => {
    market = await createOpenMarket()
    const { id } = await listingOnSale()
    const draft = await listingOnSale(false)
    const { member } = await buyer()
    const wrong = await market.post('/sign-in', {
      email: 'binta@example.com',
      password: 'not the password at all',
      favourite: String(id),
    })
    expect(wrong.status).toBe(422)
    const again = await page(wrong)
    expect(again.querySelector('input[name=favourite]')?.getAttribute('value')).toBe(String(id))
    expect(again.querySelector('main p')?.textContent).toContain('Leaking tap repair')

    const odd = await market.post('/sign-in', {
      email: 'binta@example.com',
      password: PASSWORD,
      favourite: String(draft.id),
    })
    expect(odd.status).toBe(303)
    const junk = await market.post('/sign-in', {
      email: 'binta@example.com',
      password: PASSWORD,
      favourite: '1e3',
    })
    expect(junk.status).toBe(303)
    expect(savedBy(member.id)).toEqual([])
    // The sign-in page does not name a draft either.
    const draftPage = await page(await market.get(`/sign-in?favourite=${draft.id}`))
    expect(draftPage.querySelector('input[name=favourite]')).toBeNull()
    expect(draftPage.body.textContent).not.toContain('Leaking tap repair')
  })

  it('never saves on a GET, even when already signed in', async () => {
    market = await createOpenMarket()
    const { id } = await listingOnSale()
    const { member, cookie } = await buyer()
    const response = await market.get(`/sign-in?return_to=%2F&favourite=${id}`, { cookie })
    expect(response.status).toBe(303)
    expect(savedBy(member.id)).toEqual([])
  })
})

describe('hearts on pages', () => {
  it('the listing page, home page and storefront show the member’s own state', async () => {
    market = await createOpenMarket()
    const { id, path } = await listingOnSale()
    const { cookie } = await buyer()
    await market.post(`/listings/${id}/favourite`, {}, { cookie })
    for (const where of [path, '/', `/stores/${storeSlugOf(id)}`]) {
      const document = await page(await market.get(where, { cookie }))
      expect(heart(document, id)?.getAttribute('aria-label'), where).toBe(
        'Saved. Remove Leaking tap repair from favourites',
      )
      expect(
        document.querySelector(`#favourite-${id} input[name=returnTo]`)?.getAttribute('value'),
      ).toBe(where)
      // Never inside the card's link.
      expect(document.querySelector(`a #favourite-${id}`), where).toBeNull()
    }
    // The word beside the heart (shown on the listing page, hidden on cards) starts the name.
    const listingPage = await page(await market.get(path, { cookie }))
    expect(listingPage.querySelector(`#favourite-${id} .favourite__word`)?.textContent).toBe(
      'Saved',
    )
    const visitor = await page(await market.get(path))
    expect(visitor.querySelector(`#favourite-${id} .favourite__word`)?.textContent).toBe('Save')
    expect(heart(visitor, id)?.getAttribute('aria-label')).toBe(
      'Save Leaking tap repair to favourites',
    )
  })

  it('the owner sees no heart on their own listing or storefront', async () => {
    market = await createOpenMarket()
    const { id, path, providerCookie } = await listingOnSale()
    for (const where of [path, `/stores/${storeSlugOf(id)}`]) {
      const document = await page(await market.get(where, { cookie: providerCookie }))
      expect(document.getElementById(`favourite-${id}`), where).toBeNull()
    }
  })
})
