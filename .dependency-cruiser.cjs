// The architecture, checked on every `pnpm lint`. Arrows point down only:
//   transports (apps/api graphql/, http/, cli, worker, demo) -> services/ -> outbox/, auth/
//   -> @lg/db -> @lg/domain (which imports nothing).
// Tests may reach across (they drive the product through its transports), so the rules
// apply to the code that ships.
const SHIPPED = '^(apps|packages)/[^/]+/src/';
const TEST = '\\.test\\.ts$|/test-support/|/test/|/faults/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'use-cases-know-no-transport',
      comment:
        'services/, outbox/ and auth/ serve every transport (GraphQL, HTTP routes, CLI, worker, mail, feeds): they never import one, nor Pothos.',
      severity: 'error',
      from: { path: '^apps/api/src/(services|outbox|auth)/', pathNot: TEST },
      to: { path: ['^apps/api/src/(graphql|http|demo)/', '@pothos/', 'node_modules/@apollo/'] },
    },
    {
      name: 'outbox-is-below-services',
      comment: 'Services enqueue events; the outbox delivers them and never calls back up.',
      severity: 'error',
      from: { path: '^apps/api/src/outbox/', pathNot: TEST },
      to: { path: '^apps/api/src/services/' },
    },
    {
      name: 'resolvers-call-services',
      comment:
        'The GraphQL layer maps service results to payloads; it reads no tables itself (row types are fine).',
      severity: 'error',
      from: { path: '^apps/api/src/graphql/', pathNot: TEST },
      to: {
        path: ['node_modules/drizzle-orm/', '^packages/db/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-is-pure',
      comment: 'packages/domain imports nothing: no I/O, no framework, no other package.',
      severity: 'error',
      from: { path: '^packages/domain/src/', pathNot: TEST },
      to: { pathNot: '^packages/domain/src/' },
    },
    {
      name: 'db-knows-no-app',
      comment: 'packages/db is imported by apps, never the other way round.',
      severity: 'error',
      from: { path: '^packages/db/' },
      to: { path: '^apps/' },
    },
    {
      name: 'widget-knows-no-server',
      comment: "The widget runs in shoppers' browsers: it never bundles the API or the database.",
      severity: 'error',
      from: { path: '^packages/widget/' },
      to: { path: ['^apps/', '^packages/db/', 'node_modules/drizzle-orm/'] },
    },
    {
      name: 'console-knows-no-server',
      comment:
        "The console runs in adjusters' browsers: it talks to the API over HTTP and reuses only the domain's rules (the payout preview), never the API's code or its database.",
      severity: 'error',
      from: { path: '^apps/console/src/' },
      to: { path: ['^apps/api/', '^packages/(db|client|widget)/', 'node_modules/drizzle-orm/'] },
    },
    {
      name: 'client-knows-no-server',
      comment:
        "@lg/client is published to partners: it speaks HTTP to the API and never imports the API's code, its database or its rules.",
      severity: 'error',
      from: { path: '^packages/client/' },
      to: { path: ['^apps/', '^packages/(db|domain|widget)/', 'node_modules/drizzle-orm/'] },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: split or invert it.',
      severity: 'error',
      from: { path: SHIPPED, pathNot: TEST },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Workspace packages resolve to their sources (tsconfig.depcruise.json); builds are never walked.
    doNotFollow: { path: ['node_modules', '(^|/)dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default', 'node'],
      extensions: ['.ts', '.js', '.d.ts'],
      // Types-only packages (@graphql-typed-document-node/core) name no main, only typings.
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
