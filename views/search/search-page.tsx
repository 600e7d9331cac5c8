import { SiteLayout, type Shell } from '../layouts/site-layout'

/** Search results. Until listings exist there is nothing to find, and the page says so plainly. */
export function SearchPage({ shell, query }: { shell: Shell; query: string }) {
  return (
    <SiteLayout shell={shell} title={query ? `“${query}”` : 'Search'}>
      <h1>{query ? `Results for “${query}”` : 'Search'}</h1>
      <p class="empty">
        {query
          ? `Nothing matches “${query}” yet. Try another word, or come back as neighbours add listings.`
          : 'Type what you are looking for in the search box: a trade, a product, a neighbour.'}
      </p>
    </SiteLayout>
  )
}
