// Test and bench support: photos generated on the spot, so no binary fixtures live in the repo.
import sharp from 'sharp'

/**
 * A photo-like JPEG: a gradient, overlapping translucent shapes and sensor-like noise, so
 * encoders face roughly what a phone camera gives them (flat colour would flatter every format).
 */
export async function texturedPhoto(width: number, height: number, quality = 90): Promise<Buffer> {
  const shapes = Array.from({ length: 40 }, (_, i) => {
    const radius = Math.round(((100 + ((i * 37) % 400)) * width) / 4000)
    return `<circle cx="${(i * 997) % width}" cy="${(i * 631) % height}" r="${radius}" fill="hsl(${(i * 47) % 360},70%,${40 + (i % 30)}%)" fill-opacity="0.6"/>`
  }).join('')
  const scene = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#2a6f97"/><stop offset="1" stop-color="#f4a261"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`
  const noise = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 24 },
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer()
  return sharp(Buffer.from(scene))
    .composite([{ input: noise, blend: 'soft-light' }])
    .jpeg({ quality })
    .toBuffer()
}

/** A plain image of one colour in any output format sharp writes. */
export function solidImage(
  width: number,
  height: number,
  format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif',
  background = '#3a7d44',
): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .toFormat(format)
    .toBuffer()
}

/**
 * A JPEG as a phone writes it: stored sideways with EXIF orientation 6 (turn 90° clockwise to
 * view), GPS coordinates, a camera make, an ICC profile and XMP. Stored, its left half is red
 * and its right half blue, so upright the top is red.
 */
export async function phoneJpeg(storedWidth = 300, storedHeight = 200): Promise<Buffer> {
  const half = Math.round(storedWidth / 2)
  const blue = await sharp({
    create: { width: storedWidth - half, height: storedHeight, channels: 3, background: '#0000ff' },
  })
    .png()
    .toBuffer()
  return sharp({
    create: { width: storedWidth, height: storedHeight, channels: 3, background: '#ff0000' },
  })
    .composite([{ input: blue, left: half, top: 0 }])
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'Tanji Phone', Model: 'TP-1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '13/1 21/1 3/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '16/1 47/1 51/1',
      },
    })
    .withIccProfile('p3')
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Awa"/></rdf:RDF></x:xmpmeta>',
    )
    .jpeg()
    .toBuffer()
}

/** A two-frame animated GIF: a red frame, then a blue one. */
export async function animatedGif(): Promise<Buffer> {
  const frame = (background: string) =>
    sharp({ create: { width: 200, height: 100, channels: 3, background } })
      .png()
      .toBuffer()
  return sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } })
    .gif()
    .toBuffer()
}
