// Messaging between a buyer and a seller: with JavaScript off, every step a plain form (POST →
// 303 → GET); and between two phones, a message, "typing…", "Seen" and the header's count arriving
// on the other side within two seconds, without a reload. axe on the inbox and a conversation.
import type { Page } from '@playwright/test'
import { openDatabase } from '../../db'
import { LiveStreams } from '../../live/streams'
import { findMemberByEmail } from '../../models/member'
import { startConversation } from '../../models/conversation'
import { sendMessage } from '../../models/conversation/messages'
import { expect, productListing, test } from './fixtures'
import { accountNav, expectAccessible, nextPost, signIn, signOut } from './steps'

const LIVE = { timeout: 2000 }

function messageList(page: Page) {
  return page.getByRole('region', { name: 'Messages' }).getByRole('listitem')
}

/** Waits until the page's live updates are connected (htmx's SSE extension has its stream). */
async function waitForLive(page: Page) {
  await page.waitForFunction(() => {
    const element = document.querySelector('[data-hx-sse-connect]') as
      (Element & { _htmx?: { sse?: { status: number | null } } }) | null
    return element?._htmx?.sse?.status === 200
  })
}

/** Marks the document, to prove later that no reload or navigation happened. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true))
}
async function expectNoReload(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(
    true,
  )
}

test.describe('Messages with plain forms (JavaScript off)', () => {
  test.use({ javaScriptEnabled: false })

  test('a buyer messages a seller from a listing; the seller replies from the inbox', async ({
    page,
    seed,
  }) => {
    await seed.site()
    const awa = await seed.member({ displayName: 'Awa Touray' })
    const mariama = await seed.member({ displayName: 'Mariama Bojang' })
    seed.store(mariama, { name: "Mariama's Hives" })
    const honey = seed.listing(mariama, productListing())

    await test.step('Awa writes from the listing’s seller card', async () => {
      await signIn(page, awa)
      await page.goto(`/listings/${honey.id}-${honey.slug}`)
      await page
        .getByRole('complementary', { name: 'Sold by' })
        .getByRole('link', { name: 'Message' })
        .click()
      await expect(
        page.getByRole('heading', { level: 1, name: "Message Mariama's Hives" }),
      ).toBeVisible()
      await expect(page.getByRole('complementary', { name: 'About' })).toContainText(honey.title)
      await page.getByLabel('Message', { exact: true }).fill('Is the honey from this season?')
      const posted = nextPost(page, '/conversations')
      await page.getByRole('button', { name: 'Send' }).click()
      expect((await posted).status()).toBe(303)
      await expect(page.getByRole('heading', { level: 1, name: "Mariama's Hives" })).toBeVisible()
      await expect(messageList(page)).toHaveCount(1)
      await expect(messageList(page).first()).toContainText('Is the honey from this season?')
      await signOut(page)
    })

    await test.step('Mariama finds it in her inbox and replies', async () => {
      await signIn(page, mariama)
      await accountNav(page).getByRole('link', { name: 'Messages (1 unread)' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible()
      await page.getByRole('link', { name: 'Awa Touray (1 unread)' }).click()
      await expect(messageList(page).first()).toContainText('Is the honey from this season?')
      await expect(
        accountNav(page).getByRole('link', { name: 'Messages', exact: true }),
      ).toBeVisible()
      await page.getByLabel('Message', { exact: true }).fill('Yes — harvested in October.')
      const posted = nextPost(page, `${new URL(page.url()).pathname}/messages`)
      await page.getByRole('button', { name: 'Send' }).click()
      expect((await posted).status()).toBe(303)
      await expect(messageList(page)).toHaveCount(2)
      await expect(messageList(page).last()).toContainText('Yes — harvested in October.')
      await expect(page.getByLabel('Message', { exact: true })).toHaveValue('')
    })
  })
})

test.describe('Messages between two phones', () => {
  test('a message, typing and “Seen” arrive on the other side at once; the header counts live', async ({
    seed,
    openDevice,
  }) => {
    await seed.site()
    const awa = await seed.member({ displayName: 'Awa Touray' })
    const mariama = await seed.member({ displayName: 'Mariama Bojang' })
    seed.store(mariama, { name: "Mariama's Hives" })
    const honey = seed.listing(mariama, productListing())

    const buyer = await openDevice('Pixel 7')
    const shop = await openDevice('Pixel 7')
    await signIn(buyer, awa)
    await signIn(shop, mariama)

    let conversationPath = ''
    await test.step('Awa starts the conversation from the listing', async () => {
      await buyer.goto(`/listings/${honey.id}-${honey.slug}`)
      await buyer
        .getByRole('complementary', { name: 'Sold by' })
        .getByRole('link', { name: 'Message' })
        .click()
      await buyer.getByLabel('Message', { exact: true }).fill('Hello! Do you have two jars?')
      await buyer.getByRole('button', { name: 'Send' }).click()
      await expect(messageList(buyer)).toHaveCount(1)
      conversationPath = new URL(buyer.url()).pathname
      await expectAccessible(buyer, 'a conversation')
    })

    await test.step('Mariama opens it; her reply shows on Awa’s open page without a reload', async () => {
      await shop.goto('/conversations')
      await expectAccessible(shop, 'the inbox')
      await shop.getByRole('link', { name: 'Awa Touray (1 unread)' }).click()
      await waitForLive(shop)
      await buyer.goto(conversationPath)
      await waitForLive(buyer)
      await markDocument(buyer)
      await markDocument(shop)

      await shop.getByLabel('Message', { exact: true }).fill('Yes, two left.')
      await shop.getByRole('button', { name: 'Send' }).click()
      // Her own page: the message added once, the box emptied, no reload.
      await expect(messageList(shop)).toHaveCount(2)
      await expect(shop.getByLabel('Message', { exact: true })).toHaveValue('')
      await expect(messageList(buyer).last()).toContainText('Yes, two left.', LIVE)
      await expect(messageList(buyer)).toHaveCount(2)
      await expectNoReload(buyer)
      await expectNoReload(shop)
    })

    await test.step('Awa’s open page read it: “Seen” shows on Mariama’s', async () => {
      await expect(shop.getByText('Seen', { exact: true })).toBeVisible(LIVE)
    })

    await test.step('Mariama types: Awa sees it', async () => {
      await shop.getByLabel('Message', { exact: true }).pressSequentially('One moment')
      await expect(buyer.getByText("Mariama's Hives is typing…")).toBeVisible(LIVE)
    })

    await test.step('on another page, Awa’s header counts Mariama’s next message live', async () => {
      await buyer.goto('/orders')
      await waitForLive(buyer)
      await markDocument(buyer)
      await shop.getByLabel('Message', { exact: true }).fill('They are wrapped and ready.')
      await shop.getByRole('button', { name: 'Send' }).click()
      await expect(messageList(shop)).toHaveCount(3)
      await expect(
        accountNav(buyer).getByRole('link', { name: 'Messages (1 unread)' }),
      ).toBeVisible(LIVE)
      await expectNoReload(buyer)
    })
  })
})

test.describe('A long conversation', () => {
  test('older messages load above the newest, in order, without leaving the page', async ({
    page,
    seed,
    server,
  }) => {
    await seed.site()
    const awa = await seed.member({ displayName: 'Awa Touray' })
    const lamin = await seed.member({ displayName: 'Lamin Sowe' })
    // 35 messages, written through the models as the two of them would have sent them.
    const db = openDatabase(server.databasePath)
    const awaId = findMemberByEmail(db, awa.email)!.id
    const laminId = findMemberByEmail(db, lamin.email)!.id
    const deps = { at: new Date(), streams: new LiveStreams() }
    const first = startConversation(
      db,
      awaId,
      laminId,
      { listingId: null, orderId: null, requestId: null },
      { body: 'Message 1' },
      deps,
    )
    if (!first.ok) throw new Error(first.reason)
    for (let n = 2; n <= 35; n += 1)
      sendMessage(db, n % 2 ? awaId : laminId, first.conversationId, { body: `Message ${n}` }, deps)
    db.$client.close()

    await signIn(page, awa)
    await page.goto(`/conversations/${first.conversationCode}`)
    await expect(messageList(page)).toHaveCount(30)
    await expect(messageList(page).first()).toContainText('Message 6')
    await markDocument(page)
    await page.getByRole('link', { name: 'Older messages' }).click()
    await expect(messageList(page)).toHaveCount(35)
    await expect(messageList(page).first()).toContainText('Message 1')
    await expect(messageList(page).nth(5)).toContainText('Message 6')
    await expect(messageList(page).last()).toContainText('Message 35')
    await expect(page.getByRole('link', { name: 'Older messages' })).toHaveCount(0)
    await expectNoReload(page)
  })
})
