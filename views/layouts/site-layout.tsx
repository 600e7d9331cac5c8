import { html } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { Flash as FlashMessage } from '../../src/http/flash'
import type { OwnStore } from '../../src/models/order'
import type { SessionMember } from '../../src/models/session'
import { signInHref, signUpHref } from '../accounts/account-links'
import { CartLink } from '../cart/cart-link'
import { Flash } from '../components/flash'
import { LiveNotice } from './live-notice'
import { MessagesLink, NotificationsLink, SalesLink } from './header-links'
import { HEADER_SEARCH_ID, SearchBox } from '../search/search-box'

/** What every page's frame needs to know; routes build it with shell(c). */
export type Shell = {
  marketName: string
  town: string | null
  /** False until first-run setup is done: no account links lead anywhere yet. */
  open: boolean
  locale: string
  member: SessionMember | null
  flash: FlashMessage | null
  assets: { css: string; js: string; htmx: string; live: string }
  searchQuery?: string
  /** The search page has its own search box where the header's would be. */
  searchPage?: boolean
  /** Where the header's "Sign in" and "Sign up" bring a visitor back to: usually this page. */
  returnTo: string
  /** Everything in the member's or visitor's cart, added up: the header's "Cart (2)". */
  cartCount: number
  /** The member's store and its new orders ("My store", "Sales (2 new)"); null without one. */
  ownStore: OwnStore | null
  /** A member's counts for the header's Messages and bell. */
  unread: { messages: number; notifications: number }
  /**
   * A member's pages listen for live updates (src/routes/events.ts): from the newest event there
   * was when the page was read, so nothing that happens while it travels is missed; `page` names
   * what the page shows (src/live/streams.ts). Null for visitors.
   */
  live: { after: number; page: string } | null
  /**
   * The header link this page belongs under when its address does not say (a provider's order
   * is under Sales, though it lives at /orders/…); otherwise the address decides.
   */
  section?: string
}

type LayoutProps = {
  shell: Shell
  title: string
  children: Child
  /** One short form in the middle (sign in, set up): no header search. */
  focused?: boolean
  /** Pages of cards and columns (home, search, a listing, a store) use the screen's width;
   * pages of forms and text keep a reading width. */
  wide?: boolean
}

// htmx 4 makes inheritance explicit (`hx-boost:inherited`), but no attribute with a colon is valid
// HTML, and neither is any bare `hx-*`. So htmx reads its `data-hx-*` spelling, and the config
// turns implicit inheritance back on (htmx 2's rule): `data-hx-boost` on <body> reaches every link
// and form. Mind it when putting data-hx-target or data-hx-swap on a container: descendants inherit.
// The meta character is `-` for the same reason: the SSE extension's `hx-sse:connect` is spelled
// `data-hx-sse-connect`. htmx names its events with it too: static/app.js listens for
// `htmx-after-settle`, not `htmx:after:settle`.
// The event stream retries a lost connection with a doubling delay (from half a second, ±30 %);
// capped at 5 s instead of the extension's minute, a phone back from ten seconds in a lift
// catches up within a few seconds, while a market whose server restarts is not hammered.
export const HTMX_CONFIG = JSON.stringify({
  includeIndicatorCSS: false,
  implicitInheritance: true,
  metaCharacter: '-',
  sse: { reconnectMaxDelay: 5000 },
})

/** The page frame: header with search and account links, flash message, footer. */
export function SiteLayout({ shell, title, children, focused, wide }: LayoutProps) {
  return html`<!doctype html>${(
      <html lang={shell.locale} dir={textDirection(shell.locale)}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <title>{documentTitle(title, shell.marketName)}</title>
          <meta name="htmx-config" content={HTMX_CONFIG} />
          {/* No favicon: one request fewer on a metered connection. */}
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href={shell.assets.css} />
          <script src={shell.live ? shell.assets.live : shell.assets.htmx} defer />
          <script src={shell.assets.js} defer />
        </head>
        <body data-hx-boost="true">
          <a class="skip-link" href="#main">
            Skip to content
          </a>
          <header class="site-header">
            <a class="site-header__brand" href="/">
              {shell.marketName}
            </a>
            {focused || !shell.open || shell.searchPage ? null : <HeaderSearch shell={shell} />}
            {shell.open ? (
              <AccountNav
                member={shell.member}
                returnTo={shell.returnTo}
                section={shell.section}
                cartCount={shell.cartCount}
                ownStore={shell.ownStore}
                unread={shell.unread}
              />
            ) : null}
          </header>
          <main
            id="main"
            class={focused ? 'main main--focused' : wide ? 'main main--wide' : 'main'}
          >
            {shell.live ? <LiveNotice /> : null}
            <Flash flash={shell.flash} />
            {children}
          </main>
          <footer class="site-footer">
            <p>
              {shell.marketName}
              {shell.town ? ` · ${shell.town}` : ''} · runs on Souk
            </p>
          </footer>
          {shell.live ? <LiveUpdates {...shell.live} /> : null}
        </body>
      </html>
    )}`
}

/** What the browser tab says: the page, then the market (or the market alone on its home). */
export function documentTitle(title: string, marketName: string): string {
  return title === marketName ? title : `${title} · ${marketName}`
}

const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'dv', 'yi', 'ckb'])

/** Arabic, Hebrew and friends read right to left; the whole page mirrors. */
export function textDirection(locale: string): 'rtl' | 'ltr' {
  return RIGHT_TO_LEFT.has(locale.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr'
}

/** The header's search: suggestions as one types (see SearchBox), /search on Enter. */
function HeaderSearch({ shell }: { shell: Shell }) {
  return (
    <form class="site-header__search" role="search" method="get" action="/search">
      <SearchBox
        id={HEADER_SEARCH_ID}
        label={`Search ${shell.marketName}`}
        value={shell.searchQuery}
        suggest
      />
    </form>
  )
}

type AccountNavProps = {
  member: SessionMember | null
  returnTo: string
  section?: string | undefined
  cartCount: number
  ownStore: OwnStore | null
  unread: Shell['unread']
}

/**
 * A visitor's way in (and to what neighbours need done), and a member's whole market in one row:
 * their cart, purchases, the town's requests, their store and its sales, listings, favourites
 * and account. The row scrolls sideways on a phone; the link to the page one is on is marked
 * current.
 */
function AccountNav({ member, returnTo, section, cartCount, ownStore, unread }: AccountNavProps) {
  if (!member)
    return (
      <nav class="site-header__account" aria-label="Account">
        <a href={signInHref(returnTo)}>Sign in</a>
        <a class="button button--primary button--small" href={signUpHref(returnTo)}>
          Sign up
        </a>
        <CartLink count={cartCount} />
      </nav>
    )
  const here = section ?? returnTo.split('?')[0]!
  const link = (href: string, label: string) => (
    <a href={href} aria-current={isWithin(here, href) ? 'page' : undefined}>
      {label}
    </a>
  )
  return (
    <nav class="site-nav" aria-label="Account">
      <CartLink count={cartCount} />
      <MessagesLink count={unread.messages} current={isWithin(here, '/conversations')} />
      <NotificationsLink count={unread.notifications} current={isWithin(here, '/notifications')} />
      {link('/orders', 'Orders')}
      {link('/requests', 'Requests')}
      {ownStore ? (
        <>
          <SalesLink count={ownStore.newOrders} current={isWithin(here, '/sales')} />
          {link(`/stores/${ownStore.slug}`, 'My store')}
          {link('/listings/mine', 'My listings')}
        </>
      ) : (
        link('/stores/new', 'Open a store')
      )}
      {link('/favourites', 'Favourites')}
      {member.role === 'operator' ? link('/disputes', 'Disputes') : null}
      {link('/account', member.displayName)}
      <form method="post" action="/sign-out">
        <button type="submit" class="button button--link">
          Sign out
        </button>
      </form>
    </nav>
  )
}

/** Whether the page at `path` belongs under the link to `href` ("/orders/AB12" under "/orders"). */
function isWithin(path: string, href: string): boolean {
  return path === href || path.startsWith(`${href}/`)
}

/**
 * The page's live updates: a stream of fragments htmx swaps into place by id (the SSE extension;
 * nothing is swapped into this element itself). Reconnects by itself, saying the last event it
 * had, so a phone that lost its network catches up. Without JavaScript the page is as it was sent.
 */
function LiveUpdates({ after, page }: { after: number; page: string }) {
  const query = new URLSearchParams({ after: String(after), page })
  return <div hidden data-hx-sse-connect={`/events?${query}`} data-hx-swap="none" />
}
