import type { PageWindow } from '../../src/lib/pagination'
import type { ListingCard as Card } from '../../src/models/listing'
import type { ListingPhoto } from '../../src/models/listing-photos'
import { EmptyState } from '../components/empty-state'
import { Pagination } from '../components/pagination'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { ListingCard } from '../listings/listing-card'

type FavouritesPageProps = {
  shell: Shell
  listings: Card[]
  covers: Map<number, ListingPhoto>
  total: number
  /** Saved listings paused or archived since: not shown, only counted. */
  offSale: number
  page: PageWindow
  currency: string
}

/**
 * The member's saved listings on sale, newest saved first. A heart removed here leaves its card
 * in place, faded, until the next visit: a slip of the thumb is undone by tapping it again.
 */
export function FavouritesPage({
  shell,
  listings,
  covers,
  total,
  offSale,
  page,
  currency,
}: FavouritesPageProps) {
  const hidden =
    offSale > 0 ? (
      <p class="muted favourites__hidden">
        {offSale === 1
          ? '1 listing you saved is paused or no longer on sale; it comes back here if it goes on sale again.'
          : `${offSale} listings you saved are paused or no longer on sale; they come back here if they go on sale again.`}
      </p>
    ) : null
  return (
    <SiteLayout shell={shell} title="Favourites" wide>
      <h1>Favourites</h1>
      {listings.length > 0 ? (
        <>
          <p class="muted">
            {total === 1 ? '1 listing' : `${total} listings`} you saved. Tap a heart to remove one.
          </p>
          <ul class="listing-grid favourites">
            {listings.map((listing) => (
              <ListingCard
                listing={listing}
                store={listing}
                photo={covers.get(listing.id)}
                currency={currency}
                locale={shell.locale}
                favourite={{ saved: true, returnTo: shell.returnTo }}
              />
            ))}
          </ul>
          <Pagination
            page={page.number}
            totalPages={page.totalPages}
            href={(number) => (number === 1 ? '/favourites' : `/favourites?page=${number}`)}
          />
          {hidden}
        </>
      ) : (
        <EmptyState
          title={offSale > 0 ? 'Nothing you saved is on sale just now' : 'Nothing saved yet'}
        >
          {hidden}
          <p>Tap the heart on a listing you like to keep it here, ready for when you need it.</p>
          <a class="button button--primary" href="/">
            See what is on the market
          </a>
        </EmptyState>
      )}
    </SiteLayout>
  )
}
