import { describe, expect, it } from 'vitest'
import { phoneDigits, telHref, whatsappHref } from './phone'
import { slugify } from './slug'
import { BIDI_MESSAGE, cleanText, multiLine, singleLine } from './text'

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

describe('cleanText', () => {
  it.each([
    ['NFC', 'Cafe\u0301', 'single', 'Café'],
    ['NUL and other controls removed', 'Fa\u0000tou\u0007\u009b', 'single', 'Fatou'],
    ['tabs and newlines become spaces on one line', 'Fatou\tJallow\r\n', 'single', 'Fatou Jallow'],
    ['tabs and newlines kept in paragraphs', 'One\r\n\tTwo\u0000', 'multi', 'One\n\tTwo'],
    ['invisible edges trimmed', '\u200b\ufeff Fatou \u2060', 'single', 'Fatou'],
    ['joiners inside kept', 'می\u200cخواهم', 'single', 'می\u200cخواهم'],
    ['direction marks kept', 'Souk \u200fسوق', 'single', 'Souk \u200fسوق'],
    ['only invisibles is empty', '\u200b\u200d\u3164 \u2800', 'single', ''],
  ] as const)('%s', (_, input, lines, expected) => {
    expect(cleanText(input, lines)).toEqual({ ok: true, text: expected })
  })

  it.each(['\u202eexe.jpg', 'a\u202ab', 'a\u2066b\u2069', 'x\u202d'])(
    'refuses bidi override, embedding and isolate controls in %j',
    (input) => {
      expect(cleanText(input, 'multi')).toEqual({ ok: false, reason: 'bidi_control' })
    },
  )
})

describe('singleLine and multiLine', () => {
  const name = singleLine(10, { required: 'Enter your name.' })

  it('gives the cleaned text', () => {
    expect(name.parse(' Fatou\u0000 ')).toBe('Fatou')
    expect(multiLine(20).parse('a\r\nb')).toBe('a\nb')
    expect(multiLine(20).parse(undefined)).toBe('')
  })

  it.each([
    ['\u200b\u200b', 'Enter your name.'],
    [undefined, 'Enter your name.'],
    ['\u202eFatou', BIDI_MESSAGE],
    ['Fatou Jallow Sowe', 'Use at most 10 characters.'],
  ])('refuses %j: %s', (input, message) => {
    const parsed = name.safeParse(input)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe(message)
  })

  it('counts the length after cleaning', () => {
    expect(name.parse('\u200b'.repeat(20) + 'Fatou')).toBe('Fatou')
  })
})
