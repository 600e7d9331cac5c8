import type { ZxcvbnFactory } from '@zxcvbn-ts/core'
import argon2 from 'argon2'

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

/** False for a wrong password, and for a stored value that is no argon2 hash (a deleted account). */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  // Same work as a real check, so the answer's timing says nothing either.
  if (!hash.startsWith('$argon2')) return verifyDecoy(password)
  return argon2.verify(hash, password)
}

/** A hash of nothing in particular, verified against when the email is unknown so timing matches. */
const decoyHash = hashPassword('decoy password that nobody has')
export async function verifyDecoy(password: string): Promise<false> {
  await argon2.verify(await decoyHash, password)
  return false
}

// zxcvbn estimates how many guesses a cracker needs, knowing ~240,000 leaked passwords, words
// and names, keyboard walks, dates and l33t. Built once, on the first password check (~0.2 s):
// its dictionaries take ~65 MB, which a market that nobody is signing up to right now should
// not carry, and building it per check would cost that on every sign-up. Levenshtein matching
// stays off: it makes a check take up to a second, and the leaked-password list already holds
// the near misses ("password12").
let estimator: Promise<ZxcvbnFactory> | undefined
function strength(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, english] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ])
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    })
  })()
  return estimator
}

/**
 * Fewer estimated guesses than this is refused. A billion guesses against argon2id at the
 * parameters above, tens of milliseconds each, is decades of one core's time; passphrases of
 * three or four words and ten random characters clear it, "password12" (10^3.8) and
 * "awa2026awa" for a member called Awa (10^8) do not.
 */
const MIN_GUESSES_LOG10 = 9

/**
 * NIST 800-63B style: length, not composition; refuse passwords attackers try first, and ones
 * built from the member's own name or email (passed to zxcvbn as words it knows).
 * @example await passwordProblem('awa2026awa', { email: 'awa@example.com', displayName: 'Awa' }) // "…your email or name."
 */
export async function passwordProblem(
  password: string,
  context: { email?: string; displayName?: string } = {},
): Promise<string | null> {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Use at least ${PASSWORD_MIN_LENGTH} characters — a short sentence works well.`
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`
  const estimate = (await strength()).check(password, personalWords(context))
  if (estimate.guessesLog10 >= MIN_GUESSES_LOG10) return null
  const personal = estimate.sequence.some((match) => match.dictionaryName === 'userInputs')
  return personal
    ? 'Your password should not contain your email or name.'
    : 'This password is one of the first that attackers try. Choose something less common.'
}

/** "Fatou Ceesay", fatou.ceesay@example.com → the whole of each and every part of them. */
function personalWords({ email, displayName }: { email?: string; displayName?: string }) {
  const local = email?.split('@')[0] ?? ''
  const words = [email ?? '', local, ...local.split(/[._+-]+/)]
  if (displayName) words.push(displayName, ...displayName.split(/\s+/))
  return [...new Set(words.map((word) => word.toLowerCase()).filter((word) => word.length >= 2))]
}
