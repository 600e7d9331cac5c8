import type { Child } from 'hono/jsx'

export type RadioChoice = { value: string; label: Child; hint?: Child }

type RadioGroupProps = {
  legend: string
  name: string
  choices: RadioChoice[]
  value?: string | undefined
  error?: string | undefined
  required?: boolean
}

/**
 * One choice of a few, all visible: a fieldset whose legend names it, a label per radio, and the
 * error under the legend so a screen reader hears it with the group.
 */
export function RadioGroup({ legend, name, choices, value, error, required }: RadioGroupProps) {
  const id = `field-${name}`
  return (
    <fieldset
      class={error ? 'field radio-group field--invalid' : 'field radio-group'}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {choices.map((choice, index) => (
        <div class="radio-group__choice">
          <input
            type="radio"
            id={`${id}-${index}`}
            name={name}
            value={choice.value}
            checked={choice.value === value || (choices.length === 1 && !value)}
            required={required}
          />
          <label for={`${id}-${index}`}>
            {choice.label}
            {choice.hint ? <span class="field__hint">{choice.hint}</span> : null}
          </label>
        </div>
      ))}
    </fieldset>
  )
}
