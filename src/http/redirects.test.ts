import { describe, expect, it } from 'vitest'
import { safeReturnPath } from './redirects'

describe('safeReturnPath', () => {
  it.each([
    ['/account', '/account'],
    ['/search?q=honey#results', '/search?q=honey#results'],
    ['/a/../b', '/b'],
    ['/listings/12-honey?page=2', '/listings/12-honey?page=2'],
    ['/search?q=//not-a-host', '/search?q=//not-a-host'],
    // Still encoded, so no header can be injected through it.
    ['/%0d%0aSet-Cookie:x', '/%0d%0aSet-Cookie:x'],
  ])('keeps the local path %s', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected)
  })

  it.each([
    undefined,
    null,
    '',
    'account',
    'https://evil.example/',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\t//evil.example',
    'javascript:alert(1)',
    '/\nfoo',
    // Each of these normalises to //evil.example, which a browser reads as another host.
    '/.//evil.example',
    '/..//evil.example',
    '/%2e//evil.example',
    '/%2E//evil.example',
    '/a/..//evil.example',
    '/a/b/../..//evil.example',
    '/././/evil.example',
    '/%2e%2e//evil.example',
    '/.%2e//evil.example',
  ])('falls back to home for %s', (input) => {
    expect(safeReturnPath(input)).toBe('/')
  })

  it('uses the given fallback', () => {
    expect(safeReturnPath('/.//evil.example', '/account')).toBe('/account')
  })
})
