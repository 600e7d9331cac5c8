// Test support for two-factor sign-in: turn it on through the model, and compute the codes an
// authenticator app would show at the test clock's time.
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding'
import { confirmTwoFactor, startTwoFactorEnrolment, totpCode, totpStep } from '../models/two-factor'
import type { TestMarket } from './app'

/** The code the member's app shows now (or `offset` 30-second steps away). */
export function appCode(market: TestMarket, key: Uint8Array, offset = 0): string {
  return totpCode(key, totpStep(market.clock.now()) + offset)
}

/**
 * Turns two-factor on for a member and moves the clock past the code that confirmed it (and the
 * step before it), so the next code a test sends is one not yet used.
 */
export function enableTwoFactor(market: TestMarket, memberId: number) {
  const key = startTwoFactorEnrolment(market.db, memberId)
  if (!key) throw new Error('two-factor is already on')
  const confirmed = confirmTwoFactor(market.db, market.clock, memberId, appCode(market, key))
  if (!confirmed.ok) throw new Error(`confirming failed: ${confirmed.reason}`)
  market.clock.advance(60_000)
  return { key, recoveryCodes: confirmed.recoveryCodes }
}

/** The key as the page shows it to type, without the spaces. */
export function base32Key(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key)
}
