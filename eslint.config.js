// Lint enforces the one-way data flow of DESIGN.md: each folder may import only what its row allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const folders = ['stats', 'sources', 'sim', 'signal', 'pipeline', 'routines', 'store', 'session', 'ui', 'cli', 'practice'];

/** Import patterns that reach into the given app folders, from anywhere under src. */
const into = (names) => names.flatMap((name) => [`**/${name}`, `**/${name}/**`, `@/${name}/**`]);

/**
 * Builds the restriction for one folder.
 * `forbidden`: folders it must not import at all; `typesOnly`: folders it may import types from;
 * `except`: single modules of a forbidden folder it may import all the same.
 */
function direction(folder, { forbidden, typesOnly = [], packages = [], except = [], values = [] }) {
  const patterns = [
    { group: into(forbidden), message: `src/${folder} must not import this folder (DESIGN.md, Folders).` },
    // A folder named in `except` ("pipeline/dyad") is forbidden too, apart from that one module.
    ...except.map((module) => {
      const [name, file] = module.split('/');
      return {
        regex: `(^|/|@/)${name}(/(?!${file}$).*)?$`,
        message: `src/${folder} may import only ${module} from this folder (DESIGN.md, Folders).`,
      };
    }),
  ];
  if (typesOnly.length > 0) {
    // `values` ("signal/types") are modules of those folders whose constants may be used too.
    const kept = (name) => values.filter((module) => module.startsWith(`${name}/`)).map((module) => module.slice(name.length + 1));
    patterns.push({
      regex: `(^|/|@/)(${typesOnly.map((name) => (kept(name).length > 0 ? `${name}(/(?!(${kept(name).join('|')})$).*)?` : `${name}(/.*)?`)).join('|')})$`,
      allowTypeImports: true,
      message: `src/${folder} may import only types from this folder (DESIGN.md, Folders).`,
    });
  }
  return {
    files: [`src/${folder}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns,
          paths: packages.map((name) => ({ name, message: `src/${folder} must not use ${name}.` })),
        },
      ],
    },
  };
}

// src/stats (the small pure statistics) may be imported from every folder: no direction forbids it.
const others = (...keep) => folders.filter((f) => f !== 'stats' && !keep.includes(f));

const uiZones = ['live', 'routine', 'history', 'practice', 'shell', 'common'];

/** A zone of src/ui: it may import common (and its own files), never another zone or the shell. */
function uiZone(zone) {
  const names = uiZones.filter((z) => z !== zone && (zone === 'common' || z !== 'common'));
  return {
    files: [`src/ui/${zone}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: names.flatMap((name) => [`../${name}`, `../${name}/**`, `**/ui/${name}`, `**/ui/${name}/**`]),
              message: `src/ui/${zone} must not import another zone of src/ui; only shell composes them (DESIGN.md, Folders).`,
            },
          ],
        },
      ],
    },
  };
}

/**
 * The heart-rate sources (DESIGN.md, Folders): the whole of src/sources keeps the direction given
 * (the app's other folders are out of reach, src/signal only for types); inside it, bluetooth and
 * recordings may import the parent's `HeartRateSource` contract but never each other, and the
 * contract imports neither. One rule per file set, as a later config would replace an earlier one.
 */
function sourcesDirections(options) {
  const base = direction('sources', options);
  const [level, rule] = base.rules['no-restricted-imports'];
  // Through src/sources (from anywhere) or as a sibling ('../recordings/…', '../../bluetooth/…'),
  // never a folder of the same name elsewhere (tests/recordings.ts).
  const notInto = (names, message) => ({
    regex: `(^|/|@/)sources/(${names.join('|')})(/|$)|^(\\./|(\\.\\./)+)(${names.join('|')})(/|$)`,
    message,
  });
  const zone = (files, names, message) => ({
    files,
    rules: { 'no-restricted-imports': [level, { ...rule, patterns: [...rule.patterns, notInto(names, message)] }] },
  });
  return [
    zone(
      ['src/sources/**/*.{ts,tsx}'],
      ['bluetooth', 'recordings'],
      'The source contract in src/sources imports neither bluetooth nor recordings (DESIGN.md, Folders).',
    ),
    zone(
      ['src/sources/bluetooth/**/*.{ts,tsx}'],
      ['recordings'],
      'src/sources/bluetooth must not import src/sources/recordings (DESIGN.md, Folders).',
    ),
    zone(
      ['src/sources/recordings/**/*.{ts,tsx}'],
      ['bluetooth'],
      'src/sources/recordings must not import src/sources/bluetooth (DESIGN.md, Folders).',
    ),
  ];
}

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'dist-cli/', '.e2e-dist-*/', 'test-results/', 'playwright-report/', 'bench/out/', 'public/sw.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ThrowStatement > Literal', message: 'Throw Error objects ("operation: reason"), never strings.' },
      ],
    },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
  },
  // The small statistics every layer shares: nothing of the app at all, no streams, no DOM, no storage.
  direction('stats', {
    forbidden: folders.filter((f) => f !== 'stats'),
    packages: ['rxjs', 'react', 'react-dom', 'idb', 'chart.js', 'zod'],
  }),
  // Pure math: nothing of the app, no streams, no DOM, no storage.
  direction('signal', { forbidden: others('signal'), packages: ['rxjs', 'react', 'react-dom', 'idb', 'chart.js'] }),
  ...sourcesDirections({
    forbidden: others('sources', 'signal'),
    typesOnly: ['signal'],
    values: ['signal/types'],
    packages: ['react', 'react-dom', 'idb', 'chart.js'],
  }),
  // The simulator is physiology: it uses the real signal code and plays through the sources' clock.
  direction('sim', { forbidden: others('sim', 'signal', 'sources'), packages: ['react', 'react-dom', 'idb', 'chart.js'] }),
  direction('pipeline', {
    forbidden: others('pipeline', 'signal', 'sources'),
    typesOnly: ['sources'],
    packages: ['react', 'react-dom', 'idb', 'chart.js'],
  }),
  direction('routines', {
    forbidden: others('routines', 'pipeline', 'signal'),
    typesOnly: ['pipeline', 'signal'],
    packages: ['idb', 'chart.js', 'react', 'react-dom'],
  }),
  // The store's schemas list the partners and gate states from the one place that declares each;
  // its schema-5 migration (and the import of older files) turns a kept baseline into a calm reading
  // with the signal code's own pure `readingFromBaseline` (`migrated-reading.ts`, apart from the rest
  // of `calm-reading.ts` so the store, which opens with the welcome screen, needs none of its maths;
  // the store's tests use `calm-reading.ts` itself).
  direction('store', {
    forbidden: others('store', 'signal', 'routines', 'pipeline'),
    except: ['pipeline/dyad'],
    typesOnly: ['signal', 'routines'],
    values: ['signal/types', 'signal/calm-reading', 'signal/migrated-reading'],
    packages: ['react', 'react-dom', 'rxjs', 'chart.js'],
  }),
  // The live session outside React: it assembles sources, pipeline and store, and renders nothing.
  direction('session', {
    forbidden: others('session', 'pipeline', 'signal', 'sources', 'sim', 'store'),
    packages: ['react', 'react-dom', 'idb', 'chart.js'],
  }),
  // The practice (plan, calendar file, progress) is pure: the store's records in, values out.
  direction('practice', {
    forbidden: others('practice', 'store', 'signal'),
    typesOnly: ['store', 'signal'],
    values: ['store/records', 'signal/types'],
    packages: ['react', 'react-dom', 'idb', 'rxjs', 'chart.js'],
  }),
  direction('cli', {
    forbidden: others('cli', 'pipeline', 'signal', 'sources', 'sim'),
    packages: ['react', 'react-dom', 'idb', 'chart.js'],
  }),
  // Zones inside src/ui (DESIGN.md, Folders): live, routine and history never import each other,
  // common is shared by all and imports none of them, and only shell composes them.
  uiZone('live'),
  uiZone('routine'),
  uiZone('history'),
  uiZone('practice'),
  uiZone('common'),
  {
    // Only src/sources/bluetooth talks to Bluetooth; only src/store talks to IndexedDB.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/sources/bluetooth/**', 'src/store/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'navigator', property: 'bluetooth', message: 'Only src/sources/bluetooth touches navigator.bluetooth.' },
        { object: 'window', property: 'indexedDB', message: 'Only src/store touches IndexedDB.' },
      ],
    },
  },
  {
    // No DOM in the session: the composition root hands it the page's navigator and search string.
    files: ['src/session/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'location', 'localStorage', 'indexedDB'].map((name) => ({
          name,
          message: 'src/session has no DOM: take what it needs from the composition root.',
        })),
      ],
    },
  },
  {
    files: ['src/signal/**/*.ts', 'src/stats/**/*.ts'],
    ignores: ['src/signal/**/*.test.ts', 'src/stats/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'src/signal and src/stats are pure: pass times in.' },
        { object: 'Math', property: 'random', message: 'src/signal and src/stats are pure and deterministic.' },
      ],
    },
  },
);
