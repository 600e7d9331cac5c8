import { Button } from '../components/button'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type UnsubscribePageProps = {
  shell: Shell
  /** The kind of mail, in the words of the account page's preferences. */
  kindLabel: string
  /** Whether the member turned it off already (or just now). */
  off: boolean
  /** Where the button posts: this page's own address. */
  action: string
}

/**
 * Where a notification mail's "Stop these mails" link leads. Opening it changes nothing — mail
 * scanners open links — so it asks for one press of a button; once off, it says so and where to
 * turn the mail back on.
 */
export function UnsubscribePage({ shell, kindLabel, off, action }: UnsubscribePageProps) {
  return (
    <SiteLayout shell={shell} title={off ? 'These mails are stopped' : 'Stop these mails?'} focused>
      {off ? (
        <>
          <h1>These mails are stopped</h1>
          <p>
            {shell.marketName} sends you no more mail for “{kindLabel}”. Other mail is not changed.
          </p>
          <p>
            Changed your mind? Turn it back on in{' '}
            <a href="/account#mail-heading">your account’s email preferences</a>.
          </p>
        </>
      ) : (
        <>
          <h1>Stop these mails?</h1>
          <p>
            You get mail from {shell.marketName} for “{kindLabel}”. Stopping it leaves the other
            kinds of mail as they are, and the notifications on the market itself.
          </p>
          <form method="post" action={action} class="form">
            <Button>Stop these mails</Button>
          </form>
        </>
      )}
    </SiteLayout>
  )
}
