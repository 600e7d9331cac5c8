// A readable name for the browser and system behind a User-Agent header, so a member can tell
// "my phone" from "someone else's laptop" on the account page. A guess, not a fingerprint: a few
// patterns in the order that matters (Edge and Opera also say Chrome; Chrome also says Safari),
// which is all the account page needs and no library is worth for.

const BROWSERS: [RegExp, string][] = [
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrom(e|ium)\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
]

const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPod/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'Mac'],
  [/Linux/, 'Linux'],
]

/**
 * "Chrome on Android", "Firefox on Windows", "Safari on iPhone"; "Unknown device" when the
 * header says nothing we know.
 * @example describeDevice('Mozilla/5.0 (Linux; Android 14; Pixel 8) … Chrome/131.0 Mobile Safari/537.36') // "Chrome on Android"
 */
export function describeDevice(userAgent: string): string {
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1]
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1]
  if (browser && system) return `${browser} on ${system}`
  if (browser) return browser
  if (system) return `A browser on ${system}`
  return 'Unknown device'
}
