import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto'

/** A random string with `bytes` bytes of entropy, safe in URLs and cookies. */
export function randomToken(bytes = 20): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(bytes))
}

export function hashToken(token: string): Buffer {
  return Buffer.from(sha256(new TextEncoder().encode(token)))
}

export function hashesMatch(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b)
}

/** Letters and digits people can read aloud without mixing them up: no 0/O, 1/I/L. */
const READABLE = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/**
 * A short random code to print, say on the phone or put in an address: 10 characters of 31 are
 * about 50 bits, too many to guess one from another.
 */
export function readableCode(length = 10): string {
  let code = ''
  for (let index = 0; index < length; index += 1) code += READABLE[randomInt(READABLE.length)]
  return code
}
