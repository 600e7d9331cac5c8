import { describe, expect, it } from 'vitest'
import { messagesDigestMail } from './messages-digest-mail'

const digestOf = (count: number, senders: string[]) =>
  messagesDigestMail({
    marketName: 'Tanji Market',
    recipientName: 'Fatou',
    digest: { count, senders, newestNoteId: 1 },
    inboxUrl: 'https://tanji.example/conversations',
    unsubscribe: { url: 'https://tanji.example/unsubscribe/t/messages', kindLabel: 'Messages' },
  })

describe('messagesDigestMail', () => {
  it('counts the messages and names who wrote them, however many', () => {
    expect(digestOf(1, ['Ann']).subject).toBe('You have 1 unread message from Ann')
    expect(digestOf(2, ['Ann', 'Bob']).subject).toBe('You have 2 unread messages from Ann and Bob')
    expect(digestOf(3, ['Ann', 'Bob', 'Cy']).subject).toBe(
      'You have 3 unread messages from Ann, Bob and Cy',
    )
    expect(digestOf(9, ['Ann', 'Bob', 'Cy', 'Di', 'Ed']).subject).toBe(
      'You have 9 unread messages from Ann, Bob and 3 others',
    )
  })

  it('links to the inbox and to stopping these mails', () => {
    const { text } = digestOf(2, ['Ann'])
    expect(text).toContain('Read your messages:\nhttps://tanji.example/conversations')
    expect(text).toContain('Stop these mails:\nhttps://tanji.example/unsubscribe/t/messages')
  })
})
