import { describe, expect, it } from 'vitest'
import { readConfig } from './config'

describe('readConfig', () => {
  it('has working defaults for every setting', () => {
    const result = readConfig({})
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      publicUrl: undefined,
      secureCookies: false,
      trustProxy: false,
      logLevel: 'info',
      maxFormBytes: 64 * 1024,
      smtpUrl: undefined,
      mailFrom: 'market@localhost',
    })
    expect(result.config.databasePath).toMatch(/db\/souk\.sqlite$/)
    expect(result.config.uploadsDir).toMatch(/uploads$/)
  })

  it('turns on secure cookies for an https public address', () => {
    const result = readConfig({ PUBLIC_URL: 'https://market.example/' })
    expect(result.ok && result.config).toMatchObject({
      publicUrl: 'https://market.example',
      secureCookies: true,
    })
    const forcedOff = readConfig({ PUBLIC_URL: 'https://market.example', SECURE_COOKIES: 'false' })
    expect(forcedOff.ok && forcedOff.config.secureCookies).toBe(false)
  })

  it('sends mail from the public address host unless told otherwise', () => {
    const result = readConfig({ PUBLIC_URL: 'https://souk.example', SMTP_URL: 'smtp://mx:25' })
    expect(result.ok && result.config).toMatchObject({
      smtpUrl: 'smtp://mx:25',
      mailFrom: 'market@souk.example',
    })
  })

  it.each([
    [{ PORT: 'eighty' }, /^PORT="eighty" must be a port number from 0 to 65535$/],
    [{ PORT: '70000' }, /^PORT="70000" /],
    [{ PUBLIC_URL: 'market.example' }, /^PUBLIC_URL="market.example" /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL="loud" /],
    [{ SECURE_COOKIES: 'yes' }, /^SECURE_COOKIES="yes" /],
    [{ MAX_FORM_KB: '0' }, /^MAX_FORM_KB="0" must be a whole number of kilobytes/],
    [{ MAX_FORM_KB: '64k' }, /^MAX_FORM_KB="64k" /],
    [{ SMTP_URL: 'mail.example' }, /^SMTP_URL="mail.example" must be an smtp/],
    [{ MAIL_FROM: 'market' }, /^MAIL_FROM="market" must be an email address/],
  ])('explains a wrong value in one line: %o', (environment, message) => {
    const result = readConfig(environment)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).toMatch(message)
    expect(result.message).not.toContain('\n')
  })
})
