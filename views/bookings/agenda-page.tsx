import type { Child } from 'hono/jsx'
import { dateTimeFormat } from '../../src/lib/intl'
import { entriesOn, type AgendaEntry, type AgendaPeriod } from '../../src/models/booking/agenda'
import type { Store } from '../../src/models/store'
import { EmptyState } from '../components/empty-state'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { statusLabel, statusTone } from '../orders/order-words'

export type AgendaPageProps = {
  shell: Shell
  store: Pick<Store, 'name' | 'slug'>
  period: AgendaPeriod
  entries: AgendaEntry[]
  /** Today on the town's clock: the "Today" link's day, and the one it marks as current. */
  today: string
  timeZone: string
  /** The private feed's address for calendar apps; null while there is none. */
  feedUrl: string | null
}

/**
 * The provider's bookings of a day or a week, in time order, with the requests that wait for
 * them standing out; and the private address that puts them in a calendar app.
 */
export function AgendaPage({ shell, feedUrl, ...body }: AgendaPageProps) {
  return (
    <SiteLayout shell={shell} title={agendaTitle(body.store)}>
      <p>
        <a href={`/stores/${body.store.slug}`}>{body.store.name}</a>
      </p>
      <h1>Agenda</h1>
      <AgendaBody {...body} locale={shell.locale} />
      <CalendarFeed slug={body.store.slug} feedUrl={feedUrl} />
    </SiteLayout>
  )
}

export function agendaTitle(store: Pick<Store, 'name'>): string {
  return `Agenda · ${store.name}`
}

/** What the previous, next, Today, Day and Week links swap with htmx. */
export const AGENDA_BODY_ID = 'agenda-body'

/** The agenda's address for a day, in day or week view. */
export function agendaHref(slug: string, view: AgendaPeriod['view'], day?: string): string {
  const query = new URLSearchParams()
  if (view === 'week') query.set('view', 'week')
  if (day) query.set('day', day)
  const search = query.toString()
  return `/stores/${slug}/agenda${search ? `?${search}` : ''}`
}

type AgendaBodyProps = Omit<AgendaPageProps, 'shell' | 'feedUrl'> & { locale: string }

/** The period's heading, the links to move through the calendar, and its bookings. */
export function AgendaBody(props: AgendaBodyProps) {
  const { store, period, entries, today, timeZone, locale } = props
  const waiting = entries.filter(isWaiting).length
  const formats = agendaFormats(locale, timeZone)
  return (
    <div id={AGENDA_BODY_ID} class="agenda">
      <h2>{periodHeading(period, locale)}</h2>
      <p class="muted">
        Times are {zoneCity(timeZone)} time ({timeZone}).
        {waiting > 0
          ? ` ${waiting === 1 ? '1 request waits' : `${waiting} requests wait`} for you to confirm.`
          : ''}
      </p>
      <AgendaNav slug={store.slug} period={period} today={today} />
      {period.view === 'day' ? (
        entries.length === 0 ? (
          <EmptyState title={period.day === today ? 'Nothing booked today' : 'Nothing booked'}>
            <p>
              Bookings for this day show here as buyers make them. Buyers can book inside your{' '}
              <a href={`/stores/${store.slug}/hours`}>hours for bookings</a>.
            </p>
          </EmptyState>
        ) : (
          <AgendaEntries entries={entries} formats={formats} />
        )
      ) : (
        period.days.map((day) => {
          const onDay = entriesOn(period, entries, day, timeZone)
          return (
            <section aria-labelledby={`agenda-${day}`}>
              <h3 id={`agenda-${day}`}>
                {dayName(day, locale)}
                {day === today ? ' (today)' : ''}
              </h3>
              {onDay.length === 0 ? (
                <p class="muted">Nothing booked.</p>
              ) : (
                <AgendaEntries entries={onDay} formats={formats} />
              )}
            </section>
          )
        })
      )}
    </div>
  )
}

/** Back and forth by a day or a week, back to today, and day or week view. */
function AgendaNav(props: { slug: string; period: AgendaPeriod; today: string }) {
  const { slug, period, today } = props
  const unit = period.view === 'week' ? 'week' : 'day'
  const inToday = period.days.includes(today)
  const other = period.view === 'week' ? 'day' : 'week'
  return (
    <nav aria-label="Agenda dates" class="agenda__nav">
      <ul class="chips">
        <li>
          <AgendaLink href={agendaHref(slug, period.view, period.previous)}>
            <span aria-hidden="true">←</span> Previous {unit}
          </AgendaLink>
        </li>
        <li>
          <AgendaLink href={agendaHref(slug, period.view)} current={inToday}>
            Today
          </AgendaLink>
        </li>
        <li>
          <AgendaLink href={agendaHref(slug, period.view, period.next)}>
            Next {unit} <span aria-hidden="true">→</span>
          </AgendaLink>
        </li>
        <li>
          <AgendaLink href={agendaHref(slug, other, period.day)}>
            {other === 'week' ? 'Whole week' : 'This day only'}
          </AgendaLink>
        </li>
      </ul>
    </nav>
  )
}

/** A plain link that, with htmx, swaps just the agenda body and keeps the address bar in step. */
function AgendaLink(props: { href: string; current?: boolean; children: Child }) {
  return (
    <a
      class="chip"
      href={props.href}
      aria-current={props.current ? 'date' : undefined}
      data-hx-get={props.href}
      data-hx-target={`#${AGENDA_BODY_ID}`}
      data-hx-swap="outerHTML"
      data-hx-push-url="true"
    >
      {props.children}
    </a>
  )
}

type Formats = ReturnType<typeof agendaFormats>

function agendaFormats(locale: string, timeZone: string) {
  return {
    time: dateTimeFormat(locale, { timeStyle: 'short', timeZone }),
    moment: dateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }),
  }
}

function AgendaEntries({ entries, formats }: { entries: AgendaEntry[]; formats: Formats }) {
  return (
    <ol class="order-list">
      {entries.map((entry) => (
        <AgendaItem entry={entry} formats={formats} />
      ))}
    </ol>
  )
}

/** A request the provider has yet to confirm: it lapses, freeing its time, if they do not. */
function isWaiting(entry: AgendaEntry): boolean {
  return entry.status === 'placed'
}

/** One booking: when, what, for whom, where it stands, and the way to its order. */
function AgendaItem({ entry, formats }: { entry: AgendaEntry; formats: Formats }) {
  const waiting = isWaiting(entry)
  return (
    <li class={`order-item panel${waiting ? ' agenda__waiting' : ''}`}>
      <p class="order-item__head">
        <strong>
          <time datetime={entry.startsAt.toISOString()}>{formats.time.format(entry.startsAt)}</time>
          –<time datetime={entry.endsAt.toISOString()}>{formats.time.format(entry.endsAt)}</time>
        </strong>
        <span class={`badge badge--${statusTone(entry.status)}`}>
          {statusLabel({ kind: 'booking', status: entry.status })}
        </span>
      </p>
      <p>
        {entry.title}
        {entry.unitName ? ` (${entry.unitName})` : ''}
        {entry.seats > 1 ? ` · ${entry.seats} places` : ''} · <strong>{entry.buyerName}</strong>
      </p>
      {entry.address ? <p class="muted">At {entry.address}</p> : null}
      {waiting ? (
        <p class="agenda__deadline">
          <strong>Waiting for you to confirm</strong>
          {entry.expiresAt ? (
            <>
              {' '}
              by{' '}
              <time datetime={entry.expiresAt.toISOString()}>
                {formats.moment.format(entry.expiresAt)}
              </time>
              , or it lapses and the time is free again.
            </>
          ) : (
            '.'
          )}
        </p>
      ) : null}
      {entry.proposedStartsAt ? (
        <p>
          {entry.proposedBy === 'buyer' ? 'The buyer asks' : 'You asked'} to move it to{' '}
          <time datetime={entry.proposedStartsAt.toISOString()}>
            {formats.moment.format(entry.proposedStartsAt)}
          </time>
          .
        </p>
      ) : null}
      <p>
        <a href={`/orders/${entry.orderCode}`}>
          Open order {entry.orderCode}
          <span class="visually-hidden"> ({entry.buyerName})</span>
        </a>
      </p>
    </li>
  )
}

/** "Tuesday, 24 November 2026" (as the locale writes a date out), or "Week of 23 November 2026". */
function periodHeading(period: AgendaPeriod, locale: string): string {
  const first = period.days[0]!
  return period.view === 'week'
    ? `Week of ${calendarDay(first, locale, { day: 'numeric', month: 'long', year: 'numeric' })}`
    : calendarDay(first, locale, { dateStyle: 'full' })
}

function dayName(day: string, locale: string): string {
  return calendarDay(day, locale, { weekday: 'long', day: 'numeric', month: 'long' })
}

/** A calendar date written out: it is a date already, so no time zone moves it. */
function calendarDay(day: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  return dateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(`${day}T12:00Z`))
}

/** The place a zone is named after, as people say it: "Africa/Banjul" → "Banjul". */
function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ')
}

/** The private feed: make it, see it, replace it or stop it. */
function CalendarFeed({ slug, feedUrl }: { slug: string; feedUrl: string | null }) {
  const action = `/stores/${slug}/agenda/feed`
  return (
    <section aria-labelledby="calendar-feed-heading" class="panel" id="calendar-feed">
      <h2 id="calendar-feed-heading">Your calendar app</h2>
      {feedUrl === null ? (
        <>
          <p>
            See your bookings in Google Calendar, Apple Calendar or Outlook, next to the rest of
            your day: make a private address for your calendar app to read them from.
          </p>
          <form method="post" action={action}>
            <button type="submit" class="button button--primary">
              Make a calendar address
            </button>
          </form>
        </>
      ) : (
        <>
          <div class="field">
            <label for="calendar-feed-url">Your private calendar address</label>
            <input
              id="calendar-feed-url"
              type="url"
              value={feedUrl}
              readonly
              aria-describedby="calendar-feed-help"
            />
          </div>
          <p id="calendar-feed-help">
            Copy it into your calendar app: in Google Calendar, “Other calendars”, then “From URL”;
            on an iPhone, Settings, Calendar, Accounts, “Add Subscribed Calendar”. Your app reads it
            again every few hours. Anyone with this address sees your bookings and your customers’
            names: keep it to yourself.
          </p>
          <div class="order-item__actions">
            <form method="post" action={action}>
              <button type="submit" class="button button--secondary">
                New address
              </button>
            </form>
            <form method="post" action={action}>
              <input type="hidden" name="_method" value="DELETE" />
              <button type="submit" class="button button--danger">
                Stop this address
              </button>
            </form>
          </div>
          <p class="muted">
            A new address stops the old one, as stopping does: calendars that used it show no more
            bookings until you give them the new one.
          </p>
        </>
      )}
    </section>
  )
}
