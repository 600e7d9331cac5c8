// Links to sign in and sign up that bring a member back to the page they were on. Shared by the
// page shell's header, the two account pages and the hearts, so it lives apart from all of them.

/**
 * "/sign-in?return_to=%2Flistings%2F12-honey", or plain "/sign-in" from the home page. With a
 * favourite, the listing to save once signed in: "/sign-in?return_to=%2F&favourite=12".
 */
export function signInHref(returnTo: string, favourite?: number) {
  return accountHref('/sign-in', returnTo, favourite)
}

/** The same for signing up. */
export function signUpHref(returnTo: string, favourite?: number) {
  return accountHref('/sign-up', returnTo, favourite)
}

function accountHref(path: string, returnTo: string, favourite: number | undefined) {
  if (favourite !== undefined)
    return `${path}?return_to=${encodeURIComponent(returnTo)}&favourite=${favourite}`
  return returnTo === '/' ? path : `${path}?return_to=${encodeURIComponent(returnTo)}`
}
