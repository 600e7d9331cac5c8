import type { PasswordConfirmation } from '../models/password-confirmation'
import { throttledMessage } from './throttled-message'

/** What to say beside a password field when the password asked again was refused. */
export function passwordRefusal(
  now: Date,
  refusal: Exclude<PasswordConfirmation, { ok: true }>,
  wrong = 'That is not your password.',
): string {
  return refusal.reason === 'password_throttled' ? throttledMessage(now, refusal.retryAt) : wrong
}
