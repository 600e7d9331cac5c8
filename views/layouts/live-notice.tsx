/** Where a page that missed too much is told so (src/routes/events.ts); empty until then. */
export const LIVE_NOTICE_ID = 'live-notice'

/**
 * "Things changed while you were away": a page back from a long time offline (or that missed
 * more than can be replayed) is not reloaded under the member's fingers, in case they were
 * typing; it says so, and a reload is one tap.
 */
export function LiveNotice({ outOfBand }: { outOfBand?: boolean }) {
  return (
    <div id={LIVE_NOTICE_ID} data-hx-swap-oob={outOfBand ? 'true' : undefined} role="status">
      {outOfBand ? (
        <p class="flash flash--notice">
          This page may be out of date: things changed while you were away.{' '}
          <a href="" data-hx-boost="false">
            Reload
          </a>
        </p>
      ) : null}
    </div>
  )
}
