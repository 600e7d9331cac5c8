import type { Category, CategoryBranch } from '../../src/models/category'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type CategoryPageProps = { shell: Shell; category: CategoryBranch | Category; parent?: Category }

/** One category: its place in the tree, its subcategories, and (soon) its listings. */
export function CategoryPage({ shell, category, parent }: CategoryPageProps) {
  const children = 'children' in category ? category.children : []
  return (
    <SiteLayout shell={shell} title={category.name}>
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
        <ul class="category-grid">
          {children.map((child) => (
            <li>
              <a href={`/categories/${child.slug}`}>{child.name}</a>
            </li>
          ))}
        </ul>
      ) : null}
      <p class="empty">Nothing is listed in {category.name} yet.</p>
    </SiteLayout>
  )
}
