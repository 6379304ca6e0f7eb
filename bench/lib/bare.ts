import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { freePort } from './hub.js';
import { connected } from './world.js';

export interface BareProcess { pid: number; port: number; agents: Socket[]; stop(): Promise<void> }

/** Starts the bare pipeline (bare-pipeline.ts) as its own process with `agentCount` listening sockets. */
export async function startBare(databaseUrl: string, agentCount: number): Promise<BareProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(new URL('../bare-pipeline.js', import.meta.url)), String(port), databaseUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`bare pipeline exited with ${code}`)));
  });
  const agents = Array.from({ length: agentCount }, () => io(`http://127.0.0.1:${port}/inbox`, { transports: ['websocket'], reconnection: false, forceNew: true }));
  await Promise.all(agents.map((s) => connected(s)));
  return {
    pid: child.pid!,
    port,
    agents,
    stop: async () => {
      for (const s of agents) s.disconnect();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
