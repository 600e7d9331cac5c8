import type { Child } from 'hono/jsx'

type FieldProps = {
  label: string
  name: string
  type?: 'text' | 'email' | 'password' | 'search' | 'tel' | 'number' | 'url' | 'date'
  value?: string | undefined
  error?: string | undefined
  hint?: Child
  required?: boolean
  autocomplete?: string
  maxlength?: number
  minlength?: number
  inputmode?: 'text' | 'email' | 'numeric' | 'decimal' | 'tel' | 'url'
  list?: string
  autofocus?: boolean
}

/** A labelled input with its hint and, after a failed submit, its error right beside it. */
export function Field(props: FieldProps) {
  const id = `field-${props.name}`
  const describedBy = describedByIds(id, { hint: props.hint, error: props.error })
  return (
    <div class={props.error ? 'field field--invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        maxlength={props.maxlength}
        minlength={props.minlength}
        inputmode={props.inputmode}
        list={props.list}
        autofocus={props.autofocus}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {props.error ? (
        <p class="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  )
}

/**
 * The ids a control's aria-describedby lists: its hint and its error, when present, so screen
 * readers read them with the label. Field, TextArea and Checkbox share the `${id}-hint` and
 * `${id}-error` naming.
 */
export function describedByIds(id: string, parts: { hint?: unknown; error?: unknown }) {
  const ids = [parts.hint ? `${id}-hint` : '', parts.error ? `${id}-error` : ''].filter(Boolean)
  return ids.length > 0 ? ids.join(' ') : undefined
}
