import type { ListingPhoto } from '../../src/models/listing-photos'
import type { SearchHit } from '../../src/models/listing/search'
import type { MarkedText } from '../../src/models/listing/search-text'
import { ListingCard } from '../listings/listing-card'

type HitCardProps = {
  hit: SearchHit
  photo: ListingPhoto | undefined
  saved: boolean
  returnTo: string
  currency: string
  locale: string
}

/** A result: the listing's card with the words found marked, a snippet, a distance (sold out is the card's own). */
export function HitCard(props: HitCardProps) {
  const { hit } = props
  return (
    <ListingCard
      listing={hit}
      store={hit}
      photo={props.photo}
      currency={props.currency}
      locale={props.locale}
      title={<Marked text={hit.markedTitle} />}
      favourite={{ saved: props.saved, returnTo: props.returnTo }}
    >
      {hit.snippet ? (
        <span class="listing-card__snippet">
          <Marked text={hit.snippet} />
        </span>
      ) : null}
      {hit.distanceKm !== null ? (
        <span class="listing-card__distance">{distanceAway(hit.distanceKm, props.locale)}</span>
      ) : null}
    </ListingCard>
  )
}

/** Text with the words that matched in <mark> (JSX escapes every part). */
function Marked({ text }: { text: MarkedText }) {
  return <>{text.map((part) => (part.marked ? <mark>{part.text}</mark> : part.text))}</>
}

/** "400 m away", "2.5 km away". */
export function distanceAway(km: number, locale: string): string {
  if (km < 1) return `${Math.max(100, Math.round(km * 10) * 100)} m away`
  return `${km.toLocaleString(locale, { maximumFractionDigits: 1 })} km away`
}
