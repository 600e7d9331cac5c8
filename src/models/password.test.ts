import { describe, expect, it } from 'vitest'
import { hashPassword, passwordProblem, verifyPassword } from './password'

describe('passwordProblem', () => {
  it.each([
    ['a sentence', 'quiet harbour lanterns', null],
    ['ten characters of anything', 'gz8!kq2@pw', null],
    ['nine characters', 'abcdefgh1', /at least 10/],
    ['a very long one', 'x'.repeat(201), /at most 200/],
    ['a common one', 'Password123', /attackers/],
    ['a keyboard walk', 'qwertyuiop', /attackers/],
    ['one character repeated', 'zzzzzzzzzzzz', /attackers/],
  ])('judges %s', (_, password, expected) => {
    const problem = passwordProblem(password)
    if (expected === null) expect(problem).toBeNull()
    else expect(problem).toMatch(expected)
  })

  it('refuses a password built from the email or the name', () => {
    expect(passwordProblem('fatou.ceesay2026', { email: 'fatou.ceesay@example.com' })).toMatch(
      /email or name/,
    )
    expect(passwordProblem('Fatou Ceesay', { displayName: 'Fatou Ceesay' })).toMatch(
      /email or name/,
    )
  })
})

describe('hashPassword', () => {
  it('uses argon2id at OWASP parameters and verifies only the right password', async () => {
    const hash = await hashPassword('quiet harbour lanterns')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/)
    expect(await verifyPassword(hash, 'quiet harbour lanterns')).toBe(true)
    expect(await verifyPassword(hash, 'quiet harbour lantern')).toBe(false)
  })
})
