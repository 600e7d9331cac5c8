import type { FavouriteListing } from '../../src/models/favourite'

type FavouriteButtonProps = {
  listing: Pick<FavouriteListing, 'id' | 'title'>
  saved: boolean
  /** The page the heart is on: where a plain form post comes back to. */
  returnTo: string
}

/** The heart's form; htmx swaps it whole (outerHTML). */
export function favouriteId(listing: Pick<FavouriteListing, 'id'>) {
  return `favourite-${listing.id}`
}

/**
 * The heart: a real form that saves (POST) or removes (a DELETE, said with `_method` by a plain
 * form) a favourite. With htmx it is swapped in place, and the button keeps focus across the swap
 * because its id stays the same. Visitors get the same form: the server asks them to sign in.
 *
 * The visible word ("Save", "Saved") shows beside the heart on a listing page and is hidden on
 * cards. The accessible name starts with that word and says what pressing the button does; it is
 * an aria-label because browsers join a visible and a visually hidden span with a stray space.
 */
export function FavouriteButton({ listing, saved, returnTo }: FavouriteButtonProps) {
  const action = `/listings/${listing.id}/favourite`
  return (
    <form
      method="post"
      action={action}
      id={favouriteId(listing)}
      class={saved ? 'favourite favourite--saved' : 'favourite'}
      data-hx-post={saved ? undefined : action}
      data-hx-delete={saved ? action : undefined}
      data-hx-target="this"
      data-hx-swap="outerHTML"
    >
      {saved ? <input type="hidden" name="_method" value="DELETE" /> : null}
      <input type="hidden" name="returnTo" value={returnTo} />
      <button
        type="submit"
        class="favourite__button"
        id={`${favouriteId(listing)}-button`}
        aria-label={
          saved
            ? `Saved. Remove ${listing.title} from favourites`
            : `Save ${listing.title} to favourites`
        }
      >
        <svg class="favourite__heart" viewBox="0 0 24 24" aria-hidden="true">
          <path d={HEART} />
        </svg>
        <span class="favourite__word">{saved ? 'Saved' : 'Save'}</span>
      </button>
    </form>
  )
}

/** Where the heart was, when its listing has gone off sale since the page was loaded. */
export function FavouriteGone({ listing }: { listing: Pick<FavouriteListing, 'id'> }) {
  return (
    <p class="favourite favourite--gone" id={favouriteId(listing)} role="status">
      No longer on sale
    </p>
  )
}

const HEART =
  'M12 20.5s-7.6-4.6-9.5-9.4C1.2 7.8 3.3 4.5 6.7 4.5c2.2 0 3.9 1.3 5.3 3.2 1.4-1.9 3.1-3.2 5.3-3.2 3.4 0 5.5 3.3 4.2 6.6-1.9 4.8-9.5 9.4-9.5 9.4z'
