import { describe, expect, it } from 'vitest'
import { formatMoney } from '../../src/lib/money'
import type { DigestRequest } from '../../src/models/notification-mail'
import { requestsDigestMail } from './requests-digest-mail'

const tap: DigestRequest = {
  code: 'K7QX2M9PTA',
  title: 'Fix a leaking tap',
  category: 'Plumbing',
  budgetMin: 50_000,
  budgetMax: 80_000,
}

const digestOf = (requests: DigestRequest[], more = 0) =>
  requestsDigestMail({
    marketName: 'Tanji Market',
    recipientName: 'Lamin',
    locale: 'en-GB',
    currency: 'GMD',
    digest: { requests, more, newestNoteId: 1 },
    requestsUrl: 'https://tanji.example/requests',
    unsubscribe: { url: 'https://tanji.example/unsubscribe/t/requests', kindLabel: 'Requests' },
  })

const money = (amount: number) => formatMoney({ amount, currency: 'GMD' }, 'en-GB')

describe('requestsDigestMail', () => {
  it('names a lone request in the subject, and counts several', () => {
    expect(digestOf([tap]).subject).toBe('A new request: “Fix a leaking tap”')
    expect(digestOf([tap, { ...tap, title: 'Rewire the kitchen' }]).subject).toBe(
      '2 new requests in what you sell',
    )
    expect(digestOf([tap], 11).subject).toBe('12 new requests in what you sell')
  })

  it('says each budget as the buyer left it, and how many more the page has', () => {
    const { text } = digestOf(
      [
        tap,
        { ...tap, title: 'Exactly', budgetMin: 30_000, budgetMax: 30_000 },
        { ...tap, title: 'At least', budgetMax: null },
        { ...tap, title: 'At most', budgetMin: null },
        { ...tap, title: 'Open', category: 'Electrical', budgetMin: null, budgetMax: null },
      ],
      3,
    )
    expect(text).toContain(`“Fix a leaking tap” — Plumbing · ${money(50_000)} – ${money(80_000)}\n`)
    expect(text).toContain(`“Exactly” — Plumbing · ${money(30_000)}\n`)
    expect(text).toContain(`“At least” — Plumbing · from ${money(50_000)}\n`)
    expect(text).toContain(`“At most” — Plumbing · up to ${money(80_000)}\n`)
    expect(text).toContain('“Open” — Electrical · Budget open\n')
    expect(text).toContain('… and 3 more.')
    expect(text).toContain('See open requests:\nhttps://tanji.example/requests')
    expect(text).toContain('Stop these mails:\nhttps://tanji.example/unsubscribe/t/requests')
  })
})
