import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import {
  ErrorPage,
  ForbiddenPage,
  NotFoundPage,
  ServerErrorPage,
} from '../../views/errors/error-page'
import type { AppEnv } from './env'
import { shell } from './shell'

export const renderNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.html(<NotFoundPage shell={shell(c)} requestId={c.var.requestId} />, 404)

/** Expected refusals get their own page; anything else is a bug: logged in full, shown as a reference. */
export const renderError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof HTTPException && error.status < 500) return renderRefusal(c, error)
  ;(c.var.log ?? c.var.logger).error({ err: error, reqId: c.var.requestId }, 'unhandled error')
  return c.html(<ServerErrorPage shell={shell(c)} requestId={c.var.requestId} />, 500)
}

function renderRefusal(c: Context<AppEnv>, error: HTTPException) {
  const props = { shell: shell(c), requestId: c.var.requestId }
  switch (error.status) {
    case 403:
      return c.html(<ForbiddenPage {...props} />, 403)
    case 404:
      return c.html(<NotFoundPage {...props} />, 404)
    case 415:
      return c.html(
        <ErrorPage
          {...props}
          title="Not a form"
          message="This address only accepts form submissions."
        />,
        415,
      )
    case 413:
      return c.html(
        <ErrorPage
          {...props}
          title="Too much to send"
          message={`That was more than one form can carry here (${Math.round(c.var.config.maxFormBytes / 1024)} KB). Go back, shorten what you wrote, and try again.`}
        />,
        413,
      )
    case 429:
      return c.html(
        <ErrorPage
          {...props}
          title="Too many requests"
          message="You have tried this many times in a short while. Please wait a few minutes and try again."
        />,
        429,
      )
    default:
      return c.html(
        <ErrorPage
          {...props}
          title="That did not work"
          message="The request could not be handled."
        />,
        error.status,
      )
  }
}
