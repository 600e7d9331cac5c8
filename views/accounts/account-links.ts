// Links to sign in and sign up that bring a member back to the page they were on. Shared by the
// page shell's header and the two account pages, so it lives apart from both.

/** "/sign-in?return_to=%2Flistings%2F12-honey", or plain "/sign-in" from the home page. */
export function signInHref(returnTo: string) {
  return returnTo === '/' ? '/sign-in' : `/sign-in?return_to=${encodeURIComponent(returnTo)}`
}

/** The same for signing up. */
export function signUpHref(returnTo: string) {
  return returnTo === '/' ? '/sign-up' : `/sign-up?return_to=${encodeURIComponent(returnTo)}`
}
