import { SiteLayout, type Shell } from '../layouts/site-layout'

type ErrorPageProps = { shell: Shell; title: string; message: string; requestId: string }

/** Every error a person can meet: what happened, what to do, and a reference for the operator. */
export function ErrorPage({ shell, title, message, requestId }: ErrorPageProps) {
  return (
    <SiteLayout shell={shell} title={title}>
      <section class="error-page">
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Go to the home page</a>
        </p>
        <p class="error-page__reference">
          Reference: <code>{requestId}</code>
        </p>
      </section>
    </SiteLayout>
  )
}

export function NotFoundPage(props: { shell: Shell; requestId: string }) {
  return (
    <ErrorPage
      {...props}
      title="Page not found"
      message="There is nothing here. The link may be old, or the page was removed."
    />
  )
}

export function ForbiddenPage(props: { shell: Shell; requestId: string; message?: string }) {
  return (
    <ErrorPage
      {...props}
      title="Not allowed"
      message={
        props.message ??
        'This request was refused. If you submitted a form, go back, reload the page and try again.'
      }
    />
  )
}

export function ServerErrorPage(props: { shell: Shell; requestId: string }) {
  return (
    <ErrorPage
      {...props}
      title="Something went wrong"
      message="Sorry — this is our fault, not yours. Please try again in a moment. If it keeps happening, tell the marketplace operator the reference below."
    />
  )
}
