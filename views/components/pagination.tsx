type PaginationProps = {
  page: number
  totalPages: number
  /** Builds the link for a page, keeping the rest of the query string. */
  href: (page: number) => string
}

/** Previous / next links with "page X of Y"; plain links, so it works without JavaScript. */
export function Pagination({ page, totalPages, href }: PaginationProps) {
  if (totalPages <= 1) return null
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          ← Previous
        </a>
      ) : (
        <span aria-hidden="true" />
      )}
      <span class="pagination__status">
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <a href={href(page + 1)} rel="next">
          Next →
        </a>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  )
}
