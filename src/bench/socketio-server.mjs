// What the live bench compares Souk's SSE with: the same fan-out on Socket.IO 4, the stack the
// original designs chose. A connection proves who it is with a session token (looked up by id,
// the secret's SHA-256 compared, as Souk's sessions are) and joins its member's room; a chat
// message is written the way Souk writes one — a message row and a kept event for each member
// told, in one transaction on SQLite with the same pragmas (src/db.ts: WAL, synchronous=FULL) —
// and emitted to both members' rooms after the commit, then acknowledged. WebSocket only, no
// long-polling, no compression: the lightest way Socket.IO runs.
// Usage: node socketio-server.mjs <database>; prints "listening <port>" when ready.
import Database from 'better-sqlite3'
import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import { Server } from 'socket.io'

const db = new Database(process.argv[2] ?? '')
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.pragma('foreign_keys = ON')
db.pragma('busy_timeout = 5000')
db.pragma('temp_store = MEMORY')
db.exec(`
  create table if not exists sessions (
    id text primary key, secret_hash blob not null, member_id integer not null);
  create table if not exists messages (
    id integer primary key, from_id integer not null, to_id integer not null,
    body text not null, at integer not null);
  create table if not exists events (
    id integer primary key, member_id integer not null, type text not null,
    data text not null, at integer not null);
`)
const findSession = db.prepare('select secret_hash, member_id from sessions where id = ?')
const insertMessage = db.prepare(
  'insert into messages (from_id, to_id, body, at) values (?, ?, ?, ?) returning id',
)
const insertEvent = db.prepare(
  'insert into events (member_id, type, data, at) values (?, ?, ?, ?) returning id',
)
const writeMessage = db.transaction((from, to, body) => {
  const at = Date.now()
  const { id } = insertMessage.get(from, to, body, at)
  const data = JSON.stringify({ messageId: id })
  for (const member of new Set([from, to])) insertEvent.run(member, 'message.sent', data, at)
  return id
})

const http = createServer()
const io = new Server(http, { transports: ['websocket'], serveClient: false })

io.use((socket, next) => {
  const [id = '', secret = ''] = String(socket.handshake.auth?.token ?? '').split('.')
  const session = findSession.get(id)
  const hash = createHash('sha256').update(secret).digest()
  if (!session || !timingSafeEqual(hash, session.secret_hash)) return next(new Error('signed out'))
  socket.data.memberId = session.member_id
  next()
})

io.on('connection', (socket) => {
  const from = socket.data.memberId
  socket.join(`member:${from}`)
  socket.on('message', (message, ack) => {
    const to = Number(message?.to)
    const body = String(message?.body ?? '').slice(0, 2000)
    if (!Number.isSafeInteger(to) || body === '') return ack?.(false)
    const id = writeMessage(from, to, body)
    io.to([`member:${to}`, `member:${from}`]).emit('message', { id, from, body })
    ack?.(true)
  })
})

http.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${http.address().port}\n`))
process.on('SIGTERM', () => {
  io.close()
  db.close()
  process.exit(0)
})
