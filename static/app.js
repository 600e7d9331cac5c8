// @ts-check
// Souk's own script: small enhancements only. Every page works without it.
//
// htmx's events are named with dashes here (`htmx-after-settle`, not `htmx:after:settle`): the
// layout's htmx config sets `metaCharacter: '-'` so that attributes are valid HTML
// (`data-hx-sse-connect`), and htmx names its events with the same character.

// After a failed submit, move focus to the summary of problems so screen readers announce it.
function focusFormErrors() {
  const summary = document.querySelector('.form-errors')
  if (summary instanceof HTMLElement) summary.focus()
}

document.addEventListener('DOMContentLoaded', focusFormErrors)
document.addEventListener('htmx-after-settle', focusFormErrors)

// "Use my current location" fills a storefront's map point. The button stays hidden without
// JavaScript (or geolocation), where the fields are typed by hand.
function enableLocateButtons() {
  for (const button of document.querySelectorAll('button[data-locate]')) {
    if (!(button instanceof HTMLButtonElement) || !('geolocation' in navigator)) continue
    const form = button.form
    if (!form) continue
    button.hidden = false
    button.onclick = () => {
      button.disabled = true
      navigator.geolocation.getCurrentPosition(
        (position) => {
          const fields = form.elements
          const latitude = fields.namedItem('latitude')
          const longitude = fields.namedItem('longitude')
          if (latitude instanceof HTMLInputElement)
            latitude.value = position.coords.latitude.toFixed(5)
          if (longitude instanceof HTMLInputElement)
            longitude.value = position.coords.longitude.toFixed(5)
          button.disabled = false
        },
        () => {
          button.disabled = false
          button.textContent = 'Location unavailable — type it instead'
        },
        { timeout: 10000 },
      )
    }
  }
}

document.addEventListener('DOMContentLoaded', enableLocateButtons)
document.addEventListener('htmx-after-settle', enableLocateButtons)

// Upload progress for forms marked data-upload-progress. htmx 4 sends with fetch(), which
// reports no upload progress, so these forms go by XMLHttpRequest, and htmx swaps the answer in
// as it would a boosted form's. Without JavaScript (or htmx) they post as usual: 303 → GET.
window.addEventListener('submit', uploadWithProgress, true) // capture: runs before htmx's boost

/**
 * @typedef {{ text: string, target: Element, sourceElement: Element, swap: string, push?: string }} SwapContext
 * @typedef {{ swap(context: SwapContext): Promise<void> }} Htmx
 */

/** @param {SubmitEvent} event */
function uploadWithProgress(event) {
  const form = event.target
  const htmx = /** @type {{ htmx?: Htmx }} */ (window).htmx
  if (!htmx || !(form instanceof HTMLFormElement) || !form.hasAttribute('data-upload-progress'))
    return
  event.preventDefault()
  event.stopPropagation()
  if (form.dataset.uploading) return // a second tap while the first upload runs
  form.dataset.uploading = 'true'
  const body = new FormData(form, event.submitter)
  // The button says so too: it stays disabled until the answer replaces the page, or the upload
  // fails and can be tried again.
  setSubmitButtonsDisabled(form, true)
  const xhr = new XMLHttpRequest()
  xhr.open('POST', form.action)
  xhr.upload.addEventListener('progress', (progress) => {
    if (progress.lengthComputable) showProgress(form, progress.loaded / progress.total)
  })
  xhr.addEventListener('load', () => showAnswer(form, xhr, htmx))
  xhr.addEventListener('error', () => uploadFailed(form, NETWORK_FAILURE))
  xhr.addEventListener('abort', () => uploadFailed(form, NETWORK_FAILURE))
  showProgress(form, 0)
  xhr.send(body)
}

/**
 * @param {HTMLFormElement} form
 * @param {boolean} disabled
 */
function setSubmitButtonsDisabled(form, disabled) {
  for (const element of form.elements) {
    if (element instanceof HTMLButtonElement && element.type === 'submit')
      element.disabled = disabled
  }
}

const NETWORK_FAILURE = 'The upload did not get through. Check your connection and try again.'

/**
 * @param {HTMLFormElement} form
 * @param {number} fraction
 */
function showProgress(form, fraction) {
  const percent = Math.round(fraction * 100)
  // Whole tens only: a screen reader reading every percent would never finish a sentence.
  const text =
    percent >= 100 ? 'Uploaded. Preparing photos…' : `Uploading… ${percent - (percent % 10)}%`
  for (const bar of progressBars(form)) {
    bar.hidden = false
    bar.value = percent
  }
  setStatus(form, text)
}

/**
 * @param {HTMLFormElement} form
 * @param {string} message
 */
function uploadFailed(form, message) {
  delete form.dataset.uploading
  setSubmitButtonsDisabled(form, false)
  for (const bar of progressBars(form)) bar.hidden = true
  setStatus(form, message)
}

/** @param {HTMLFormElement} form */
function progressBars(form) {
  return [...form.querySelectorAll('progress')].filter((bar) =>
    bar.hasAttribute('data-upload-progress-bar'),
  )
}

/**
 * @param {HTMLFormElement} form
 * @param {string} text
 */
function setStatus(form, text) {
  for (const status of form.querySelectorAll('[data-upload-progress-status]')) {
    if (status.textContent !== text) status.textContent = text
  }
}

/**
 * Shows the page the server answered with. On success the redirect was followed already, and
 * that request took the flash message, so we show this answer rather than load its address.
 * @param {HTMLFormElement} form
 * @param {XMLHttpRequest} xhr
 * @param {Htmx} htmx
 */
function showAnswer(form, xhr, htmx) {
  if (xhr.status >= 400 && !xhr.responseText.includes('<main')) {
    // Not one of our pages: a proxy in between refused it, most likely for its size.
    uploadFailed(form, `The upload was refused (${xhr.status}). Try fewer or smaller photos.`)
    return
  }
  // Success lands on a new address; a refusal (422, 413) keeps this one, as a plain post would.
  const landed = xhr.status < 400 && xhr.responseURL !== location.href
  htmx.swap({
    text: xhr.responseText,
    target: document.body,
    sourceElement: document.body,
    swap: 'innerHTML',
    ...(landed ? { push: xhr.responseURL } : {}),
  })
  window.scrollTo(0, 0)
}

// Search suggestions: the header's search box as an ARIA combobox (the APG "list autocomplete"
// pattern). htmx fills the list as one types (see views/search/search-box.tsx); this script only
// shows it, moves the highlighted option with the arrow keys, follows it on Enter and closes on
// Escape. Without it the box is a plain search field.
function enableSuggestions() {
  for (const input of document.querySelectorAll('input[data-suggest]')) {
    if (!(input instanceof HTMLInputElement) || input.getAttribute('role') === 'combobox') continue
    const list = document.getElementById(input.dataset.suggest ?? '')
    const status = document.getElementById(`${input.dataset.suggest}-status`)
    if (!list) continue
    input.setAttribute('role', 'combobox')
    input.setAttribute('aria-autocomplete', 'list')
    input.setAttribute('aria-controls', list.id)
    input.setAttribute('aria-expanded', 'false')
    const options = () => [...list.querySelectorAll('[role="option"]')]
    const close = () => {
      list.hidden = true
      input.setAttribute('aria-expanded', 'false')
      input.removeAttribute('aria-activedescendant')
    }
    /** @param {number} index */
    const highlight = (index) => {
      const all = options()
      all.forEach((option, at) => option.setAttribute('aria-selected', String(at === index)))
      const active = all[index]
      if (active) input.setAttribute('aria-activedescendant', active.id)
      else input.removeAttribute('aria-activedescendant')
      active?.scrollIntoView({ block: 'nearest' })
    }
    // Escape is final for the words typed so far: their suggestions arriving late (on a slow
    // network) do not reopen the list; typing on, or an arrow key, does.
    let dismissed = false
    input.addEventListener('input', () => (dismissed = false))
    input.addEventListener('htmx-after-swap', () => {
      const count = options().length
      const open =
        !dismissed && count > 0 && document.activeElement === input && input.value.trim() !== ''
      list.hidden = !open
      input.setAttribute('aria-expanded', String(open))
      input.removeAttribute('aria-activedescendant')
      if (status)
        status.textContent = open
          ? `${count} ${count === 1 ? 'suggestion' : 'suggestions'}, up and down arrows to choose`
          : ''
    })
    input.addEventListener('keydown', (event) => {
      const all = options()
      const current = all.findIndex((option) => option.getAttribute('aria-selected') === 'true')
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (all.length === 0) return
        event.preventDefault()
        dismissed = false
        list.hidden = false
        input.setAttribute('aria-expanded', 'true')
        const step = event.key === 'ArrowDown' ? 1 : -1
        highlight(current === -1 && step === -1 ? all.length - 1 : (current + step) % all.length)
      } else if (event.key === 'Enter' && current !== -1 && !list.hidden) {
        event.preventDefault()
        // Each option is a link (views/search/suggestions.tsx).
        if (all[current] instanceof HTMLElement) all[current].click()
      } else if (event.key === 'Escape') {
        // An open list closes and keeps the words (Chromium would clear a search field on
        // Escape); a second Escape clears them, telling htmx so its "changed" sees it.
        event.preventDefault()
        if (list.hidden && input.value !== '') {
          input.value = ''
          input.dispatchEvent(new Event('input', { bubbles: true }))
        }
        dismissed = true
        close()
      }
    })
    // Pressing an option keeps focus in the box, so the list stays open until the click lands
    // however long the press (or a slow phone) takes; leaving the box any other way closes it.
    list.addEventListener('mousedown', (event) => event.preventDefault())
    input.addEventListener('blur', close)
  }
}

document.addEventListener('DOMContentLoaded', enableSuggestions)
document.addEventListener('htmx-after-settle', enableSuggestions)

// On a phone the search's filters fold away under "Filters". The server opens them when
// something is chosen, right for a page opened from a link; but as results change under them
// they stay as the buyer left them: not folded under her thumb as she unticks the last filter,
// not sprung open over the results while she types a word.
document.addEventListener('htmx-before-swap', (event) => {
  if (!(event.target instanceof Element) || event.target.id !== 'search-form') return
  const shown = document.querySelector('#search-body details.search-filters')
  if (!(shown instanceof HTMLDetailsElement)) return
  const { tasks } = /** @type {CustomEvent<{ tasks?: Array<{ fragment?: ParentNode }> }>} */ (event)
    .detail
  for (const task of tasks ?? []) {
    const next = task.fragment?.querySelector('details.search-filters')
    next?.toggleAttribute('open', shown.open)
  }
})

// With JavaScript the results follow each filter as it changes, so on a phone "Show results" at
// the foot of the open filters has nothing left to fetch: what the buyer wants is to see them.
// It folds the filters and brings her to the results beneath (focus on "Filters", just above).
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element && event.target.closest('.search-filters__apply')
  const details = button && button.closest('details')
  if (!(details instanceof HTMLDetailsElement) || matchMedia('(min-width: 48rem)').matches) return
  details.open = false
  const summary = details.querySelector('summary')
  summary?.focus()
  summary?.scrollIntoView({ block: 'start' })
})

// "More results" adds the next page's cards and is replaced by the next page's own link, so the
// focus it held would fall back to the top of the page: it moves to the first card added
// instead, where a keyboard or screen reader user reads on.
let resultsBeforeMore = -1
document.addEventListener('htmx-before-request', (event) => {
  if (event.target instanceof Element && event.target.matches('.search-results__more'))
    resultsBeforeMore = document.querySelectorAll('#search-hits > li').length
})
document.addEventListener('htmx-after-swap', (event) => {
  // The link is gone by then, so htmx tells the list the cards were added to.
  if (!(event.target instanceof Element) || event.target.id !== 'search-hits') return
  if (resultsBeforeMore === -1) return
  const added = event.target.querySelectorAll(':scope > li')[resultsBeforeMore]
  resultsBeforeMore = -1
  const focusLost = !document.activeElement || document.activeElement === document.body
  const link = added?.querySelector('a')
  if (focusLost && link) link.focus()
})

// The search page pushes each search into the history, so Back undoes a filter. Two kinds replace
// their entry instead: the same search sent again (Enter on words whose results are shown —
// pushed twice, Back would seem to do nothing), and words typed on from words already searched
// (each pause would push "plu", "plum", "plumb"… and Back would spell them out again).
document.addEventListener('htmx-before-history-update', (event) => {
  const detail =
    /** @type {CustomEvent<{ history?: { type: string, path: string }, sourceElement?: Element }>} */ (
      event
    ).detail
  const action = detail.history
  if (!action || action.type !== 'push' || detail.sourceElement?.id !== 'search-form') return
  const next = new URL(action.path, location.href)
  const here = new URL(location.href)
  const typedOn = here.searchParams.get('q') && sameButWords(next, here)
  if (next.href === here.href || typedOn) action.type = 'replace'
})

/**
 * Whether two search addresses differ only in their words.
 * @param {URL} a
 * @param {URL} b
 */
function sameButWords(a, b) {
  const rest = (/** @type {URL} */ url) => {
    const params = new URLSearchParams(url.search)
    params.delete('q')
    params.sort()
    return `${url.pathname}?${params}`
  }
  return rest(a) === rest(b)
}

// On a wide screen the filters always show beside the results (app.css), even folded; opening
// them says so to screen readers too, which would otherwise hear "Filters, collapsed".
const wideScreen = matchMedia('(min-width: 48rem)')
function openFiltersOnWideScreens() {
  if (!wideScreen.matches) return
  for (const details of document.querySelectorAll('details.search-filters'))
    if (details instanceof HTMLDetailsElement) details.open = true
}
document.addEventListener('DOMContentLoaded', openFiltersOnWideScreens)
document.addEventListener('htmx-after-settle', openFiltersOnWideScreens)
wideScreen.addEventListener('change', openFiltersOnWideScreens)
