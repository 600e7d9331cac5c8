import type { Category } from '../../src/models/category'

type BreadcrumbProps = {
  /** The category's parent, when it has one. */
  parent: Pick<Category, 'slug' | 'name'> | undefined
  category: Pick<Category, 'slug' | 'name'>
  /** On the category's own page its name is where one is, not a link. */
  current?: boolean
}

/** Home › parent › category: where a category page or a listing sits in the market. */
export function Breadcrumb({ parent, category, current }: BreadcrumbProps) {
  return (
    <nav aria-label="Breadcrumb" class="breadcrumb">
      <ol>
        <li>
          <a href="/">Home</a>
        </li>
        {parent ? (
          <li>
            <a href={`/categories/${parent.slug}`}>{parent.name}</a>
          </li>
        ) : null}
        {current ? (
          <li aria-current="page">{category.name}</li>
        ) : (
          <li>
            <a href={`/categories/${category.slug}`}>{category.name}</a>
          </li>
        )}
      </ol>
    </nav>
  )
}
