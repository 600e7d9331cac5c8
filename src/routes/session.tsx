import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { SignInCodePage } from '../../views/accounts/sign-in-code-page'
import { SignInPage } from '../../views/accounts/sign-in-page'
import type { MarketEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { parseForm, withoutSecrets, type FormErrors } from '../http/forms'
import { seeOther, safeReturnPath } from '../http/redirects'
import { endSessionCookie, startSession } from '../http/session'
import {
  clearChallengeCookie,
  readChallengeCookie,
  writeChallengeCookie,
} from '../http/sign-in-challenge'
import { shell } from '../http/shell'
import { throttledMessage } from '../http/throttled-message'
import { findSessionMember, signInMember } from '../models/member'
import { mergeCartAtSignIn } from './cart'
import { favouriteToSave, savePendingFavourite } from './listings/favourite'
import { PASSWORD_MAX_LENGTH } from '../models/password'
import { deleteSession, type SessionMember } from '../models/session'
import { recordSignIn } from '../models/sign-in-history'
import { createSignInChallenge, deleteSignInChallenge } from '../models/sign-in-challenge'
import { checkSecondFactor, hasTwoFactor, type CodeCheck } from '../models/two-factor'

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address.')
    .max(254, 'This email address is too long.'),
  password: z
    .string()
    .min(1, 'Enter your password.')
    .max(PASSWORD_MAX_LENGTH, 'That password is too long.'),
  returnTo: z.string().optional(),
  /** A listing a visitor tapped the heart of: saved once they are signed in. */
  favourite: z.string().optional(),
})

/**
 * The second step for members with two-factor on: the code form sends `code`, the recovery-code
 * form `recoveryCode`; whichever came is the one checked.
 */
const secondFactorSchema = z
  .object({
    code: z.string().max(20).optional(),
    recoveryCode: z.string().max(40, 'That is not one of your recovery codes.').optional(),
    favourite: z.string().optional(),
  })
  .superRefine((form, context) => {
    if (form.recoveryCode !== undefined) {
      if (form.recoveryCode.trim() === '')
        context.addIssue({
          code: 'custom',
          path: ['recoveryCode'],
          message: 'Enter one of your recovery codes.',
        })
    } else if (!/^\d{6}$/.test((form.code ?? '').replace(/\s/g, '')))
      context.addIssue({
        code: 'custom',
        path: ['code'],
        message: 'Enter the 6-digit code from your authenticator app.',
      })
  })
  // What was typed, and in which field (for the message beside it); "123 456" reads as 123456.
  .transform(({ code, recoveryCode, favourite }) =>
    recoveryCode !== undefined
      ? { field: 'recoveryCode' as const, typed: recoveryCode.trim(), favourite }
      : { field: 'code' as const, typed: (code ?? '').replace(/\s/g, ''), favourite },
  )

/** Signing in creates a session (after a second factor, when the member has one). */
export const signIn = new Hono<MarketEnv>()
  .get('/', (c) => {
    const returnTo = safeReturnPath(c.req.query('return_to'))
    // Already signed in: back to the page, saving nothing (a GET never saves).
    if (c.var.member) return seeOther(c, returnTo)
    return c.html(
      <SignInPage
        shell={shell(c, { returnTo })}
        values={{}}
        returnTo={returnTo}
        favourite={favouriteToSave(c, c.req.query('favourite'))}
      />,
    )
  })

  .post('/', async (c) => {
    const form = await parseForm(c, signInSchema)
    const returnTo = safeReturnPath(form.values.returnTo)
    const again = (errors: FormErrors) =>
      c.html(
        <SignInPage
          shell={shell(c, { returnTo })}
          values={withoutSecrets(form.values)}
          errors={errors}
          returnTo={returnTo}
          favourite={favouriteToSave(c, form.values.favourite)}
        />,
        422,
      )
    if (!form.ok) return again(form.errors)
    const result = await signInMember(c.var.db, c.var.clock, {
      ...form.data,
      address: c.var.address,
      userAgent: c.req.header('User-Agent') ?? '',
    })
    if (!result.ok) {
      if (result.reason === 'throttled')
        return again({ password: throttledMessage(c.var.clock.now(), result.retryAt) })
      return again({ password: 'That email and password do not match an account.' })
    }
    if (!hasTwoFactor(c.var.db, result.member.id))
      return completeSignIn(c, result.member, returnTo, form.data.favourite)
    // The password was right, but that is only half: no session until the code is too.
    const { token, challenge } = createSignInChallenge(
      c.var.db,
      c.var.clock,
      result.member.id,
      returnTo,
    )
    writeChallengeCookie(c, token, challenge.expiresAt)
    const favourite = favouriteToSave(c, form.data.favourite)
    return seeOther(c, favourite ? `/sign-in/code?favourite=${favourite.id}` : '/sign-in/code')
  })

  .get('/code', (c) => {
    const challenge = readChallengeCookie(c)
    if (!challenge) return challengeLost(c)
    return c.html(
      <SignInCodePage
        shell={shell(c, { returnTo: challenge.next })}
        favourite={favouriteToSave(c, c.req.query('favourite'))}
      />,
    )
  })

  .post('/code', async (c) => {
    const challenge = readChallengeCookie(c)
    if (!challenge) return challengeLost(c)
    const form = await parseForm(c, secondFactorSchema)
    const again = (errors: FormErrors) =>
      c.html(
        <SignInCodePage
          shell={shell(c, { returnTo: challenge.next })}
          favourite={favouriteToSave(c, form.values.favourite)}
          errors={errors}
        />,
        422,
      )
    if (!form.ok) return again(form.errors)
    const { field, typed, favourite } = form.data
    const check = checkSecondFactor(c.var.db, c.var.clock, challenge.memberId, typed)
    if (!check.ok) {
      recordSignIn(c.var.db, c.var.clock, {
        memberId: challenge.memberId,
        outcome: check.reason === 'throttled' ? 'throttled' : 'wrong_code',
        address: c.var.address,
        userAgent: c.req.header('User-Agent') ?? '',
      })
      return again({ [field]: codeMessage(c, check, field) })
    }
    // Only the request that ends the challenge signs in: a double submit starts one session.
    if (!deleteSignInChallenge(c.var.db, challenge.id)) return challengeLost(c)
    clearChallengeCookie(c)
    const member = findChallengeMember(c, challenge.memberId)
    return completeSignIn(c, member, challenge.next, favourite)
  })

export const signOut = new Hono<MarketEnv>().post('/', (c) => {
  if (c.var.session) deleteSession(c.var.db, c.var.session.id)
  endSessionCookie(c)
  return flashRedirect(c, '/', 'You are signed out.')
})

/**
 * The end of every sign-in, with a password alone or with a second factor after it: a fresh
 * session (a session id planted before sign-in is worth nothing), the visitor's cart and
 * favourite carried over, a line in the member's sign-in history, then back where they were.
 */
function completeSignIn(
  c: Context<MarketEnv>,
  member: SessionMember,
  returnTo: string,
  favourite: string | undefined,
) {
  const previous = c.var.session
  if (previous) deleteSession(c.var.db, previous.id)
  startSession(c, member)
  mergeCartAtSignIn(c, member.id)
  const saved = savePendingFavourite(c, member, favourite)
  recordSignIn(c.var.db, c.var.clock, {
    memberId: member.id,
    outcome: 'signed_in',
    address: c.var.address,
    userAgent: c.req.header('User-Agent') ?? '',
  })
  return flashRedirect(c, returnTo, `Signed in as ${member.displayName}.${saved}`)
}

/** No challenge cookie, a forged one, or one that expired: start again from the password. */
function challengeLost(c: Context<MarketEnv>) {
  clearChallengeCookie(c)
  return flashRedirect(
    c,
    '/sign-in',
    'Your sign-in timed out or could not be continued. Please sign in again.',
    'alert',
  )
}

function findChallengeMember(c: Context<MarketEnv>, memberId: number): SessionMember {
  const member = findSessionMember(c.var.db, memberId)
  if (!member) throw new Error(`no member ${memberId} for a sign-in challenge`)
  return member
}

function codeMessage(
  c: Context<MarketEnv>,
  check: Exclude<CodeCheck, { ok: true }>,
  field: 'code' | 'recoveryCode',
): string {
  if (check.reason === 'throttled') return throttledMessage(c.var.clock.now(), check.retryAt)
  if (check.reason === 'used_code')
    return 'That code has already been used. Wait for the next one in your app.'
  return field === 'recoveryCode'
    ? 'That recovery code is not right, or it has been used.'
    : 'That code is not right. Check that the time on your phone is correct and try the newest code.'
}
