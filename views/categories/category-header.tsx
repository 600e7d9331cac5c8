import type { Category, CategoryBranch } from '../../src/models/category'

type CategoryHeaderProps = {
  category: CategoryBranch | Category
  parent: Category | undefined
  /** Listings on sale by category, as the search counted them: empty subcategories get no chip. */
  counts: ReadonlyMap<number, number>
}

/** Above a category's search: where it sits in the tree, its name and its subcategories. */
export function CategoryHeader({ category, parent, counts }: CategoryHeaderProps) {
  const children = ('children' in category ? category.children : []).filter(
    (child) => (counts.get(child.id) ?? 0) > 0,
  )
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
