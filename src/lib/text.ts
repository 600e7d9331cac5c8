// Text that people type, made safe to store and show, in one place: every schema that takes a
// name, title, description or caption builds it with singleLine or multiLine.
//
// - NFC, so "é" typed two ways is one string (search, uniqueness and lengths agree).
// - Control characters are removed (a NUL byte truncates C strings, breaks logs and exports);
//   multi-line fields keep tab and newline, and "\r\n" becomes "\n".
// - Bidi overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069) are refused with a
//   message rather than silently stripped: "‮gpj.exe" shows as "exe.jpg", the classic way to make
//   a name or title read as something it is not. The direction *marks* (U+200E, U+200F, U+061C)
//   are harmless and kept for mixed Arabic and Latin text.
// - Invisible characters (zero-width space, word joiner, BOM, Hangul fillers, braille blank…)
//   are trimmed from both ends and do not count as content, so a name made only of them is
//   empty. Inside text they stay: the zero-width joiner and non-joiner are needed in Persian,
//   Indic scripts and emoji.
import { z } from 'zod'

/** C0 controls and DEL, and the C1 controls. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g
const CONTROLS_BUT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/
/** Characters that show nothing: zero-width and format characters, fillers and blanks. */
const INVISIBLE =
  '\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b-\\u200f\\u2060-\\u2064\\u2800\\u3164\\ufeff\\uffa0'
const INVISIBLE_OR_SPACE = new RegExp(`[\\s${INVISIBLE}]`, 'gu')
const EDGES = new RegExp(`^[\\s${INVISIBLE}]+|[\\s${INVISIBLE}]+$`, 'gu')

export const BIDI_MESSAGE =
  'Remove the hidden characters that change the direction of the text, then try again.'

type Lines = 'single' | 'multi'

/** What is left to store of `text`, or why it cannot be stored. */
export function cleanText(
  text: string,
  lines: Lines,
): { ok: true; text: string } | { ok: false; reason: 'bidi_control' } {
  const normal = text.normalize('NFC')
  if (BIDI_CONTROLS.test(normal)) return { ok: false, reason: 'bidi_control' }
  const cleaned =
    lines === 'single'
      ? normal.replace(/[\t\r\n]+/g, ' ').replace(CONTROLS, '')
      : normal.replace(/\r\n?/g, '\n').replace(CONTROLS_BUT_TAB_AND_NEWLINE, '')
  const trimmed = cleaned.replace(EDGES, '')
  // Only invisible characters in between (e.g. "\u200b \u200d") is no text at all.
  return { ok: true, text: trimmed.replace(INVISIBLE_OR_SPACE, '') === '' ? '' : trimmed }
}

type TextOptions = {
  /** The message when nothing visible was typed; without it the field may be left empty. */
  required?: string
}

function textField(lines: Lines, max: number, options: TextOptions) {
  return z
    .string()
    .optional()
    .transform((value, context) => {
      // `continue`: the form's other rules (refinements across fields) still run, so every
      // problem shows at once, as with zod's own .min() and .max().
      const refuse = (message: string) => {
        context.issues.push({ code: 'custom', message, input: value, continue: true })
        return z.NEVER
      }
      const cleaned = cleanText(value ?? '', lines)
      if (!cleaned.ok) return refuse(BIDI_MESSAGE)
      if (options.required && cleaned.text === '') return refuse(options.required)
      if (cleaned.text.length > max) return refuse(`Use at most ${max} characters.`)
      return cleaned.text
    })
}

/**
 * One line of text (a name, a title, a caption): normalised, controls removed, at most `max`
 * characters. A missing field reads as ''.
 * @example displayName: singleLine(60, { required: 'Enter your name.' })
 */
export function singleLine(max: number, options: TextOptions = {}) {
  return textField('single', max, options)
}

/**
 * Text with paragraphs (a description, a bio): like singleLine but keeps tabs and newlines.
 * @example description: multiLine(5000)
 */
export function multiLine(max: number, options: TextOptions = {}) {
  return textField('multi', max, options)
}
