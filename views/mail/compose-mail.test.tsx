import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { composeMail } from './compose-mail'

describe('composeMail', () => {
  const mail = composeMail({
    marketName: 'Riverside <Market>',
    subject: 'Confirm your email address',
    greeting: 'Hello Ann <script>,',
    paragraphs: ['Confirm the address to open a store.'],
    action: { label: 'Confirm my address', url: 'https://souk.example/verify?a=1&b=2' },
    code: '123456',
    after: ['If you did not sign up, ignore this mail.'],
    unsubscribe: { url: 'https://souk.example/unsubscribe/x/messages', kindLabel: 'Messages' },
  })

  it('says the same in plain text, link and code included', () => {
    expect(mail.text).toContain('Hello Ann <script>,')
    expect(mail.text).toContain('Confirm my address:\nhttps://souk.example/verify?a=1&b=2')
    expect(mail.text).toContain('Your code: 123456')
    expect(mail.text).toContain('Stop these mails:\nhttps://souk.example/unsubscribe/x/messages')
  })

  it('escapes what members typed in the HTML part', () => {
    const { document } = parseHTML(mail.html)
    expect(mail.html.startsWith('<!doctype html>')).toBe(true)
    expect(document.querySelector('script')).toBeNull()
    expect(document.body.textContent).toContain('Hello Ann <script>,')
    expect(document.querySelector('a')?.getAttribute('href')).toBe(
      'https://souk.example/verify?a=1&b=2',
    )
    expect(document.body.textContent).toContain('— Riverside <Market>')
  })
})
