// Demo conversations: a few of the town's people talking, through the models as they would —
// startConversation for a first message about a listing, sendMessage for the replies,
// markConversationRead when someone read them — each with the time it happened. The first demo
// buyer has replies waiting (unread, with notes in the bell), so Messages has a count to show;
// another conversation is read through, so its sender sees "Seen".
import type { Db } from '../src/db'
import { HOUR, MINUTE } from '../src/lib/clock'
import { LiveStreams } from '../src/live/streams'
import { startConversation } from '../src/models/conversation'
import { markConversationRead, sendMessage } from '../src/models/conversation/messages'
import type { DemoListing } from './demo-listings'
import type { DemoStore, Resident } from './demo-stores'

type Line = { from: 'buyer' | 'seller'; body: string; after: number }

/** Who says what, in order, and whether the buyer has read the end of it. */
type Story = { lines: Line[]; buyerReadAll: boolean }

const STORIES: Story[] = [
  {
    lines: [
      { from: 'buyer', body: 'Hello! Is this still available this week?', after: 0 },
      { from: 'seller', body: 'Yes, it is. When would suit you?', after: 40 * MINUTE },
      { from: 'seller', body: 'I am around on Thursday morning or Saturday.', after: 2 * MINUTE },
    ],
    buyerReadAll: false,
  },
  {
    lines: [
      { from: 'buyer', body: 'Do you deliver to the far side of the market road?', after: 0 },
      { from: 'seller', body: 'I do, for a small fee. Shall I add it to your order?', after: HOUR },
      { from: 'buyer', body: 'Yes please, thank you!', after: 10 * MINUTE },
    ],
    buyerReadAll: true,
  },
  {
    lines: [
      { from: 'buyer', body: 'Could you do a smaller size?', after: 0 },
      { from: 'seller', body: 'Possibly — send me a photo of what you need.', after: 3 * HOUR },
    ],
    buyerReadAll: false,
  },
]

type SeedConversationsInput = {
  /** The demo provider: the first stories are theirs. */
  provider: DemoStore | undefined
  buyers: Resident[]
  listings: DemoListing[]
  now: number
}

/** @returns how many conversations were started */
export function seedConversations(db: Db, input: SeedConversationsInput): number {
  const { provider, buyers, listings, now } = input
  // Nobody is looking at any page while the town is seeded: every recipient gets a note.
  const streams = new LiveStreams()
  const onSale = listings.filter((listing) => listing.status === 'published')
  const providersListing = onSale.find((listing) => listing.store.id === provider?.id)
  const otherListing = onSale.find((listing) => listing.store.id !== provider?.id)
  const pairs: { buyer: Resident; listing: DemoListing | undefined }[] = [
    { buyer: buyers[0]!, listing: providersListing },
    { buyer: buyers[1]!, listing: providersListing },
    { buyer: buyers[0]!, listing: otherListing },
  ].filter(
    (pair) => pair.buyer && pair.listing && pair.listing.store.owner.id !== pair.buyer.member.id,
  )

  let started = 0
  pairs.forEach(({ buyer, listing }, index) => {
    const story = STORIES[index % STORIES.length]!
    const sellerId = listing!.store.owner.id
    const buyerId = buyer.member.id
    const total = story.lines.reduce((sum, line) => sum + line.after, 0)
    let at = now - (index + 1) * 5 * HOUR - total
    const [first, ...rest] = story.lines
    at += first!.after
    const opened = startConversation(
      db,
      buyerId,
      sellerId,
      { listingId: listing!.id, orderId: null, requestId: null },
      { body: first!.body },
      { at: new Date(at), streams },
    )
    if (!opened.ok) throw new Error(`a demo conversation could not start: ${opened.reason}`)
    started += 1
    for (const line of rest) {
      at += line.after
      const from = line.from === 'buyer' ? buyerId : sellerId
      const sent = sendMessage(
        db,
        from,
        opened.conversationId,
        { body: line.body },
        {
          at: new Date(at),
          streams,
        },
      )
      if (!sent.ok) throw new Error(`a demo message could not be sent: ${sent.reason}`)
      // Each side reads what came before answering it.
      const reader = line.from === 'buyer' ? buyerId : sellerId
      markConversationRead(db, reader, opened.conversationId, sent.messageId, new Date(at))
    }
    if (story.buyerReadAll)
      markConversationRead(
        db,
        buyerId,
        opened.conversationId,
        Number.MAX_SAFE_INTEGER,
        new Date(at + MINUTE),
      )
    markConversationRead(
      db,
      sellerId,
      opened.conversationId,
      Number.MAX_SAFE_INTEGER,
      new Date(at + MINUTE),
    )
  })
  return started
}
