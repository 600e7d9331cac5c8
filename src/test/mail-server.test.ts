import nodemailer from 'nodemailer'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { linkIn, startMailServer, textOf } from './mail-server'

describe('the test mail server', () => {
  let server: Awaited<ReturnType<typeof startMailServer>>
  beforeEach(async () => {
    server = await startMailServer()
  })
  afterEach(() => server.close())

  it('decodes the text part so links can be followed', async () => {
    const long = `http://localhost:3000/verify-email/${'a'.repeat(90)}?x=1`
    await nodemailer.createTransport({ url: server.url }).sendMail({
      from: 'market@example.com',
      to: 'ann@example.com',
      subject: 'Confirm',
      text: `Hello Ann — café,\n\nConfirm:\n${long}\n`,
      html: '<p>Hello</p>',
    })
    const [mail] = server.received
    if (!mail) throw new Error('no mail arrived')
    expect(textOf(mail)).toContain('Hello Ann — café,')
    expect(linkIn(mail, '/verify-email/')).toBe(`/verify-email/${'a'.repeat(90)}?x=1`)
  })
})
