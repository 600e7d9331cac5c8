import type { Listing } from '../../src/models/listing'

const WORDS: Record<Listing['status'], string> = {
  draft: 'Draft',
  published: 'On sale',
  paused: 'Paused',
  archived: 'Archived',
}

export function ListingStatus({ status }: { status: Listing['status'] }) {
  return <span class={`status status--${status}`}>{WORDS[status]}</span>
}

/** The buttons that move a listing along draft → published ↔ paused → archived. */
export function PublicationButtons({ listing }: { listing: Pick<Listing, 'id' | 'status'> }) {
  const action = `/listings/${listing.id}/publication`
  return (
    <div class="publication">
      {listing.status === 'draft' || listing.status === 'paused' ? (
        <form method="post" action={action}>
          <button type="submit" class="button button--primary">
            {listing.status === 'draft' ? 'Publish' : 'Resume'}
          </button>
        </form>
      ) : null}
      {listing.status === 'published' ? (
        <form method="post" action={action}>
          <input type="hidden" name="_method" value="DELETE" />
          <button type="submit" class="button button--secondary">
            Pause
          </button>
        </form>
      ) : null}
      {listing.status !== 'archived' ? (
        // Two deliberate steps, with or without JavaScript: archiving cannot be undone.
        <details class="archive">
          <summary>Archive…</summary>
          <p>An archived listing leaves the market for good; it cannot be put back on sale.</p>
          <form method="post" action={`/listings/${listing.id}/archival`}>
            <button type="submit" class="button button--danger">
              Archive for good
            </button>
          </form>
        </details>
      ) : null}
    </div>
  )
}
