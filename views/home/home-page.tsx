import { SiteLayout, type Shell } from '../layouts/site-layout'

/** The front page. Categories and the newest listings join it when listings land. */
export function HomePage({ shell }: { shell: Shell }) {
  return (
    <SiteLayout shell={shell} title={shell.marketName}>
      <section class="hero">
        <h1>{shell.marketName}</h1>
        <p class="hero__lead">
          Services and goods from your neighbours{shell.town ? ` in ${shell.town}` : ''}: repairs,
          lessons, cleaning, design, food and things made nearby.
        </p>
        {shell.member ? (
          <p>Hello, {shell.member.displayName}. What do you need today?</p>
        ) : (
          <p>
            <a class="button button--primary" href="/sign-up">
              Join the marketplace
            </a>{' '}
            <a href="/sign-in">I already have an account</a>
          </p>
        )}
      </section>
      <section aria-labelledby="newest-heading">
        <h2 id="newest-heading">Newest on the market</h2>
        <p class="empty">Nothing is for sale yet. Neighbours' listings will appear here.</p>
      </section>
    </SiteLayout>
  )
}
