import { html } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { Flash as FlashMessage } from '../../src/http/flash'
import type { SessionMember } from '../../src/models/session'
import { signInHref, signUpHref } from '../accounts/account-links'
import { CartLink } from '../cart/cart-link'
import { Flash } from '../components/flash'
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
  assets: { css: string; js: string; htmx: string }
  searchQuery?: string
  /** The search page has its own search box where the header's would be. */
  searchPage?: boolean
  /** Where the header's "Sign in" and "Sign up" bring a visitor back to: usually this page. */
  returnTo: string
  /** Everything in the member's or visitor's cart, added up: the header's "Cart (2)". */
  cartCount: number
  /** New orders waiting for the member's store ("Sales (2 new)"); null when they have none. */
  newOrders: number | null
}

/** The header's Sales link: a live update swaps it when an order comes in. */
export const SALES_LINK_ID = 'sales-link'

type LayoutProps = { shell: Shell; title: string; children: Child; focused?: boolean }

// htmx 4 makes inheritance explicit (`hx-boost:inherited`), but no attribute with a colon is valid
// HTML, and neither is any bare `hx-*`. So htmx reads its `data-hx-*` spelling, and the config
// turns implicit inheritance back on (htmx 2's rule): `data-hx-boost` on <body> reaches every link
// and form. Mind it when putting data-hx-target or data-hx-swap on a container: descendants inherit.
const HTMX_CONFIG = JSON.stringify({ includeIndicatorCSS: false, implicitInheritance: true })

/** The page frame: header with search and account links, flash message, footer. */
export function SiteLayout({ shell, title, children, focused }: LayoutProps) {
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
          <script src={shell.assets.htmx} defer />
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
                cartCount={shell.cartCount}
                newOrders={shell.newOrders}
              />
            ) : null}
          </header>
          <main id="main" class={focused ? 'main main--focused' : 'main'}>
            <Flash flash={shell.flash} />
            {children}
          </main>
          <footer class="site-footer">
            <p>
              {shell.marketName}
              {shell.town ? ` · ${shell.town}` : ''} · runs on Souk
            </p>
          </footer>
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
  cartCount: number
  newOrders: number | null
}

function AccountNav({ member, returnTo, cartCount, newOrders }: AccountNavProps) {
  if (!member)
    return (
      <nav class="site-header__account" aria-label="Account">
        <a href={signInHref(returnTo)}>Sign in</a>
        <a class="button button--primary" href={signUpHref(returnTo)}>
          Sign up
        </a>
        <CartLink count={cartCount} />
      </nav>
    )
  return (
    <nav class="site-header__account" aria-label="Account">
      <a href="/account">{member.displayName}</a>
      <a href="/favourites">Favourites</a>
      <a href="/orders">Orders</a>
      {newOrders === null ? null : (
        <a href="/sales" id={SALES_LINK_ID}>
          {newOrders > 0 ? `Sales (${newOrders} new)` : 'Sales'}
        </a>
      )}
      {member.role === 'operator' ? <a href="/disputes">Disputes</a> : null}
      <CartLink count={cartCount} />
      <form method="post" action="/sign-out">
        <button type="submit" class="button button--link">
          Sign out
        </button>
      </form>
    </nav>
  )
}
