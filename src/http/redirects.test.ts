import { describe, expect, it } from 'vitest'
import { safeReturnPath } from './redirects'

describe('safeReturnPath', () => {
  it.each([
    ['/account', '/account'],
    ['/search?q=honey#results', '/search?q=honey#results'],
    ['/a/../b', '/b'],
  ])('keeps the local path %s', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected)
  })

  it.each([
    undefined,
    '',
    'account',
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '/%0d%0aSet-Cookie:x',
    '\t//evil.example',
    'javascript:alert(1)',
    '/\nfoo',
  ])('falls back to home for %s', (input) => {
    const result = safeReturnPath(input)
    expect(result.startsWith('/')).toBe(true)
    expect(result.startsWith('//')).toBe(false)
    if (
      input === undefined ||
      !input.startsWith('/') ||
      input.startsWith('//') ||
      input.startsWith('/\\') ||
      input.includes('\n')
    )
      expect(result).toBe('/')
  })
})
