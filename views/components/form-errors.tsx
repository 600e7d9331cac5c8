import type { FormErrors as Errors } from '../../src/http/forms'

/** A summary at the top of a form that failed, linking to each field with a problem. */
export function FormErrors({ errors }: { errors: Errors | undefined }) {
  const entries = Object.entries(errors ?? {})
  if (entries.length === 0) return null
  return (
    <div class="form-errors" role="alert" tabindex={-1}>
      <p>
        {entries.length === 1 ? 'There is a problem:' : `There are ${entries.length} problems:`}
      </p>
      <ul>
        {entries.map(([field, message]) => (
          <li>{field === 'form' ? message : <a href={`#field-${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  )
}
