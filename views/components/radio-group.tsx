import { describedByIds } from './field'

type RadioGroupProps = {
  legend: string
  name: string
  choices: readonly { value: string; label: string }[]
  value?: string | undefined
  hint?: string
  error?: string | undefined
}

/**
 * One choice among a few, as labelled radios in a fieldset; the error sits beside it with the
 * id `field-${name}-error` like every other field's.
 */
export function RadioGroup({ legend, name, choices, value, hint, error }: RadioGroupProps) {
  const id = `field-${name}`
  const describedBy = describedByIds(id, { hint, error })
  return (
    <fieldset
      id={id}
      class={error ? 'field field--invalid' : 'field'}
      aria-describedby={describedBy}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {choices.map((choice) => (
        <div class="checkbox">
          <input
            type="radio"
            id={`${id}-${choice.value}`}
            name={name}
            value={choice.value}
            checked={value === choice.value}
          />
          <label for={`${id}-${choice.value}`}>{choice.label}</label>
        </div>
      ))}
    </fieldset>
  )
}
