import 'reflect-metadata';
import { loadConfigOrExit } from '@concierge/config';
import { createWorker } from './worker.js';

// Same policy as the hub: a library's stray rejection (whatsapp-web.js) is logged, not fatal.
process.on('unhandledRejection', (reason) => console.error('Unhandled rejection (kept running):', reason));

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // The worker shares the hubs' database; an embedded one of its own would be a different deployment.
  if (!config.database.url) {
    console.error('The worker needs DATABASE_URL (the same PostgreSQL as the hubs).');
    process.exit(78);
  }
  if (!config.redisUrl) {
    console.warn('No REDIS_URL: outbound jobs run on PostgreSQL, but agents on the hubs will not see this worker\'s realtime events. Set REDIS_URL when scaling out.');
  }
  const worker = await createWorker(config, config.database.url);
  const stop = async () => {
    await worker.close().catch((error: unknown) => console.error(error));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await new Promise<void>((resolve, reject) => {
    worker.http.once('error', reject);
    worker.http.listen(config.port, '0.0.0.0', () => resolve());
  });
  console.log(`Concierge worker running the processors (metrics on :${config.port}/metrics).`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
