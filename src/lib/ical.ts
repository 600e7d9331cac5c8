// iCalendar (RFC 5545), the little of it a calendar app needs to show appointments: one
// VCALENDAR of VEVENTs, times in UTC. Calendar apps are strict where browsers are forgiving, so
// the three rules that trip hand-written files are kept here: CRLF after every line, lines folded
// at 75 octets (never inside a UTF-8 character), and commas, semicolons, backslashes and line
// breaks in text escaped.

export type CalendarEvent = {
  /** Stable for the same appointment, so a second import or the next feed refresh updates it. */
  uid: string
  /** When this description of it was made. */
  stamp: Date
  start: Date
  end: Date
  summary: string
  location?: string | undefined
  description?: string | undefined
  url?: string | undefined
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'
}

export type Calendar = {
  /** The product that wrote it (PRODID), like "-//Souk//Bookings//EN". */
  productId: string
  /** What a subscribing app calls the calendar (X-WR-CALNAME); files of one event need none. */
  name?: string | undefined
  /** How often a subscribing app should read it again, in minutes. */
  refreshMinutes?: number | undefined
  events: CalendarEvent[]
}

/**
 * The calendar as a .ics file's text.
 * @example calendarFile({ productId: '-//Souk//Bookings//EN', events: [event] })
 */
export function calendarFile(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(calendar.productId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ]
  if (calendar.name) lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`)
  if (calendar.refreshMinutes) {
    // The standard's property (RFC 7986) and the one older Apple and Microsoft clients read.
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:PT${calendar.refreshMinutes}M`)
    lines.push(`X-PUBLISHED-TTL:PT${calendar.refreshMinutes}M`)
  }
  for (const event of calendar.events) lines.push(...eventLines(event))
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join('\r\n') + '\r\n'
}

function eventLines(event: CalendarEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcDateTime(event.stamp)}`,
    `DTSTART:${utcDateTime(event.start)}`,
    `DTEND:${utcDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ]
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`)
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`)
  // A URI is not TEXT: it is written as it is (ours never hold a line break).
  if (event.url) lines.push(`URL:${event.url}`)
  lines.push(`STATUS:${event.status}`, 'END:VEVENT')
  return lines
}

/**
 * A TEXT value as RFC 5545 §3.3.11 writes it: backslash, semicolon and comma escaped, any line
 * break as `\n`, and other control characters (which the grammar does not allow) dropped.
 * @example escapeText('Hair, beard; done\nthanks') → 'Hair\\, beard\\; done\\nthanks'
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
}

/** An instant as a UTC DATE-TIME: 20261124T100000Z. */
export function utcDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

const encoder = new TextEncoder()
const MAX_OCTETS = 75

/**
 * A content line folded as RFC 5545 §3.1 asks: no line longer than 75 octets, each continuation
 * starting with one space. It breaks between characters (whole code points), never inside one,
 * so no line holds half of a UTF-8 sequence.
 * @example foldLine('SUMMARY:' + 'x'.repeat(80)) → 'SUMMARY:xxx…x\r\n xxxxx…'
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line
  const parts: string[] = []
  let part = ''
  let octets = 0
  for (const character of line) {
    const size = encoder.encode(character).length
    // The first line has 75 octets; the others 74, after the space that says they continue.
    const room = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1
    if (octets + size > room) {
      parts.push(part)
      part = ''
      octets = 0
    }
    part += character
    octets += size
  }
  parts.push(part)
  return parts.join('\r\n ')
}
