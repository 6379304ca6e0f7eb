export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __conciergePg?: { stop(): Promise<void> } };
  await g.__conciergePg?.stop();
  delete g.__conciergePg;
}
