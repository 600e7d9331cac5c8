// What the benchmark measures. Each feature adds its group here, named as a person would say it.

/** What entries may need that only exists once the server runs. */
export type BenchContext = { memberCookie: string }

export type BenchEntry = {
  name: string
  path: string
  headers: (context: BenchContext) => Record<string, string>
}

/** What a current browser sends: brotli is the encoding pages are budgeted in. */
const BROWSER = { Accept: 'text/html', 'Accept-Encoding': 'br' }

const homeEntries: BenchEntry[] = [
  { name: 'home (visitor)', path: '/', headers: () => BROWSER },
  {
    // Every signed-in request looks up and checks its session (a read; a write every few minutes).
    name: 'home (member)',
    path: '/',
    headers: ({ memberCookie }) => ({ ...BROWSER, Cookie: memberCookie }),
  },
]

const accountEntries: BenchEntry[] = [
  { name: 'sign-in page', path: '/sign-in', headers: () => BROWSER },
]

export const benchEntries: BenchEntry[] = [...homeEntries, ...accountEntries]
