import type { CategoryBranch } from '../../src/models/category'
type Option = { value: string; label: string }
type OptionGroup = { label: string; options: Option[] }

type SelectProps = {
  label: string
  name: string
  groups: OptionGroup[]
  value?: string | undefined
  error?: string | undefined
  placeholder: string
}

/** A labelled select with option groups (e.g. categories under their parent). */
export function Select({ label, name, groups, value, error, placeholder }: SelectProps) {
  const id = `field-${name}`
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{placeholder}</option>
        {groups.map((group) => (
          <optgroup label={group.label}>
            {group.options.map((option) => (
              <option value={option.value} selected={option.value === value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** The category tree as option groups: each top category (as "… (general)") with its children. */
export function categoryGroups(tree: readonly CategoryBranch[]): OptionGroup[] {
  return tree.map((top) => ({
    label: top.name,
    options: [top, ...top.children].map((category) => ({
      value: String(category.id),
      label: category.id === top.id ? `${top.name} (general)` : category.name,
    })),
  }))
}
