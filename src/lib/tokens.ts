import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { randomBytes, timingSafeEqual } from 'node:crypto'

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
