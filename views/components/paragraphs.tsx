/** Plain text as written: blank lines start paragraphs, single line breaks are kept (by CSS). */
export function Paragraphs({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
  return (
    <div class="prose">
      {paragraphs.map((paragraph) => (
        <p>{paragraph}</p>
      ))}
    </div>
  )
}
