import type { Category, CategoryBranch } from '../../src/models/category'
import { Breadcrumb } from '../components/breadcrumb'

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
      <Breadcrumb parent={parent} category={category} current />
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
