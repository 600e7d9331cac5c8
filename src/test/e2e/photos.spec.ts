// Photos: a provider uploads two photos to a listing on a slow connection while the progress bar
// moves, describes one, and buyers see the gallery; the same upload works with JavaScript off.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { phoneJpeg, solidImage, texturedPhoto } from '../photos'
import { expect, productListing, test } from './fixtures'
import { notice, signIn, statusCard } from './steps'

/** Photo files as a phone would offer them to the file picker. */
async function photoFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'souk-photos-'))
  const jam = join(dir, 'jam-jar.jpg')
  const market = join(dir, 'IMG_2041.jpg')
  // Textured, so its quarter of a megabyte takes a few seconds on a throttled connection, yet no
  // wider than a column: every larger width is more encoding, which a busy machine does slowly.
  writeFileSync(jam, await texturedPhoto(800, 600, 95))
  writeFileSync(market, await phoneJpeg(600, 450))
  const note = join(dir, 'notes.jpg')
  writeFileSync(note, 'not a photo at all')
  const small = join(dir, 'small.png')
  writeFileSync(small, await solidImage(400, 300, 'png', '#e67e22'))
  return { jam, market, note, small }
}

test.describe('POST /listings/:id/photos (JavaScript on)', () => {
  test('Fatou uploads two photos while the progress bar moves; buyers see the gallery', async ({
    page,
    seed,
    problems,
  }) => {
    problems.allowStatus(422)
    await seed.site()
    const fatou = await seed.member({ displayName: 'Fatou Sanneh' })
    seed.store(fatou, { name: "Fatou's Kitchen" })
    const jam = seed.listing(fatou, productListing({ title: 'Mango jam' }), 'published')
    const files = await photoFiles()
    await signIn(page, fatou)
    await page.goto(`/listings/${jam.id}/edit`)

    await test.step('a file that is not a photo is refused beside the input', async () => {
      await page.getByLabel('Add photos').setInputFiles(files.note)
      await page.getByRole('button', { name: 'Upload photos' }).click()
      await expect(page.getByText('“notes.jpg” is not a photo')).toBeVisible()
      await expect(page.getByRole('region', { name: 'Photos' }).getByRole('img')).toHaveCount(0)
    })

    await test.step('on a slow connection the progress bar fills while two photos upload', async () => {
      // About 3G: 750 kbit/s up, so the photos take a few seconds and the bar has to move.
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 100,
        downloadThroughput: (1.6 * 1024 * 1024) / 8,
        uploadThroughput: (750 * 1024) / 8,
      })
      await page.getByLabel('Add photos').setInputFiles([files.jam, files.market])
      await page.getByRole('button', { name: 'Upload photos' }).click()
      const bar = page.getByRole('progressbar', { name: 'Upload progress' })
      await expect(bar).toBeVisible()
      // The words first: they say "Uploading… n%" from the start until the last byte is sent
      // (then "Preparing photos…"), while the bar keeps its value until the next page.
      await expect(page.getByRole('status').filter({ hasText: /Uploading… \d+%/ })).toBeVisible()
      await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(0)
      await expect(notice(page, /2 photos added/)).toBeVisible()
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      })
    })

    await test.step('she describes the second photo and moves it first', async () => {
      const photos = page.getByRole('region', { name: 'Photos' })
      await photos
        .getByLabel('Description of photo 2')
        .fill('Jars of mango jam on the market table')
      await photos.getByRole('button', { name: 'Move earlier photo 2' }).click()
      await expect(notice(page, 'Photo moved.')).toBeVisible()
      await expect(
        page.getByRole('region', { name: 'Photos' }).getByLabel('Description of photo 1'),
      ).toHaveValue('Jars of mango jam on the market table')
      await expect(statusCard(page)).toContainText('On sale')
    })

    await test.step('a buyer sees the gallery, first photo first, in a modern format', async () => {
      const buyer = await page.context().browser()!.newPage()
      await buyer.goto(new URL(`/listings/${jam.id}`, page.url()).href)
      const gallery = buyer.getByRole('list', { name: 'Photos' })
      await expect(
        gallery.getByRole('img', { name: 'Jars of mango jam on the market table' }),
      ).toBeVisible()
      await expect(gallery.getByRole('img', { name: 'Mango jam', exact: true })).toHaveCount(1)
      // Which file the browser picked is known once the photo is drawn (it loads lazily).
      const first = gallery.getByRole('img', { name: 'Jars of mango jam on the market table' })
      await expect
        .poll(() =>
          first.evaluate((img: HTMLImageElement) =>
            img.complete && img.naturalWidth > 0 ? img.currentSrc : 'not drawn yet',
          ),
        )
        .toMatch(/\.avif$/)
      await buyer.close()
    })
  })
})

test.describe('POST /listings/:id/photos (JavaScript off)', () => {
  test.use({ javaScriptEnabled: false })

  test('the upload is a plain multipart form post', async ({ page, seed }) => {
    await seed.site()
    const fatou = await seed.member({ displayName: 'Fatou Sanneh' })
    seed.store(fatou, { name: "Fatou's Kitchen" })
    const jam = seed.listing(fatou, productListing({ title: 'Mango jam' }))
    const files = await photoFiles()
    await signIn(page, fatou)
    await page.goto(`/listings/${jam.id}/edit`)
    await page.getByLabel('Add photos').setInputFiles(files.small)
    await page.getByRole('button', { name: 'Upload photos' }).click()
    await expect(notice(page, /1 photo added/)).toBeVisible()
    await expect(
      page.getByRole('region', { name: 'Photos' }).getByRole('img', { name: 'Mango jam' }),
    ).toBeVisible()
  })
})
