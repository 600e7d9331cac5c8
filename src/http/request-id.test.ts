import { afterEach, describe, expect, it } from 'vitest'
import { createOpenMarket, page, type TestMarket } from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

describe('request ids', () => {
  it('uses a well-formed id a proxy sends, on the response and the error page', async () => {
    market = await createOpenMarket()
    const response = await market.get('/no/such/page', {
      headers: { 'X-Request-Id': 'edge-7f3a9c21_b' },
    })
    expect(response.headers.get('X-Request-Id')).toBe('edge-7f3a9c21_b')
    const reference = (await page(response)).querySelector('.error-page__reference code')
    expect(reference?.textContent).toBe('edge-7f3a9c21_b')
  })

  it.each([
    ['markup', '<img src=x onerror=alert(1)>'],
    ['too short', 'abc'],
    ['too long', 'a'.repeat(65)],
    ['spaces', 'one two three four'],
    ['a forged log line', 'abcdefgh\\n{"level":60}'],
    ['dots and slashes', '../../etc/passwd'],
  ])('ignores an id with %s and uses its own', async (_, offered) => {
    market = await createOpenMarket()
    const response = await market.get('/', { headers: { 'X-Request-Id': offered } })
    const id = response.headers.get('X-Request-Id')
    expect(id).not.toBe(offered)
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
  })
})
