import { describedByIds } from './field'

type TextAreaProps = {
  label: string
  name: string
  value?: string | undefined
  error?: string | undefined
  hint?: string
  maxlength?: number
  rows?: number
  required?: boolean
  /** When one page has several boxes of the same name (field-<name> otherwise). */
  id?: string
  /** Keeps what is typed here when a live update replaces the form around it. */
  preserve?: boolean
  /** Focus it when it arrives (htmx focuses `autofocus` in what it swaps in). */
  autofocus?: boolean
}

/** A labelled multi-line text field, with hint and error beside it like Field. */
export function TextArea(props: TextAreaProps) {
  const id = props.id ?? `field-${props.name}`
  const describedBy = describedByIds(id, { hint: props.hint, error: props.error })
  return (
    <div class={props.error ? 'field field--invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        maxlength={props.maxlength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        data-hx-preserve={props.preserve ? 'true' : undefined}
        autofocus={props.autofocus}
      >
        {props.value ?? ''}
      </textarea>
      {props.error ? (
        <p class="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  )
}
