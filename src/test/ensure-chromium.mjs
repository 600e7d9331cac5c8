// Runs before the browser tests: makes sure the Chromium they drive is installed.
// The tests use Debian's chromium package (or CHROMIUM_PATH), not a browser downloaded by
// Playwright. When it is missing we install it if we can (root with apt-get); otherwise we fail
// with instructions. The browser tests are never skipped silently.
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'

const DEFAULT_PATH = '/usr/bin/chromium'
const chromiumPath = process.env.CHROMIUM_PATH || DEFAULT_PATH

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0
}

function run(command, args) {
  console.error(`ensure-chromium: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  return result.status === 0
}

function giveUp(reason) {
  console.error(`
ensure-chromium: ${reason}
The browser tests need Chromium at ${chromiumPath}. Either
  - install Debian's Chromium as root:  apt-get install -y chromium
  - or set CHROMIUM_PATH to the Chromium (or Chrome) executable to use.
`)
  process.exit(1)
}

if (isExecutable(chromiumPath)) process.exit(0)

if (process.env.CHROMIUM_PATH) {
  // Installing the Debian package would not put a browser at a custom path.
  giveUp(`CHROMIUM_PATH is set to ${chromiumPath}, which is not an executable file.`)
}

const isRoot = process.getuid?.() === 0
if (!isRoot || !hasCommand('apt-get')) {
  giveUp(`Chromium is not installed at ${DEFAULT_PATH}, and installing it needs root and apt-get.`)
}

console.error(`ensure-chromium: ${DEFAULT_PATH} is missing; installing Debian's chromium package.`)
if (!run('apt-get', ['update']) || !run('apt-get', ['install', '-y', 'chromium'])) {
  giveUp('apt-get could not install chromium.')
}
if (!isExecutable(DEFAULT_PATH)) {
  giveUp(`apt-get finished, but ${DEFAULT_PATH} is still missing.`)
}
console.error(`ensure-chromium: installed ${DEFAULT_PATH}.`)
