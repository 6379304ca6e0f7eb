// Static checks for docker/Dockerfile, docker/docker-compose.yml and the root .dockerignore.
// No Docker engine runs on the project's machines (STACK.md), so the files are validated, not built.
// Each check returns a list of problems (empty = fine) so a failing test names every defect at once.
import { existsSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';

export interface Instruction {
  keyword: string; // upper-cased: FROM, RUN, COPY, ...
  args: string;
  line: number; // 1-based line where the instruction starts
}

export interface Stage {
  index: number;
  name: string | null; // lower-cased, as Docker treats stage names case-insensitively
  base: string;
  instructions: Instruction[];
}

/** Joins `\` continuations, drops comments and blank lines (also inside continuations, as Docker does). */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (pending === '') start = i + 1;
    const continued = /\\\s*$/.test(raw);
    pending += (pending ? ' ' : '') + (continued ? raw.replace(/\\\s*$/, '') : raw).trim();
    if (continued) return;
    const match = /^(\S+)\s*(.*)$/s.exec(pending) as RegExpExecArray;
    out.push({ keyword: match[1].toUpperCase(), args: match[2].trim(), line: start });
    pending = '';
  });
  if (pending) {
    const match = /^(\S+)\s*(.*)$/s.exec(pending) as RegExpExecArray;
    out.push({ keyword: match[1].toUpperCase(), args: match[2].trim(), line: start });
  }
  return out;
}

export function splitStages(instructions: Instruction[]): { preamble: Instruction[]; stages: Stage[] } {
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const tokens = ins.args.split(/\s+/).filter((t) => !t.startsWith('--'));
      const name = tokens[1]?.toLowerCase() === 'as' && tokens[2] ? tokens[2].toLowerCase() : null;
      stages.push({ index: stages.length, name, base: tokens[0] ?? '', instructions: [] });
    } else if (stages.length === 0) {
      preamble.push(ins);
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return { preamble, stages };
}

/** Shell-like word split honouring single and double quotes. */
function words(s: string): string[] {
  return (s.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []).map((w) => w.replace(/^(["'])(.*)\1$/s, '$2'));
}

function flags(args: string): { flags: Record<string, string>; rest: string[] } {
  const out: Record<string, string> = {};
  const tokens = words(args);
  while (tokens[0]?.startsWith('--')) {
    const [key, ...value] = (tokens.shift() as string).slice(2).split('=');
    out[key] = value.join('=');
  }
  return { flags: out, rest: tokens };
}

function parseEnv(args: string): Record<string, string> {
  const tokens = words(args);
  if (tokens.length > 0 && !tokens[0].includes('=')) return { [tokens[0]]: tokens.slice(1).join(' ') };
  return Object.fromEntries(tokens.map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)]));
}

/** ENV visible in each stage, including what it inherits from a parent stage (`FROM deps AS build`). */
function stageEnv(stages: Stage[]): Record<string, string>[] {
  const envs: Record<string, string>[] = [];
  for (const stage of stages) {
    const parent = stages.findIndex((s) => s.index < stage.index && s.name === stage.base.toLowerCase());
    const env: Record<string, string> = parent >= 0 ? { ...envs[parent] } : {};
    for (const ins of stage.instructions) if (ins.keyword === 'ENV') Object.assign(env, parseEnv(ins.args));
    envs.push(env);
  }
  return envs;
}

function execForm(args: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? (parsed as string[]) : null;
  } catch {
    return null;
  }
}

/** Minimal .dockerignore matcher (`*`, `?`, `**`, leading `/`); a path is ignored when it or a parent matches. */
export function dockerignoreMatcher(text: string): (path: string) => boolean {
  const patterns = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
    .map((p) => {
      const clean = posix.normalize(p.replace(/^\/+/, '')).replace(/\/+$/, '');
      const body = clean
        .split(/(\*\*\/|\*\*|\*|\?)/)
        .map((part) =>
          part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
        )
        .join('');
      return new RegExp(`^${body}$`);
    });
  return (path: string) => {
    const segments = posix.normalize(path.replace(/^\.\/+/, '')).replace(/\/+$/, '').split('/');
    return segments.some((_, i) => patterns.some((re) => re.test(segments.slice(0, i + 1).join('/'))));
  };
}

export interface DockerfileExpectations {
  hubEntry: string; // e.g. dist/apps/hub/src/main.js (from package.json's start script)
  port: number;
  repoRoot?: string; // when given, COPY sources from the build context must exist there
  ignored?: (path: string) => boolean; // when given, COPY sources must not be excluded by .dockerignore
}

export function dockerfileProblems(text: string, expect: DockerfileExpectations): string[] {
  const problems: string[] = [];
  const { preamble, stages } = splitStages(parseDockerfile(text));
  for (const ins of preamble) if (ins.keyword !== 'ARG') problems.push(`line ${ins.line}: ${ins.keyword} before the first FROM`);
  if (stages.length < 2) return [...problems, `expected a multi-stage build, found ${stages.length} FROM`];

  const names = stages.map((s) => s.name).filter((n): n is string => n !== null);
  for (const dup of names.filter((n, i) => names.indexOf(n) !== i)) problems.push(`stage name "${dup}" is defined twice`);

  const envs = stageEnv(stages);
  for (const stage of stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const { flags: f, rest } = flags(ins.args);
        const sources = execForm(ins.args.replace(/^(--\S+\s+)*/, '')) ?? rest;
        if (f.from !== undefined) {
          const earlier = stages.slice(0, stage.index).some((s) => s.name === f.from.toLowerCase());
          if (!earlier) problems.push(`line ${ins.line}: COPY --from=${f.from} does not name an earlier stage`);
        } else {
          for (const src of sources.slice(0, -1)) {
            if (expect.ignored?.(src)) problems.push(`line ${ins.line}: COPY source ${src} is excluded by .dockerignore`);
            if (expect.repoRoot && !/[*?]/.test(src) && !existsSync(join(expect.repoRoot, src))) {
              problems.push(`line ${ins.line}: COPY source ${src} does not exist in the build context`);
            }
          }
        }
      }
      if (ins.keyword === 'RUN' && /\bnpm (ci|install|i)\b/.test(ins.args) && envs[stage.index].PUPPETEER_SKIP_DOWNLOAD !== 'true') {
        problems.push(`line ${ins.line}: npm installs packages without PUPPETEER_SKIP_DOWNLOAD=true`);
      }
    }
  }

  const final = stages[stages.length - 1];
  const last = (keyword: string) => [...final.instructions].reverse().find((i) => i.keyword === keyword);
  if (stages.some((s) => s.name !== null && s.name === final.base.toLowerCase())) {
    problems.push(`final stage is built FROM stage "${final.base}": start from a clean base image`);
  }

  const user = last('USER');
  if (!user) problems.push('final stage has no USER (it would run as root)');
  else if (['root', '0'].includes(user.args.split(':')[0].trim())) problems.push(`final stage runs as ${user.args}`);

  const health = last('HEALTHCHECK');
  if (!health) problems.push('final stage has no HEALTHCHECK');
  else {
    const probe = health.args.replace(/^(--\S+\s+)*/, '');
    if (/^NONE\b/i.test(probe)) problems.push('HEALTHCHECK is disabled (NONE)');
    if (!/^CMD\s/i.test(probe)) problems.push('HEALTHCHECK has no CMD');
    if (!/\bnode\b/.test(probe)) problems.push('HEALTHCHECK must probe with node (slim images have no curl/wget)');
    if (/\b(curl|wget)\b/.test(probe)) problems.push('HEALTHCHECK uses curl/wget, which the slim image lacks');
    if (!probe.includes('/health/live')) problems.push('HEALTHCHECK does not hit /health/live');
    if (!probe.includes(String(expect.port))) problems.push(`HEALTHCHECK does not target port ${expect.port}`);
  }

  const cmd = last('CMD');
  const argv = cmd ? execForm(cmd.args) : null;
  if (!cmd) problems.push('final stage has no CMD');
  else if (!argv) problems.push('CMD must use the JSON exec form (node as PID 1 receives SIGTERM)');
  else if (argv[0] !== 'node' || argv[1] !== expect.hubEntry) problems.push(`CMD ${cmd.args} does not run node ${expect.hubEntry}`);

  const exposed = final.instructions.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.split(/\s+/));
  if (!exposed.some((p) => p.split('/')[0] === String(expect.port))) problems.push(`final stage does not EXPOSE ${expect.port}`);
  if (envs[final.index].NODE_ENV !== 'production') problems.push('final stage does not set NODE_ENV=production');

  const copied = final.instructions.filter((i) => i.keyword === 'COPY').map((i) => flags(i.args).rest.at(-1) ?? '');
  for (const needed of ['node_modules', 'dist', 'apps/hub/public', 'package.json']) {
    if (!copied.some((dest) => posix.normalize(dest).replace(/^(\.\/|\/app\/)/, '').replace(/\/$/, '') === needed)) {
      problems.push(`final stage does not COPY ${needed}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- compose ----------------------------------

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** Compose accepts `environment` as a map or as a list of KEY=VALUE strings. */
export function composeEnv(service: Json): Record<string, string> {
  const env = service.environment;
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map(String).map((e) => [e.split('=')[0], e.slice(e.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(obj(env)).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function testCommand(service: Json): string {
  const test = obj(service.healthcheck).test;
  return Array.isArray(test) ? test.map(String).join(' ') : typeof test === 'string' ? test : '';
}

export interface ComposeExpectations {
  composeDir: string; // directory of the compose file (build contexts are relative to it)
  repoRoot: string;
  requiredSecrets: string[];
  port: number;
}

export function composeProblems(doc: unknown, expect: ComposeExpectations): string[] {
  const problems: string[] = [];
  const services = obj(obj(doc).services);
  const required = ['postgres', 'redis', 'hub', 'worker'];
  for (const name of required) if (!(name in services)) problems.push(`service ${name} is missing`);

  for (const [name, raw] of Object.entries(services)) {
    const health = obj(obj(raw).healthcheck);
    const test = testCommand(obj(raw));
    if (!test || health.disable === true || /^NONE\b/.test(test)) problems.push(`service ${name} has no healthcheck`);
  }

  const pg = obj(services.postgres);
  if (pg.image !== 'postgres:16-alpine') problems.push(`postgres image is ${String(pg.image)}, expected postgres:16-alpine`);
  if (services.postgres && !/pg_isready/.test(testCommand(pg))) problems.push('postgres healthcheck does not use pg_isready');
  const pgVolumes = Array.isArray(pg.volumes) ? pg.volumes.map((v) => (typeof v === 'string' ? v : String(obj(v).source))) : [];
  const named = pgVolumes.map((v) => v.split(':')[0]).filter((v) => v && !/^[./~]/.test(v));
  if (services.postgres && !named.some((v) => v in obj(obj(doc).volumes))) problems.push('postgres data is not on a declared named volume');

  const redis = obj(services.redis);
  if (redis.image !== 'redis:7-alpine') problems.push(`redis image is ${String(redis.image)}, expected redis:7-alpine`);
  if (services.redis && !/redis-cli\s+ping/.test(testCommand(redis))) problems.push('redis healthcheck does not run redis-cli ping');

  const pgEnv = composeEnv(pg);
  const expectedDb = `postgres://${pgEnv.POSTGRES_USER}:${pgEnv.POSTGRES_PASSWORD}@postgres:5432/${pgEnv.POSTGRES_DB}`;
  for (const name of ['hub', 'worker']) {
    const svc = obj(services[name]);
    if (!services[name]) continue;
    const deps = obj(svc.depends_on);
    for (const dep of ['postgres', 'redis']) {
      if (obj(deps[dep]).condition !== 'service_healthy') problems.push(`${name} does not wait for ${dep} with condition service_healthy`);
    }
    const env = composeEnv(svc);
    for (const secret of expect.requiredSecrets) {
      if (!new RegExp(`^\\$\\{${secret}:\\?[^}]+\\}$`).test(env[secret] ?? '')) {
        problems.push(`${name}: ${secret} must be required with \${${secret}:?message}, got ${JSON.stringify(env[secret] ?? null)}`);
      }
    }
    if (env.DATABASE_URL !== expectedDb) problems.push(`${name}: DATABASE_URL ${env.DATABASE_URL} does not match the postgres service (${expectedDb})`);
    if (env.REDIS_URL !== 'redis://redis:6379') problems.push(`${name}: REDIS_URL is ${env.REDIS_URL}, expected redis://redis:6379`);
    if (!/^(false|\$\{SEED_DEMO:-false\})$/.test(env.SEED_DEMO ?? '')) problems.push(`${name}: SEED_DEMO must default to false`);
    if (env.PORT !== String(expect.port)) problems.push(`${name}: PORT is ${env.PORT}, expected ${expect.port}`);

    const build = obj(svc.build);
    const context = resolve(expect.composeDir, String(build.context ?? '.'));
    if (context !== resolve(expect.repoRoot)) problems.push(`${name}: build context ${context} is not the repository root`);
    if (!existsSync(join(context, String(build.dockerfile ?? 'Dockerfile')))) problems.push(`${name}: dockerfile ${String(build.dockerfile)} not found`);
  }

  const hub = obj(services.hub);
  const hubProbe = testCommand(hub);
  if (services.hub && !(/\bnode\b/.test(hubProbe) && hubProbe.includes('/health/live') && !/\b(curl|wget)\b/.test(hubProbe))) {
    problems.push('hub healthcheck must fetch /health/live with node');
  }
  const ports = Array.isArray(hub.ports) ? hub.ports.map((p) => (typeof p === 'string' ? p : `${obj(p).published}:${obj(p).target}`)) : [];
  if (services.hub && !ports.includes(`${expect.port}:${expect.port}`)) problems.push(`hub does not publish ${expect.port}:${expect.port}`);

  const worker = obj(services.worker);
  const command = Array.isArray(worker.command) ? worker.command.join(' ') : String(worker.command ?? '');
  if (services.worker && command !== 'node dist/apps/worker/src/main.js') problems.push(`worker command is "${command}"`);
  if (services.worker && services.hub && (worker.image ?? null) !== (hub.image ?? null)) problems.push('worker does not use the hub image');
  if (services.worker && !/\bnode\b/.test(testCommand(worker))) problems.push('worker healthcheck must be a node one-liner');
  return problems;
}
