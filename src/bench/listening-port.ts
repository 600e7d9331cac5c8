// The bench's own servers (bare-server.mjs, socketio-server.mjs) print `listening <port>` once
// they listen; Souk's server is found by its readiness probe instead (server.ts).
import type { ChildProcessByStdio } from 'node:child_process'
import type { Readable } from 'node:stream'

/** The port the child says it listens on; rejects if it exits first. */
export function listeningPort(
  child: ChildProcessByStdio<null, Readable, null>,
  name: string,
): Promise<number> {
  let output = ''
  child.stdout.setEncoding('utf8')
  return new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk
      const match = /listening (\d+)/.exec(output)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', () => reject(new Error(`${name} exited before listening`)))
  })
}
