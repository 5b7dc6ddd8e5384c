/**
 * The import rules of src/ (docs/architecture.md explains the layers). Run: npm run lint:deps
 *
 * Every folder of src/, and every file directly in src/ (a unit of its own), has a place in LAYERS. A unit may
 * import itself and the units listed after it, never those before it: the order is a stack, so no import
 * cycle between units can exist. Within a layer the units are ordered too, by who uses whom today.
 */
const LAYERS = [
  { layer: 'entry points', units: ['action.ts', 'cli.ts', 'bundle.ts', 'action/', 'cli/'] },
  { layer: 'orchestration', units: ['organization-run/', 'remediate/', 'pipeline.ts'] },
  {
    layer: 'controls, policy, state, report, github',
    units: ['github/', 'report/', 'evaluate.ts', 'controls/', 'state/', 'policy/', 'generated/'],
  },
  {
    layer: 'model',
    units: [
      'concurrency.ts',
      'deadline.ts',
      'dates.ts',
      'input-position.ts',
      'findings.ts',
      'errors.ts',
      'escape.ts',
      'version.ts',
    ],
  },
];

const UNITS = LAYERS.flatMap(({ layer, units }) => units.map((unit) => ({ layer, unit })));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `cli/` -> everything under src/cli/; `cli.ts` -> that file alone. */
const pathOf = (unit) => (unit.endsWith('/') ? `^src/${escape(unit)}` : `^src/${escape(unit)}$`);

const layerOrder = UNITS.map(({ layer, unit }, index) => ({
  name: `layer-order: ${unit}`,
  severity: 'error',
  comment:
    `${unit} (${layer}) may import only itself and the units below it: ` +
    `${
      UNITS.slice(index + 1)
        .map((below) => below.unit)
        .join(', ') || 'none'
    }. See docs/architecture.md.`,
  from: { path: pathOf(unit) },
  to: { path: '^src/', pathNot: [pathOf(unit), ...UNITS.slice(index + 1).map((below) => pathOf(below.unit))] },
}));

module.exports = {
  forbidden: [
    ...layerOrder,
    {
      name: 'unit-not-in-layers',
      severity: 'error',
      comment: 'A new folder (or file directly in src/) needs a place in LAYERS in .dependency-cruiser.cjs.',
      from: { path: '^src/', pathNot: UNITS.map(({ unit }) => pathOf(unit)) },
      to: {},
    },
    {
      name: 'no-import-cycles',
      severity: 'error',
      comment: 'Modules importing each other, even within one folder: split out what both need.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'controls-without-aws-sdk',
      severity: 'error',
      comment: 'Controls are pure: state in, findings out. AWS calls belong in state/ (or remediate/ for writes).',
      from: { path: '^src/controls/' },
      to: { path: 'node_modules/(@aws-sdk|@smithy)/' },
    },
    {
      name: 'controls-without-fs',
      severity: 'error',
      comment: 'Controls are pure: they read no file (the policy and snapshots are read in policy/ and state/).',
      from: { path: '^src/controls/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?fs(/|$)' },
    },
    {
      name: 'resolvable-imports',
      severity: 'error',
      comment: 'An import dependency-cruiser cannot resolve cannot be checked against the rules above.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle of types is still a cycle between folders.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Packages' `exports` maps as Node reads them for our ESM sources (e.g. csv-parse/sync).
    enhancedResolveOptions: { conditionNames: ['import', 'node', 'default'], exportsFields: ['exports'] },
  },
};
