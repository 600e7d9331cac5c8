import type { Suggestion } from '../../src/models/listing/suggestions'

const KIND_LABELS: Record<Suggestion['kind'], string> = {
  category: 'Category',
  store: 'Storefront',
  listing: 'Search',
}

/**
 * The options of a search box's suggestion list (see SearchBox): each option is itself a link, so
 * a tap or Enter goes there (a link inside an option would be a control nested in a control).
 * Their ids are `${listId}-0`, `-1`… for aria-activedescendant.
 */
export function Suggestions({
  listId,
  suggestions,
}: {
  listId: string
  suggestions: Suggestion[]
}) {
  return (
    <>
      {suggestions.map((suggestion, index) => (
        <li class="suggestion" role="none">
          <a
            id={`${listId}-${index}`}
            href={suggestionHref(suggestion)}
            role="option"
            aria-selected="false"
            tabindex={-1}
          >
            <span class="suggestion__label">{suggestion.label}</span>{' '}
            <span class="suggestion__kind">{KIND_LABELS[suggestion.kind]}</span>
          </a>
        </li>
      ))}
    </>
  )
}

function suggestionHref(suggestion: Suggestion): string {
  if (suggestion.kind === 'category') return `/categories/${suggestion.slug}`
  if (suggestion.kind === 'store') return `/stores/${suggestion.slug}`
  return `/search?q=${encodeURIComponent(suggestion.label)}`
}
