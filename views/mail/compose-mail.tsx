// Every mail the market sends, in one shape: a greeting, a few short paragraphs, at most one
// button (a link in the plain-text part), perhaps a code to type, and a footer saying why it came
// and — for notification mail — how to stop it. Plain text first: many read mail in clients that
// show no HTML, and the HTML part is the same words with only the styles a mail client keeps.
import type { MailContent } from '../../src/mail/outbox'

export type MailParts = {
  marketName: string
  subject: string
  /** "Hello Ann," */
  greeting: string
  paragraphs: string[]
  /** The one thing to do, as a button; in the text part, the label and the address. */
  action?: { label: string; url: string }
  /** A short code to type instead of following the link, shown large. */
  code?: string
  /** Paragraphs after the button: "If you did not ask for this…" */
  after?: string[]
  /** One-click unsubscribe for this kind of notification mail. */
  unsubscribe?: { url: string; kindLabel: string }
}

export function composeMail(parts: MailParts): MailContent {
  return { subject: parts.subject, text: mailText(parts), html: mailHtml(parts) }
}

function mailText(parts: MailParts): string {
  const blocks = [parts.greeting, ...parts.paragraphs]
  if (parts.action) blocks.push(`${parts.action.label}:\n${parts.action.url}`)
  if (parts.code) blocks.push(`Your code: ${parts.code}`)
  blocks.push(...(parts.after ?? []), `— ${parts.marketName}`)
  if (parts.unsubscribe)
    blocks.push(
      `You get this mail for "${parts.unsubscribe.kindLabel}". Stop these mails:\n${parts.unsubscribe.url}`,
    )
  return `${blocks.join('\n\n')}\n`
}

const text = 'font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1f2328'
const small = 'font-family:system-ui,sans-serif;font-size:13px;line-height:1.5;color:#59636e'

function mailHtml(parts: MailParts): string {
  const node = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>{parts.subject}</title>
      </head>
      <body style="margin:0;padding:16px;background:#ffffff">
        <div style="max-width:560px;margin:0 auto">
          <p style={text}>{parts.greeting}</p>
          {parts.paragraphs.map((paragraph) => (
            <p style={text}>{paragraph}</p>
          ))}
          {parts.action && (
            <p style="margin:24px 0">
              <a
                href={parts.action.url}
                style="display:inline-block;padding:12px 20px;border-radius:6px;background:#1f6f50;color:#ffffff;font-family:system-ui,sans-serif;font-size:16px;font-weight:600;text-decoration:none"
              >
                {parts.action.label}
              </a>
            </p>
          )}
          {parts.code && (
            <p style={text}>
              Your code:{' '}
              <strong style="font-size:24px;letter-spacing:4px;font-family:ui-monospace,monospace">
                {parts.code}
              </strong>
            </p>
          )}
          {(parts.after ?? []).map((paragraph) => (
            <p style={text}>{paragraph}</p>
          ))}
          <p style={text}>— {parts.marketName}</p>
          {parts.unsubscribe && (
            <p style={small}>
              You get this mail for “{parts.unsubscribe.kindLabel}”.{' '}
              <a href={parts.unsubscribe.url} style="color:#59636e">
                Stop these mails
              </a>
              .
            </p>
          )}
        </div>
      </body>
    </html>
  )
  const html = node.toString()
  // Only components that await anything render to a promise; a mail's never do.
  if (typeof html !== 'string') throw new Error('a mail template must render synchronously')
  return `<!doctype html>${html}`
}
