type SectionHeadProps = {
  /** The heading's id, for the section's aria-labelledby. */
  id: string
  title: string
  /** Where the whole list is, when the section shows only its first few. */
  seeAll?: string | undefined
}

/** A section's heading with "See all" at its end, named for what it opens ("See all: Trending"). */
export function SectionHead({ id, title, seeAll }: SectionHeadProps) {
  return (
    <div class="section-head">
      <h2 id={id}>{title}</h2>
      {seeAll ? (
        <a href={seeAll}>
          See all<span class="visually-hidden">: {title}</span>
        </a>
      ) : null}
    </div>
  )
}
