import type { Category, CategoryBranch } from '../../src/models/category'
import type { ListingCard as Card } from '../../src/models/listing'
import type { ListingPhoto } from '../../src/models/listing-photos'
import { Pagination } from '../components/pagination'
import { ListingCard } from '../listings/listing-card'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type CategoryPageProps = {
  shell: Shell
  category: CategoryBranch | Category
  parent?: Category | undefined
  listings: Card[]
  covers: Map<number, ListingPhoto>
  page: number
  totalPages: number
  currency: string
}

/** One category: its place in the tree, its subcategories, and (soon) its listings. */
export function CategoryPage(props: CategoryPageProps) {
  const { shell, category, parent, listings } = props
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
      {listings.length > 0 ? (
        <ul class="listing-grid">
          {listings.map((listing) => (
            <ListingCard
              listing={listing}
              storeName={listing.storeName}
              photo={props.covers.get(listing.id)}
              currency={props.currency}
              locale={shell.locale}
            />
          ))}
        </ul>
      ) : (
        <p class="empty">Nothing is listed in {category.name} yet.</p>
      )}
      <Pagination
        page={props.page}
        totalPages={props.totalPages}
        href={(page) => `/categories/${category.slug}${page > 1 ? `?page=${page}` : ''}`}
      />
    </SiteLayout>
  )
}
