import type { Category, CategoryBranch } from '../../src/models/category'

type CategoryHeaderProps = {
  category: CategoryBranch | Category
  parent: Category | undefined
}

/** Above a category's search: where it sits in the tree, its name and its subcategories. */
export function CategoryHeader({ category, parent }: CategoryHeaderProps) {
  const children = 'children' in category ? category.children : []
  return (
    <>
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
          <li aria-current="page">{category.name}</li>
        </ol>
      </nav>
      <h1>{category.name}</h1>
      {children.length > 0 ? (
        <ul class="chips" aria-label={`Kinds of ${category.name}`}>
          {children.map((child) => (
            <li>
              <a class="chip" href={`/categories/${child.slug}`}>
                {child.name}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  )
}
