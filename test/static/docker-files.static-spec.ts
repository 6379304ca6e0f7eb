import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  composeEnv,
  composeProblems,
  dockerfileProblems,
  dockerignoreMatcher,
  parseDockerfile,
  splitStages,
  type ComposeExpectations,
  type DockerfileExpectations,
} from './docker-checks.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const HUB_ENTRY = 'dist/apps/hub/src/main.js';
const dockerfile = read('docker/Dockerfile');
const composeText = read('docker/docker-compose.yml');
const ignored = dockerignoreMatcher(read('.dockerignore'));
const dockerExpect: DockerfileExpectations = { hubEntry: HUB_ENTRY, port: 3000, repoRoot: root, ignored };
const composeExpect: ComposeExpectations = {
  composeDir: join(root, 'docker'),
  repoRoot: root,
  requiredSecrets: ['PUBLIC_URL', 'TOKEN_SECRET', 'ENCRYPTION_KEY'],
  port: 3000,
};
const compose = () => parse(composeText) as { services: Record<string, Record<string, unknown>> };

describe('Dockerfile parser', () => {
  it('joins continuations and skips comments, even inside a continuation', () => {
    const parsed = parseDockerfile('# top\nFROM node:20 AS a\nRUN echo 1 \\\n  # note\n  && echo 2\n\nCMD ["node"]\n');
    expect(parsed).toEqual([
      { keyword: 'FROM', args: 'node:20 AS a', line: 2 },
      { keyword: 'RUN', args: 'echo 1 && echo 2', line: 3 },
      { keyword: 'CMD', args: '["node"]', line: 7 },
    ]);
  });

  it('splits stages and ignores --platform on FROM', () => {
    const { stages } = splitStages(parseDockerfile('FROM --platform=linux/amd64 node:20 AS Deps\nRUN x\nFROM deps\n'));
    expect(stages.map((s) => [s.name, s.base, s.instructions.length])).toEqual([
      ['deps', 'node:20', 1],
      [null, 'deps', 0],
    ]);
  });
});

describe('docker/Dockerfile', () => {
  it('is consistent with package.json (npm start runs the same entry point as CMD)', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`node ${HUB_ENTRY}`);
  });

  it('has no problems', () => {
    expect(dockerfileProblems(dockerfile, dockerExpect)).toEqual([]);
  });

  it('defines the deps, build and runtime stages with runtime last', () => {
    const { stages } = splitStages(parseDockerfile(dockerfile));
    expect(stages.map((s) => s.name)).toEqual(['deps', 'build', 'runtime']);
  });

  it.each([
    ['a root USER', (t: string) => t.replace(/^USER node$/m, 'USER root'), /runs as root/],
    ['no USER', (t: string) => t.replace(/^USER node$/m, ''), /no USER/],
    ['no HEALTHCHECK', (t: string) => t.replace(/^HEALTHCHECK[^]*?\n(?=CMD)/m, ''), /no HEALTHCHECK/],
    ['a curl HEALTHCHECK', (t: string) => t.replace(/CMD \["node", "-e".*\]$/m, 'CMD curl -f http://127.0.0.1:3000/health/live'), /curl/],
    ['a COPY from an unknown stage', (t: string) => t.replace('--from=build /app/dist', '--from=builder /app/dist'), /--from=builder does not name an earlier stage/],
    ['a COPY from a later stage', (t: string) => t.replace('COPY tsconfig.json', 'COPY --from=runtime /x /y\nCOPY tsconfig.json'), /--from=runtime/],
    ['a shell-form CMD', (t: string) => t.replace(/^CMD \[.*\]$/m, `CMD node ${HUB_ENTRY}`), /exec form/],
    ['a CMD on the wrong file', (t: string) => t.replace(`"${HUB_ENTRY}"`, '"dist/main.js"'), /does not run node/],
    ['a single stage', (t: string) => `FROM node:20-bookworm-slim\n${t.replace(/^FROM .*$/gm, '')}`, /multi-stage/],
    ['no puppeteer skip', (t: string) => t.replace('PUPPETEER_SKIP_DOWNLOAD=true', 'PUPPETEER_SKIP_DOWNLOAD=false'), /PUPPETEER_SKIP_DOWNLOAD/],
    ['a runtime without public files', (t: string) => t.replace(/^COPY --from=build \/app\/apps\/hub\/public.*$/m, ''), /apps\/hub\/public/],
    ['copying an ignored path', (t: string) => t.replace('COPY libs ./libs', 'COPY node_modules ./node_modules'), /excluded by \.dockerignore/],
    ['a missing context file', (t: string) => t.replace('COPY libs ./libs', 'COPY nope ./nope'), /nope does not exist/],
  ])('reports %s', (_label, mutate, problem) => {
    const mutated = mutate(dockerfile);
    expect(mutated).not.toBe(dockerfile);
    expect(dockerfileProblems(mutated, dockerExpect).join('\n')).toMatch(problem);
  });
});

describe('.dockerignore', () => {
  it.each(['node_modules', 'dist', '.data', '.git', 'coverage', 'apps/inbox/node_modules'])('excludes %s', (path) => {
    expect(ignored(path)).toBe(true);
  });

  it.each(['apps', 'libs', 'package.json', 'package-lock.json', '.puppeteerrc.cjs', 'tsconfig.build.json'])('keeps %s', (path) => {
    expect(ignored(path)).toBe(false);
  });
});

describe('docker/docker-compose.yml', () => {
  it('has no problems', () => {
    expect(composeProblems(compose(), composeExpect)).toEqual([]);
  });

  it('gives hub and worker the same environment, with secrets required from the shell', () => {
    const { services } = compose();
    expect(composeEnv(services.worker)).toEqual(composeEnv(services.hub));
    expect(composeEnv(services.hub).TOKEN_SECRET).toMatch(/^\$\{TOKEN_SECRET:\?.+\}$/);
  });

  it.each([
    ['a missing service', (d: ReturnType<typeof compose>) => delete d.services.worker, /service worker is missing/],
    ['a missing healthcheck', (d: ReturnType<typeof compose>) => delete d.services.redis.healthcheck, /redis has no healthcheck/],
    [
      'a dependency that is only started',
      (d: ReturnType<typeof compose>) => ((d.services.hub.depends_on as Record<string, { condition: string }>).postgres = { condition: 'service_started' }),
      /hub does not wait for postgres/,
    ],
    ['a short-form depends_on', (d: ReturnType<typeof compose>) => (d.services.worker.depends_on = ['postgres', 'redis']), /worker does not wait for redis/],
    [
      'a defaulted secret',
      (d: ReturnType<typeof compose>) => (d.services.hub.environment = { ...composeEnv(d.services.hub), ENCRYPTION_KEY: '${ENCRYPTION_KEY:-dev}' }),
      /hub: ENCRYPTION_KEY must be required/,
    ],
    [
      'a DATABASE_URL that does not match the postgres service',
      (d: ReturnType<typeof compose>) => (d.services.worker.environment = [...Object.entries(composeEnv(d.services.worker)).map(([k, v]) => `${k}=${v}`), 'DATABASE_URL=postgres://x:y@localhost/z']),
      /worker: DATABASE_URL/,
    ],
    ['an unpublished hub port', (d: ReturnType<typeof compose>) => (d.services.hub.ports = ['8080:3000']), /does not publish 3000:3000/],
    ['a wrong build context', (d: ReturnType<typeof compose>) => (d.services.hub.build = { context: '.', dockerfile: 'docker/Dockerfile' }), /hub: build context/],
  ])('reports %s', (_label, mutate, problem) => {
    const doc = compose();
    mutate(doc);
    expect(composeProblems(doc, composeExpect).join('\n')).toMatch(problem);
  });
});
