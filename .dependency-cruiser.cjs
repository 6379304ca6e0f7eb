/**
 * Dependency rules for the Concierge monorepo (docs: ARCHITECTURE.md §1–2).
 *
 * Run with `npm run lint:deps` (= `depcruise apps libs --config .dependency-cruiser.cjs`).
 *
 * A "lib" is libs/<name>, except libs/channels/<name> (channels/core, channels/webchat, …),
 * each with exactly one public entry point: libs/<lib>/src/index.ts (alias `@concierge/<x>`).
 * The direction rules ignore unit specs (`*.spec.ts`); the deep-import, libs-to-apps, cycle
 * and testing rules do not.
 */

// Captures the lib a path belongs to: "common", "inbox", "channels/core", "channels/twilio", …
const LIB = '^libs/(channels/[^/]+|[^/]+)/';
const LIB_ENTRY = '^libs/(channels/[^/]+|[^/]+)/src/index\\.ts$';
const SPEC = '[.-]spec\\.ts$';
const FEATURE_LIBS = '(automation|commerce|video|campaigns)';

/** A "may import only these libs" rule; `$1` in `allowed` is the importing lib's own group. */
function onlyLibs(name, comment, from, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from, pathNot: SPEC },
    to: { path: '^libs/', pathNot: `^libs/(${allowed})/` },
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ── graph-wide ────────────────────────────────────────────────────────────────────────
    {
      name: 'no-circular',
      comment: 'No import cycles anywhere (ARCHITECTURE §2: "no cycles", no forwardRef to hide them).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import must resolve (a typo in a path or alias, or a package missing from node_modules).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },

    // ── lib boundaries ────────────────────────────────────────────────────────────────────
    {
      name: 'no-deep-lib-imports',
      comment:
        'A lib may import another lib only through its public entry point libs/<x>/src/index.ts ' +
        '(use the @concierge/<x> alias). Entities and repositories stay private to their lib.',
      severity: 'error',
      from: { path: LIB },
      to: { path: '^libs/', pathNot: ['^libs/$1/', LIB_ENTRY] },
    },
    {
      name: 'no-deep-lib-imports-from-apps',
      comment: 'Apps compose libs through their public entry points (@concierge/<x>), never their internals.',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^libs/', pathNot: LIB_ENTRY },
    },
    {
      name: 'libs-not-to-apps',
      comment: 'Apps are composition roots: they import libs, libs never import apps.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },

    // ── dependency direction (ARCHITECTURE §2) ────────────────────────────────────────────
    onlyLibs('common-imports-no-lib', 'libs/common is the bottom layer: it imports no other lib.', '^libs/(common)/', '$1'),
    onlyLibs('contracts-only-common', 'libs/contracts may import only common.', '^libs/(contracts)/', '$1|common'),
    onlyLibs(
      'infra-only-common-contracts-config',
      'config, database, observability and cluster (Redis connections, shared rate limits) may import only common, contracts and config.',
      '^libs/(config|database|observability|cluster)/',
      '$1|common|contracts|config',
    ),
    onlyLibs(
      'channels-core-only-common-contracts',
      'channels/core (contracts, registry, degradation) may import only common and contracts.',
      '^libs/(channels/core)/',
      '$1|common|contracts',
    ),
    onlyLibs(
      'channel-adapters-isolated',
      'Channel adapters never touch the database or domain libs (tenancy, contacts, inbox, …) nor other ' +
        'adapters: they may import only common, contracts, config and channels/core.',
      '^libs/(channels/(?!core/)[^/]+)/',
      '$1|common|contracts|config|channels/core',
    ),
    {
      name: 'tenancy-not-upward',
      comment: 'tenancy sits below contacts/inbox/realtime/channels and must not import them.',
      severity: 'error',
      from: { path: '^libs/tenancy/', pathNot: SPEC },
      to: { path: '^libs/(contacts|inbox|realtime|channels)/' },
    },
    {
      name: 'contacts-not-upward',
      comment: 'contacts sits below inbox/realtime/channels and must not import them.',
      severity: 'error',
      from: { path: '^libs/contacts/', pathNot: SPEC },
      to: { path: '^libs/(inbox|realtime|channels)/' },
    },
    {
      name: 'inbox-not-to-realtime',
      comment: 'inbox publishes through a realtime port it owns; realtime depends on inbox, never the reverse.',
      severity: 'error',
      from: { path: '^libs/inbox/', pathNot: SPEC },
      to: { path: '^libs/realtime/' },
    },
    {
      name: 'feature-libs-independent',
      comment: 'Feature libs (automation, commerce, video, campaigns) never import each other: they talk by events.',
      severity: 'error',
      from: { path: `^libs/${FEATURE_LIBS}/`, pathNot: SPEC },
      to: { path: `^libs/${FEATURE_LIBS}/`, pathNot: '^libs/$1/' },
    },
    {
      name: 'core-libs-not-to-feature-libs',
      comment: 'Feature libs sit on top of inbox and below apps: no other lib (except testing) imports them.',
      severity: 'error',
      from: { path: '^libs/', pathNot: [`^libs/${FEATURE_LIBS}/`, '^libs/testing/', SPEC] },
      to: { path: `^libs/${FEATURE_LIBS}/` },
    },

    // ── test code ─────────────────────────────────────────────────────────────────────────
    {
      name: 'testing-only-in-tests',
      comment: 'libs/testing (factories, fakes, db helpers) is for test code only: no production file imports it.',
      severity: 'error',
      from: { pathNot: [SPEC, '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
  ],

  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js'],
      // Sources import './x.js' (NodeNext ESM) that is './x.ts' on disk. enhanced-resolve's
      // `extensionAlias: { '.js': ['.ts', '.js'] }` would say so, but dependency-cruiser 17.3's config
      // schema rejects it ("enhancedResolveOptions must NOT have additional properties"); it needs
      // none: when './x.js' does not exist it retries './x.ts', './x.tsx', './x.d.ts' the way tsc does
      // (resolveWithRetry in dependency-cruiser/src/extract/resolve/index.mjs). not-to-unresolvable
      // above fails the run should that ever stop working.
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
