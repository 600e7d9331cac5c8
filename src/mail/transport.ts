// How mail leaves: nodemailer over the operator's SMTP server (SMTP_URL). Without one, there is
// no transport and mail is held in the outbox for the operator to read (sending.ts).
import { createHash } from 'node:crypto'
import nodemailer from 'nodemailer'
import type { Config } from '../config'
import type { Mail } from './outbox'

export type OutgoingMail = Pick<Mail, 'key' | 'to' | 'subject' | 'text' | 'html' | 'unsubscribeUrl'>

export type MailTransport = {
  send(mail: OutgoingMail, from: { name: string; address: string }): Promise<void>
  close(): void
}

/** A timeout well inside the job's lease: a server that hangs is a failed try, not a stuck job. */
const SMTP_TIMEOUT = 30_000

export function smtpTransport(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): MailTransport | null {
  if (!config.smtpUrl) return null
  const transporter = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: SMTP_TIMEOUT,
    greetingTimeout: SMTP_TIMEOUT,
    socketTimeout: SMTP_TIMEOUT,
  })
  const domain = config.mailFrom.split('@')[1] ?? 'localhost'
  return {
    async send(mail, from) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: messageIdFor(mail.key, domain),
        // RFC 8058: the mail client's one-click button posts to the URL; no page to visit.
        ...(mail.unsubscribeUrl
          ? {
              list: { unsubscribe: mail.unsubscribeUrl },
              headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
            }
          : {}),
      })
    },
    close: () => transporter.close(),
  }
}

/** The same mail always has the same Message-ID, so a mail sent twice (see outbox.ts) shows once. */
export function messageIdFor(key: string, domain: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`
}
