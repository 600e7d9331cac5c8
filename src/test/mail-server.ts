// A real SMTP server on loopback for tests: mail sent by the market arrives here, parsed enough
// to read its headers and follow its links. `refuse` makes it answer every mail with an error.
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'

export type ReceivedMail = { to: string[]; raw: string; headers: Map<string, string[]> }

export async function startMailServer() {
  const received: ReceivedMail[] = []
  let refusing = false
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (refusing)
          return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }))
        const raw = Buffer.concat(chunks).toString('utf8')
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          headers: headersOf(raw),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse: (on: boolean) => {
      refusing = on
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * The plain-text part of a received mail, decoded (nodemailer sends quoted-printable or base64
 * whenever a line is long or a character is not ASCII): what a reader sees, links whole.
 */
export function textOf(mail: ReceivedMail): string {
  const part = mail.raw.match(
    /Content-Type: text\/plain[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*?Content-Transfer-Encoding: ([\w-]+)\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)(?:\r?\n--|$)/i,
  )
  if (!part) throw new Error(`no text part in the mail:\n${mail.raw}`)
  const [, encoding = '', body = ''] = part
  if (encoding.toLowerCase() === 'base64') return Buffer.from(body, 'base64').toString('utf8')
  if (encoding.toLowerCase() !== 'quoted-printable') return body.replace(/\r\n/g, '\n')
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/\r\n/g, '\n')
    .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

/** The first link in a mail's text that goes to `path` (e.g. "/verify-email/"), as a path. */
export function linkIn(mail: ReceivedMail, path: string): string {
  const url = textOf(mail)
    .split(/\s+/)
    .find((word) => /^https?:\/\//.test(word) && new URL(word).pathname.startsWith(path))
  if (!url) throw new Error(`no link to ${path} in the mail:\n${textOf(mail)}`)
  const { pathname, search } = new URL(url)
  return pathname + search
}

/** Header names (lower-cased) to their values, unfolded; the body is not read. */
function headersOf(raw: string): Map<string, string[]> {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? ''
  const headers = new Map<string, string[]>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon < 1) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()])
  }
  return headers
}
