import { describe, expect, it } from 'vitest'
import { calendarFile, escapeText, foldLine, utcDateTime, type CalendarEvent } from './ical'

const octets = (text: string) => new TextEncoder().encode(text).length

/** Undoes folding as a calendar app does: a line break followed by one space is no break. */
const unfold = (text: string) => text.replace(/\r\n /g, '')

const event: CalendarEvent = {
  uid: 'booking-ABC123@souk.test',
  stamp: new Date('2026-11-23T09:00:00Z'),
  start: new Date('2026-11-24T10:00:00Z'),
  end: new Date('2026-11-24T11:00:00Z'),
  summary: 'Haircut — Binta',
  status: 'CONFIRMED',
}

describe('escapeText', () => {
  it('escapes backslashes, semicolons and commas, and writes line breaks as \\n', () => {
    expect(escapeText('Hair, beard; done')).toBe('Hair\\, beard\\; done')
    expect(escapeText('C:\\path')).toBe('C:\\\\path')
    expect(escapeText('one\ntwo\r\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour')
    // A backslash is escaped once, not again after a comma's escape is added.
    expect(escapeText('\\,')).toBe('\\\\\\,')
  })

  it('drops control characters the grammar does not allow, keeping tabs and other scripts', () => {
    expect(escapeText('a\u0000b\u0007c\u007fd\te')).toBe('abcd\te')
    expect(escapeText('Tresses à Tanji ✂️')).toBe('Tresses à Tanji ✂️')
  })
})

describe('foldLine', () => {
  it('leaves a line of 75 octets alone', () => {
    const line = `SUMMARY:${'x'.repeat(67)}`
    expect(octets(line)).toBe(75)
    expect(foldLine(line)).toBe(line)
  })

  it('folds longer lines at 75 octets, each continuation starting with a space', () => {
    const line = `DESCRIPTION:${'abcdefghij'.repeat(20)}`
    const folded = foldLine(line)
    const lines = folded.split('\r\n')
    expect(lines.length).toBe(3)
    expect(lines.every((one) => octets(one) <= 75)).toBe(true)
    expect(octets(lines[0]!)).toBe(75)
    expect(lines.slice(1).every((one) => one.startsWith(' '))).toBe(true)
    expect(unfold(folded)).toBe(line)
  })

  it('never splits a UTF-8 character, however the bytes fall', () => {
    // Two-, three- and four-byte characters, shifted so that each meets the fold in turn.
    for (const character of ['é', '—', '✂', '😀']) {
      for (let shift = 0; shift < 4; shift += 1) {
        const line = `SUMMARY:${'x'.repeat(shift)}${character.repeat(60)}`
        const folded = foldLine(line)
        for (const one of folded.split('\r\n')) {
          expect(octets(one)).toBeLessThanOrEqual(75)
          // Encoding and decoding a line changes it if it holds half a character.
          const bytes = new TextEncoder().encode(one)
          expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(one)
        }
        expect(unfold(folded)).toBe(line)
      }
    }
  })
})

describe('utcDateTime', () => {
  it('writes an instant in UTC, to the second', () => {
    expect(utcDateTime(new Date('2026-11-24T10:05:09.123Z'))).toBe('20261124T100509Z')
  })
})

describe('calendarFile', () => {
  it('is one VCALENDAR of VEVENTs with CRLF after every line, the last included', () => {
    const text = calendarFile({ productId: '-//Souk//Bookings//EN', events: [event] })
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Souk//Bookings//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:booking-ABC123@souk.test',
      'DTSTAMP:20261123T090000Z',
      'DTSTART:20261124T100000Z',
      'DTEND:20261124T110000Z',
      'SUMMARY:Haircut — Binta',
      'STATUS:CONFIRMED',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ])
  })

  it('escapes and folds every text property, and names a feed with its refresh interval', () => {
    const long = 'Compound 12, behind the mosque; ask for Lamin\nBlue gate '.repeat(3)
    const text = calendarFile({
      productId: '-//Souk//Bookings//EN',
      name: 'Fatou Hair, bookings',
      refreshMinutes: 60,
      events: [
        { ...event, location: long, description: 'Order: https://souk.test/orders/ABC123' },
        { ...event, uid: 'booking-XYZ789@souk.test', status: 'TENTATIVE' },
      ],
    })
    const lines = text.split('\r\n')
    expect(lines.every((line) => octets(line) <= 75)).toBe(true)
    const unfolded = unfold(text).split('\r\n')
    expect(unfolded).toContain('X-WR-CALNAME:Fatou Hair\\, bookings')
    expect(unfolded).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT60M')
    expect(unfolded).toContain(`LOCATION:${escapeText(long)}`)
    expect(unfolded).toContain('DESCRIPTION:Order: https://souk.test/orders/ABC123')
    expect(unfolded.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2)
    expect(unfolded).toContain('STATUS:TENTATIVE')
  })
})
