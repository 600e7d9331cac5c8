/**
 * Signs in through the real form, as a browser would (Origin header, form body), and returns the
 * session cookie. Checks the cookie is honoured, so "home (member)" never silently measures a visitor.
 */
export async function signInCookie(
  url: string,
  credentials: { email: string; password: string },
): Promise<string> {
  const response = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(credentials),
  })
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .find((pair) => /^(__Host-)?souk_session=./.test(pair))
  if (response.status !== 303 || !session)
    throw new Error(
      `signing in as ${credentials.email} answered ${response.status} without a session`,
    )

  // Only signed-in pages are marked private: a cheap proof the server recognised the session.
  const home = await fetch(`${url}/`, { headers: { Cookie: session } })
  if (!home.headers.get('Cache-Control')?.includes('private'))
    throw new Error(`the session cookie for ${credentials.email} was not recognised`)
  return session
}
