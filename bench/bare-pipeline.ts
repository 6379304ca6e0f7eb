/**
 * The bare pipeline (PERFORMANCE.md): the least any inbound path can do — plain `http` + `pg` +
 * `socket.io`, one INSERT per message, emit to the agent sockets after commit, then 200. It is the
 * same-run calibration the hub's figures are divided by. Run as its own process:
 * `node dist/bench/bench/bare-pipeline.js <port> <databaseUrl>`; prints "ready" when listening.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { Server } from 'socket.io';

const [port, databaseUrl] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS bare_message (
  id bigserial PRIMARY KEY, conversation text NOT NULL, source_id text NOT NULL UNIQUE,
  body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);

const http = createServer((req, res) => {
  if (req.method !== 'POST') return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const m = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { conversation: string; sourceId: string; text: string };
      const { rows } = await pool.query<{ id: string; created_at: Date }>(
        'INSERT INTO bare_message (conversation, source_id, body) VALUES ($1, $2, $3) ON CONFLICT (source_id) DO NOTHING RETURNING id, created_at',
        [m.conversation, m.sourceId, { type: 'text', text: m.text }],
      );
      const row = rows[0];
      if (row) agents.to('agents').emit('message.created', { id: row.id, conversationId: m.conversation, direction: 'in', content: { type: 'text', text: m.text }, createdAt: row.created_at });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
});
// Idle keep-alive sockets outlive the generator's pauses (Node's 5 s default races the client's reuse).
http.keepAliveTimeout = 65_000;
const io = new Server(http, { transports: ['websocket'] });
const agents = io.of('/inbox');
agents.on('connection', (socket) => void socket.join('agents'));
http.listen(Number(port), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => {
  io.close();
  void pool.end().then(() => process.exit(0));
});
