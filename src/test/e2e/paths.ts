import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root: the server reads static/ and db/migrations relative to it. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
