import { describe, expect, it } from 'vitest'
import { phoneDigits, telHref, whatsappHref } from './phone'
import { slugify } from './slug'

describe('slugify', () => {
  it.each([
    ["Fatou's Tailoring — Brikama", 'fatous-tailoring-brikama'],
    ['Crème brûlée & Café', 'creme-brulee-cafe'],
    ['  --Hello--  ', 'hello'],
    ['حلويات مراكش', 'حلويات-مراكش'],
    ['!!!', ''],
  ])('%s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected)
  })

  it('cuts long names at a word boundary-ish without a trailing dash', () => {
    const slug = slugify('a'.repeat(59) + ' bbbb')
    expect(slug.length).toBeLessThanOrEqual(60)
    expect(slug.endsWith('-')).toBe(false)
  })
})

describe('phone links', () => {
  it('keeps only digits, and the + for tel: links', () => {
    expect(phoneDigits('+220 (7) 123-45.67')).toBe('2207123 4567'.replace(' ', ''))
    expect(telHref('+220 712 3456')).toBe('tel:+2207123456')
    expect(telHref('712 3456')).toBe('tel:7123456')
    expect(whatsappHref('+220 712 3456')).toBe('https://wa.me/2207123456')
  })
})
