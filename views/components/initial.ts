// Making a Segmenter costs far more than using one: a page of cards without photos made 24.
const graphemes = new Intl.Segmenter()

/** "mango jam" → "M": the first character as a person sees it, even an emoji or "É". */
export function initial(title: string): string {
  const [first] = graphemes.segment(title.trim())
  return first ? first.segment.toLocaleUpperCase() : ''
}
