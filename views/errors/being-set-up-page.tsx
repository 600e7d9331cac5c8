import { SiteLayout, type Shell } from '../layouts/site-layout'

/** What visitors see before the operator has finished first-run setup. */
export function BeingSetUpPage({ shell }: { shell: Shell }) {
  return (
    <SiteLayout shell={shell} title="Coming soon" focused>
      <section class="error-page">
        <h1>This marketplace is being set up</h1>
        <p>Its operator is getting things ready. Please come back a little later.</p>
        <p class="muted">
          Are you the operator? Open the setup link that the server printed when it started.
        </p>
      </section>
    </SiteLayout>
  )
}
