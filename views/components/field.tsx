import type { Child } from 'hono/jsx'

type FieldProps = {
  label: string
  name: string
  type?: 'text' | 'email' | 'password' | 'search' | 'tel' | 'number' | 'url'
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
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ')
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
        aria-describedby={describedBy || undefined}
      />
      {props.error ? (
        <p class="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  )
}
