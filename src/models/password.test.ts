import { describe, expect, it } from 'vitest'
import { hashPassword, passwordProblem, verifyPassword } from './password'

describe('passwordProblem', () => {
  it.each([
    ['a sentence', 'quiet harbour lanterns', null],
    ['a longer passphrase', 'mango trees by the river', null],
    ["the demo town's password", 'demo password 2026', null],
    ['ten random characters', 'gz8!kq2@pw', null],
    ['nine characters', 'abcdefgh1', /at least 10/],
    ['a very long one', 'x'.repeat(201), /at most 200/],
    ['a leaked one just past the old list', 'password12', /attackers/],
    ['a common one', 'Password123', /attackers/],
    ['a word and a year', 'Welcome2026!', /attackers/],
    ['a keyboard walk', 'qwertyuiop', /attackers/],
    ['a sequence', 'abcdefghij', /attackers/],
    ['one character repeated', 'zzzzzzzzzzzz', /attackers/],
  ])('judges %s', (_, password, expected) => {
    const problem = passwordProblem(password)
    if (expected === null) expect(problem).toBeNull()
    else expect(problem).toMatch(expected)
  })

  it.each([
    [
      'the name around a year',
      'awa2026awa',
      { displayName: 'Awa Touray', email: 'at@example.com' },
    ],
    ['the email around a year', 'awa2026awa', { email: 'awa@example.com' }],
    ['the email with a year', 'fatou.ceesay2026', { email: 'fatou.ceesay@example.com' }],
    ['the surname with a year', 'ceesay1990!', { displayName: 'Fatou Ceesay' }],
    ['the name itself', 'Fatou Ceesay', { displayName: 'Fatou Ceesay' }],
  ])('refuses a password built from %s', (_, password, member) => {
    expect(passwordProblem(password, member)).toMatch(/email or name/)
  })

  it('judges the same password on its own merits for someone else', () => {
    expect(passwordProblem('fatou.ceesay2026', { email: 'amadou@example.com' })).toBeNull()
  })

  it('accepts a passphrase that happens to hold the name', () => {
    const awa = { displayName: 'Awa', email: 'awa@example.com' }
    expect(passwordProblem("awa's quiet harbour lanterns", awa)).toBeNull()
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
