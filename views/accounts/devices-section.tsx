import { describeDevice } from '../../src/lib/device'
import type { Session } from '../../src/models/session'

type DevicesSectionProps = {
  sessions: Session[]
  currentSessionId: string
  when: Intl.DateTimeFormat
  /** Said after a device was signed out in place, so screen readers hear that it worked. */
  notice?: string | undefined
}

/** The one id the section has, for htmx to swap it after a device is signed out. */
export function devicesSectionId() {
  return 'devices'
}

export function deviceRowId(session: Pick<Session, 'id'>) {
  return `device-${session.id}`
}

/**
 * Every session signed in as the member: the device, when it signed in and was last seen, this
 * device marked, a Sign out for each other one and one for all of them. With htmx, signing one
 * out swaps this whole section (the row goes, the count on "everywhere else" follows); without
 * JavaScript each is a plain form and the page comes back with a flash.
 */
export function DevicesSection({ sessions, currentSessionId, when, notice }: DevicesSectionProps) {
  const others = sessions.filter((session) => session.id !== currentSessionId)
  // This device first, then the others, the one seen last first (listSessions' order).
  const ordered = [...sessions.filter((session) => session.id === currentSessionId), ...others]
  return (
    <section aria-labelledby="devices-heading" class="panel" id={devicesSectionId()}>
      <h2 id="devices-heading">Devices signed in</h2>
      <ul class="devices">
        {ordered.map((session) => {
          const device = describeDevice(session.userAgent)
          const current = session.id === currentSessionId
          const action = `/account/sessions/${session.id}/revocation`
          return (
            <li class="device" id={deviceRowId(session)}>
              <p class="device__name">
                <strong>{device}</strong>
                {current ? (
                  <>
                    {' '}
                    <span class="badge">This device</span>
                  </>
                ) : null}
              </p>
              <p class="muted">
                Signed in {when.format(session.createdAt)} · last seen{' '}
                {when.format(session.lastSeenAt)}
              </p>
              {current ? null : (
                <form
                  method="post"
                  action={action}
                  data-hx-post={action}
                  data-hx-target={`#${devicesSectionId()}`}
                  data-hx-swap="outerHTML"
                >
                  <button type="submit" class="button button--small button--secondary">
                    Sign out<span class="visually-hidden"> {device}</span>
                  </button>
                </form>
              )}
            </li>
          )
        })}
      </ul>
      {others.length > 0 ? (
        <form method="post" action="/account/sessions/revocation">
          <button type="submit" class="button button--secondary">
            Sign out everywhere else ({others.length} other{' '}
            {others.length === 1 ? 'device' : 'devices'})
          </button>
        </form>
      ) : (
        <p class="muted">You are not signed in anywhere else.</p>
      )}
      <p class="muted" role="status">
        {notice ?? ''}
      </p>
    </section>
  )
}
