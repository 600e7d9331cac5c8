import { encode } from 'uqr'

/**
 * A QR code drawn as inline SVG on the server: no image service sees the secret it carries, and
 * the CSP's img-src needs nothing new. Each row's runs of dark modules are one path segment;
 * the white square with a four-module quiet zone keeps it readable in dark mode too.
 */
export function QrCode({
  text,
  label,
  size = 200,
}: {
  text: string
  label: string
  size?: number
}) {
  const qr = encode(text, { ecc: 'M', border: 4 })
  let path = ''
  qr.data.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      if (!row[x]) continue
      let run = 1
      while (row[x + run]) run += 1
      path += `M${x} ${y}h${run}v1h-${run}z`
      x += run - 1
    }
  })
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      width={size}
      height={size}
      shape-rendering="crispEdges"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
