// The layers of docs/architecture.md, checked by `npm run lint` (dependency-cruiser): a cycle or an import against
// the layers fails CI. Type-only imports count too: a layer that names another's types depends on it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'Modules that import each other cannot be understood, tested or moved one at a time.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'pure-rules',
      comment: 'questions, scoring and advisor are pure rules: nothing of the flows, the store, Slack or the apps around them.',
      severity: 'error',
      from: { path: '^src/(questions|scoring|advisor)/' },
      to: { path: ['^src/(flows|store|slack|sandbox|server|reports)/', '^src/(app|wiring|cli)\\.ts$', '^node_modules/(@slack|kysely|pg|better-sqlite3)/'] },
    },
    {
      name: 'flows-know-no-slack',
      comment: 'Flows decide and persist; they return plain view models and never build Block Kit or call Slack.',
      severity: 'error',
      from: { path: '^src/flows/' },
      to: { path: ['^src/(slack|sandbox|server)/', '^src/(app|wiring|cli)\\.ts$', '^node_modules/@slack/'] },
    },
    {
      name: 'flows-persist-through-the-store',
      comment: 'Flows take a Store (src/store/store.ts: repositories and transaction), never the Kysely handle, the schema or a driver.',
      severity: 'error',
      from: { path: '^src/flows/' },
      to: { path: ['^node_modules/(kysely|pg|better-sqlite3)/', '^src/store/(db|schema|dialect|repository)\\.ts$'] },
    },
    {
      name: 'sql-only-in-store',
      comment: 'SQL and the database drivers live in src/store; everything else goes through its repositories.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: '^node_modules/(kysely|pg|better-sqlite3)/' },
    },
    {
      name: 'product-apart-from-tools',
      comment: 'The product build (src/) never imports the benchmarks, development helpers or tests.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tools|test)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
