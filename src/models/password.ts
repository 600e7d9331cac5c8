import argon2 from 'argon2'
import { isCommonPassword } from './common-passwords'

/**
 * argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane).
 * Raising these later is safe: verify() reads the parameters stored in each hash.
 */
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS)
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password)
}

/** A hash of nothing in particular, verified against when the email is unknown so timing matches. */
const decoyHash = hashPassword('decoy password that nobody has')
export async function verifyDecoy(password: string): Promise<false> {
  await argon2.verify(await decoyHash, password)
  return false
}

/** NIST 800-63B style: length, not composition; refuse passwords attackers try first. */
export function passwordProblem(
  password: string,
  context: { email?: string; displayName?: string } = {},
): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Use at least ${PASSWORD_MIN_LENGTH} characters — a short sentence works well.`
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`
  const lowered = password.toLowerCase()
  if (isCommonPassword(lowered) || new Set(lowered).size <= 2)
    return 'This password is one of the first that attackers try. Choose something less common.'
  const emailName = context.email?.split('@')[0]?.toLowerCase()
  const name = context.displayName?.toLowerCase().replace(/\s+/g, '')
  if (
    (emailName && emailName.length >= 4 && lowered.includes(emailName)) ||
    (name && lowered.replace(/\s+/g, '') === name)
  )
    return 'Your password should not contain your email or name.'
  return null
}
