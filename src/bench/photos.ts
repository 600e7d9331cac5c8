// `npx tsx src/bench/photos.ts`: how long one 12-megapixel phone photo takes to become its
// variants, how many bytes each variant weighs, and whether the size targets hold.
// BENCH_QUICK=1 runs 2 rounds instead of 5. Exits 1 when a target fails.
// `npx tsx src/bench/photos.ts --storm`: the home page's p99 during an upload storm on the real
// server, against its p99 idle (photo-storm.ts).
import sharp from 'sharp'
import {
  photoEncodes,
  processPhoto,
  VARIANT_FORMATS,
  type ProcessedPhoto,
  type VariantFormat,
} from '../lib/images'
import { texturedPhoto } from '../test/photos'
import { runPhotoStorm } from './photo-storm'

const ROUNDS = process.env.BENCH_QUICK === '1' ? 2 : 5
const AVIF_TARGET = 0.55
const PLACEHOLDER_TARGET = 1024

if (process.argv.includes('--storm')) await runPhotoStorm()
else await measureSizes()

async function measureSizes() {
  say(`Generating a 4000×3000 photo…`)
  const original = await texturedPhoto(4000, 3000)
  say(`input: ${kb(original.length)} JPEG, ${photoEncodes.permits} encode slot(s)\n`)

  const timings: number[] = []
  let photo: ProcessedPhoto | undefined
  let peakRss = 0
  for (let round = 1; round <= ROUNDS; round++) {
    const started = performance.now()
    const result = await processPhoto(original)
    timings.push(performance.now() - started)
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
    if (!result.ok) throw new Error(`the bench photo was refused: ${result.reason}`)
    photo = result
    say(`round ${round}/${ROUNDS}: ${Math.round(timings.at(-1)!)} ms`)
  }
  const median = [...timings].sort((a, b) => a - b)[Math.floor(timings.length / 2)]!
  say(
    `\nmedian ${Math.round(median)} ms per photo · ${(1000 / median).toFixed(2)} photos/s per slot`,
  )
  say(`peak RSS ${Math.round(peakRss / 1024 / 1024)} MB\n`)

  const checks: { name: string; pass: boolean }[] = []
  say('width   avif (ssim)         webp (ssim)         jpg (ssim)          avif/jpg  webp/jpg')
  for (const width of photo!.widths) {
    const reference = await luma(await sharp(original).rotate().resize({ width }).png().toBuffer())
    const cells: Record<VariantFormat, { bytes: number; ssim: number }> = {} as never
    for (const format of VARIANT_FORMATS) {
      const variant = photo!.variants.find((v) => v.width === width && v.format === format)!
      cells[format] = {
        bytes: variant.bytes.length,
        ssim: ssim(reference, await luma(variant.bytes)),
      }
    }
    const avifRatio = cells.avif.bytes / cells.jpg.bytes
    const webpRatio = cells.webp.bytes / cells.jpg.bytes
    const cell = (format: VariantFormat) =>
      `${kb(cells[format].bytes).padStart(9)} (${cells[format].ssim.toFixed(3)})`.padEnd(20)
    say(
      `${String(width).padEnd(7)} ${cell('avif')}${cell('webp')}${cell('jpg')}` +
        `${pct(avifRatio).padStart(8)}  ${pct(webpRatio).padStart(8)}`,
    )
    checks.push({
      name: `AVIF ≤ ${pct(AVIF_TARGET)} of JPEG at ${width} px`,
      pass: avifRatio <= AVIF_TARGET,
    })
  }
  const placeholderBytes = Buffer.byteLength(photo!.placeholder)
  say(`\nplaceholder: ${placeholderBytes} bytes as a data: URI`)
  checks.push({
    name: `placeholder ≤ ${PLACEHOLDER_TARGET} bytes`,
    pass: placeholderBytes <= PLACEHOLDER_TARGET,
  })

  say('')
  for (const check of checks) say(`${check.pass ? 'PASS' : 'FAIL'}  ${check.name}`)
  if (checks.some((check) => !check.pass)) process.exitCode = 1
}

type Luma = { data: Buffer; width: number; height: number }

async function luma(image: Buffer): Promise<Luma> {
  const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

/**
 * Mean SSIM of the luma over 8×8 blocks: enough to show that the formats are compared at similar
 * quality (1 = identical), not a replacement for looking at them.
 */
function ssim(a: Luma, b: Luma): number {
  const block = 8
  const c1 = (0.01 * 255) ** 2
  const c2 = (0.03 * 255) ** 2
  let total = 0
  let blocks = 0
  for (let y = 0; y + block <= a.height; y += block) {
    for (let x = 0; x + block <= a.width; x += block) {
      let sumA = 0,
        sumB = 0,
        sumAA = 0,
        sumBB = 0,
        sumAB = 0
      for (let j = 0; j < block; j++) {
        for (let i = 0; i < block; i++) {
          const index = (y + j) * a.width + x + i
          const pa = a.data[index]!
          const pb = b.data[index]!
          sumA += pa
          sumB += pb
          sumAA += pa * pa
          sumBB += pb * pb
          sumAB += pa * pb
        }
      }
      const n = block * block
      const meanA = sumA / n
      const meanB = sumB / n
      const varA = (sumAA - n * meanA * meanA) / (n - 1)
      const varB = (sumBB - n * meanB * meanB) / (n - 1)
      const cov = (sumAB - n * meanA * meanB) / (n - 1)
      total +=
        ((2 * meanA * meanB + c1) * (2 * cov + c2)) /
        ((meanA * meanA + meanB * meanB + c1) * (varA + varB + c2))
      blocks += 1
    }
  }
  return total / blocks
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

function pct(ratio: number): string {
  return `${Math.round(ratio * 100)} %`
}

function say(line: string) {
  process.stdout.write(`${line}\n`)
}
