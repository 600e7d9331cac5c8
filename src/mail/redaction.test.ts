import { describe, expect, it } from 'vitest'
import { outboxText } from './redaction'

describe('outboxText', () => {
  const text = [
    'Confirm my address:',
    'https://souk.example/verify-email/abc123def',
    'Your code: 482913',
    'Choose a new password:',
    'https://souk.example/password-reset/zzz999',
    'Stop these mails:',
    'https://souk.example/unsubscribe/tok123/messages',
    'Open the order: https://souk.example/orders/AB12CD',
  ].join('\n')

  it('shows a held mail whole: the operator may have to pass it on', () => {
    expect(outboxText({ state: 'held', text })).toBe(text)
  })

  it('hides the links and codes of a sent mail, and nothing else', () => {
    const shown = outboxText({ state: 'sent', text })
    for (const secret of ['abc123def', '482913', 'zzz999', 'tok123'])
      expect(shown).not.toContain(secret)
    expect(shown).toContain('Your code: [hidden]')
    expect(shown).toContain('https://souk.example/orders/AB12CD')
    expect(shown.match(/\[link hidden/g)).toHaveLength(3)
  })
})
