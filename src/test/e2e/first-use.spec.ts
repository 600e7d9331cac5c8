// What a new member tripped over, each seen the way only a browser shows it: controls that need
// JavaScript stay out of sight without it, and an upload button that can't be pressed twice.
import { solidImage, texturedPhoto } from '../photos'
import { expect, productListing, test } from './fixtures'
import { notice, signIn } from './steps'

test.describe('Controls that need JavaScript (JavaScript off)', () => {
  test.use({ javaScriptEnabled: false })

  test('"Use my current location" and the upload progress bar stay hidden', async ({
    page,
    seed,
  }) => {
    await seed.site()
    const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
    await signIn(page, amadou)

    for (const path of ['/stores/new', '/stores/amadous-plumbing/edit']) {
      await test.step(`on ${path}`, async () => {
        if (path.endsWith('/edit')) seed.store(amadou, { name: "Amadou's Plumbing" })
        await page.goto(path)
        await expect(page.getByLabel('Latitude')).toBeVisible()
        await expect(page.getByRole('button', { name: 'Use my current location' })).toBeHidden()
        // Whatever carries `hidden` is out of sight, whichever display rule the stylesheet has.
        const shown = await page
          .locator('[hidden]')
          .evaluateAll((elements) =>
            elements
              .filter((element) => getComputedStyle(element).display !== 'none')
              .map((element) => element.outerHTML.slice(0, 80)),
          )
        expect(shown).toEqual([])
      })
    }
  })
})

test.describe('Controls that need JavaScript (JavaScript on)', () => {
  test('"Use my current location" appears where the browser can locate', async ({ page, seed }) => {
    await seed.site()
    const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
    await signIn(page, amadou)
    await page.goto('/stores/new')
    await expect(page.getByRole('button', { name: 'Use my current location' })).toBeVisible()
  })
})

test.describe('POST /listings/:id/photos: the upload button (JavaScript on)', () => {
  test('is disabled while an upload runs, and again usable after it failed', async ({
    page,
    seed,
    problems,
  }) => {
    problems.allowStatus(502)
    await seed.site()
    const fatou = await seed.member({ displayName: 'Fatou Sanneh' })
    seed.store(fatou, { name: "Fatou's Kitchen" })
    const jam = seed.listing(fatou, productListing({ title: 'Mango jam' }), 'published')
    const photo = {
      name: 'jam.png',
      mimeType: 'image/png',
      buffer: await solidImage(400, 300, 'png'),
    }
    await signIn(page, fatou)
    await page.goto(`/listings/${jam.id}/edit`)
    const upload = page.getByRole('button', { name: 'Upload photos' })

    // The upload waits at the door until the test lets it through: a slow connection, on cue.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let answer: 'pass' | 'refuse' = 'refuse'
    await page.route(`**/listings/${jam.id}/photos`, async (route) => {
      await held
      if (answer === 'pass') await route.continue()
      else await route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad gateway' })
    })

    await test.step('a proxy refuses the upload: the button comes back', async () => {
      await page.getByLabel('Add photos').setInputFiles(photo)
      await upload.click()
      await expect(upload).toBeDisabled()
      release()
      await expect(page.getByRole('status').filter({ hasText: 'refused (502)' })).toBeVisible()
      await expect(upload).toBeEnabled()
    })

    await test.step('the second try goes through', async () => {
      answer = 'pass'
      await upload.click()
      await expect(notice(page, /photo added/i)).toBeVisible()
      await expect(page.getByRole('button', { name: 'Upload photos' })).toBeEnabled()
    })
  })
})

test.describe('GET /stores/:slug: photos in their boxes (JavaScript on)', () => {
  test('a portrait avatar is round, a wide photo fills its card, a card without one keeps the grid even', async ({
    page,
    seed,
  }) => {
    await seed.site()
    const modou = await seed.member({ displayName: 'Modou Jallow' })
    const store = seed.store(modou, { name: 'Modou Honey' })
    const jam = seed.listing(modou, productListing({ title: 'Mango jam' }), 'published')
    seed.listing(modou, productListing({ title: 'Baobab jam' }), 'published')
    await signIn(page, modou)

    // Small photos, as the shapes are what matters: each larger width is more encoding.
    await test.step('he uploads a portrait as his profile photo and a wide photo of jam', async () => {
      await page.goto(`/stores/${store.slug}/edit`)
      const portrait = {
        name: 'me.jpg',
        mimeType: 'image/jpeg',
        buffer: await texturedPhoto(400, 600),
      }
      await page.getByLabel('Profile photo').setInputFiles(portrait)
      await page.getByRole('button', { name: 'Upload profile photo' }).click()
      await expect(notice(page, 'Profile photo saved.')).toBeVisible()
      await page.goto(`/listings/${jam.id}/edit`)
      const wide = {
        name: 'jam.jpg',
        mimeType: 'image/jpeg',
        buffer: await texturedPhoto(800, 450),
      }
      await page.getByLabel('Add photos').setInputFiles(wide)
      await page.getByRole('button', { name: 'Upload photos' }).click()
      await expect(notice(page, /photo added/)).toBeVisible()
    })

    await test.step('on his storefront, every photo fills its box', async () => {
      await page.goto(`/stores/${store.slug}`)
      const avatar = page.getByRole('img', { name: 'Modou Jallow, Modou Honey' })
      await expect(avatar).toBeVisible()
      await expect(avatar).toHaveJSProperty('complete', true)
      const round = await avatar.boundingBox()
      expect(
        Math.abs(round!.width - round!.height),
        'the avatar is as tall as it is wide',
      ).toBeLessThan(1)

      const card = (title: string) =>
        page.getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) })
      const photoBox = await card('Mango jam').locator('.listing-card__photo').boundingBox()
      const photo = card('Mango jam').locator('img.picture__image')
      await expect(photo).toHaveJSProperty('complete', true)
      const drawn = await photo.boundingBox()
      expect(Math.abs(drawn!.height - photoBox!.height), 'no band under the photo').toBeLessThan(1)
      const emptyBox = await card('Baobab jam').locator('.listing-card__photo').boundingBox()
      expect(emptyBox!.height, 'a card without a photo has the same box').toBeCloseTo(
        photoBox!.height,
        0,
      )
      expect(emptyBox!.y).toBeCloseTo(photoBox!.y, 0)
    })
  })
})
