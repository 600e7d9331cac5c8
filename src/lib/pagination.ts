// Page numbers come from the address bar, so they can be anything: "2", "-1", "abc", or a
// 400-digit number that overflows SQLite's integer OFFSET. Every paginated page reads them here.

/** Past this, a link is asking for the last page anyway: no town has ten thousand pages of anything. */
export const MAX_PAGE_NUMBER = 10_000

/**
 * `?page=` as a page number from 1 to MAX_PAGE_NUMBER: anything that is not a plain whole number
 * is page 1, and a huge number is the highest page.
 * @example readPageNumber(c.req.query('page')) // "384307168202282326" → 10000
 */
export function readPageNumber(text: string | null | undefined): number {
  const digits = text?.trim() ?? ''
  if (!/^\d+$/.test(digits)) return 1
  const number = digits.length > 6 ? MAX_PAGE_NUMBER : Number(digits)
  return Math.min(Math.max(number, 1), MAX_PAGE_NUMBER)
}

export type PageWindow = { number: number; totalPages: number; offset: number; size: number }

/**
 * The page to show out of `total` items: the one asked for, or the last one when it asks past
 * the end (an old link to page 9 of what is now 3 pages still shows something).
 */
export function pageWithin(requested: number, total: number, size: number): PageWindow {
  const totalPages = Math.max(1, Math.ceil(total / size))
  const number = Math.min(Math.max(1, Math.trunc(requested) || 1), totalPages)
  return { number, totalPages, offset: (number - 1) * size, size }
}
