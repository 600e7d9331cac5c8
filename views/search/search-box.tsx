/** The header's search box; its suggestions list is `${HEADER_SEARCH_ID}-suggestions`. */
export const HEADER_SEARCH_ID = 'site-search'

type SearchBoxProps = {
  /** The input's id; the suggestion list and its status take theirs from it. */
  id: string
  label: string
  value: string | undefined
  /** Offer suggestions as one types (the header's box); the search page updates its results instead. */
  suggest?: boolean
}

/** Where a search box's suggestions go: `${id}-suggestions`. */
export const suggestionsId = (inputId: string) => `${inputId}-suggestions`

/**
 * The search input and its button. With `suggest`, htmx fetches suggestions as one types and
 * static/app.js makes the input an ARIA combobox over them (arrow keys, Enter, Escape); without
 * JavaScript it is a plain search field whose form goes to /search.
 */
export function SearchBox({ id, label, value, suggest }: SearchBoxProps) {
  const list = suggestionsId(id)
  return (
    <div class="search-box">
      <label class="visually-hidden" for={id}>
        {label}
      </label>
      <input
        id={id}
        // A combobox may not be a type="search" input (ARIA in HTML): with suggestions it is a
        // text input whose phone keyboard still says "search".
        type={suggest ? 'text' : 'search'}
        enterkeyhint="search"
        name="q"
        value={value}
        placeholder="Plumber, honey, lessons…"
        maxlength={200}
        autocomplete="off"
        data-suggest={suggest ? list : undefined}
        data-hx-get={suggest ? '/search/suggestions' : undefined}
        data-hx-trigger={suggest ? 'input changed delay:150ms' : undefined}
        data-hx-target={suggest ? `#${list}` : undefined}
        data-hx-swap={suggest ? 'innerHTML' : undefined}
        data-hx-push-url={suggest ? 'false' : undefined}
        // The newest words win: by default htmx would queue one request and drop the rest, and
        // on a slow network leave suggestions for letters typed a while ago.
        data-hx-sync={suggest ? 'replace' : undefined}
      />
      <button type="submit" class="button button--secondary">
        Search
      </button>
      {suggest ? (
        <>
          <ul
            id={list}
            class="search-box__suggestions"
            role="listbox"
            aria-label="Suggestions"
            hidden
          />
          <span id={`${list}-status`} class="visually-hidden" role="status" />
        </>
      ) : null}
    </div>
  )
}
