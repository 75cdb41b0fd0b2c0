import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { asciiSource } from './ascii-source';

/**
 * `npm run build:server`: the production server, host/main.ts and everything it loads at
 * start-up, as one CommonJS file without comments or whitespace, dist/server/main.js (what
 * `npm run start:prod` runs).
 *
 * Why a bundle: the compiled tree loaded about 1,600 files from node_modules, and V8 keeps each
 * one's whole source text, comments included, in the heap for as long as the process lives (it
 * compiles functions lazily from it) — about 10 MiB, a quarter of the bot's live heap. The bundle
 * holds what the server reaches in 4.2 MiB, with one copy of each package version.
 */

const ROOT = path.resolve(__dirname, '..');
export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server', 'main.js');

/**
 * Packages left to Node's own loader, from node_modules at run time, each for a reason:
 * - loaded only on first use, by a dynamic import, so a process that never uses them never reads
 *   their code (bundled, their source would sit in every process's heap): docx (a Word report),
 *   nodemailer (mail over SMTP), @azure/identity (storage or a bot reached by managed identity);
 * - development only, and required by path or only when present: azurite (the embedded emulator
 *   when no storage is configured), esbuild (the side panel bundled from sources);
 * - native and optional: dtrace-provider (restify's probes, loaded inside a try).
 */
const EXTERNAL = ['docx', 'nodemailer', '@azure/identity', 'azurite', 'esbuild', 'dtrace-provider'];

/**
 * Bundles the server into `outfile` (dist/server/main.js unless told), with its source map beside
 * it. The file must be inside the repository: the packages left out are required from its
 * node_modules.
 */
export async function bundleServer(outfile = SERVER_BUNDLE): Promise<void> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'host', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Identifiers keep their names: stack traces stay readable, errors are named after their
    // class (core/errors.ts). Minified names would save a third of the text but not memory: esbuild
    // then wraps each module in an arrow function, and V8 needs three times the memory to parse
    // those (about 14 MiB more malloc at start-up, which the process keeps).
    minifyWhitespace: true,
    minifySyntax: true,
    // esbuild's keepNames would pin every function's name with a call at start-up (2.5 MiB of
    // heap); without minified identifiers names change only where two modules declare the same
    // one, and checkOwnClassNames makes sure none of ours is among them.
    legalComments: 'none',
    sourcemap: true,
    // The map names the files in the repository instead of carrying their text.
    sourcesContent: false,
    external: EXTERNAL,
    plugins: [loadedOnFirstUse(), largeJsonFromDisk(outfile), oneCopyPerVersion()],
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  const output = (extension: string) => {
    const file = result.outputFiles.find((candidate) => candidate.path.endsWith(extension));
    if (!file) throw new Error(`esbuild wrote no ${extension} file`);
    return file.text;
  };
  const bundle = asciiSource(output('.js'), output('.js.map'));
  checkOwnClassNames(bundle.code, Object.keys(result.metafile.inputs));
  mkdirSync(path.dirname(outfile), { recursive: true });
  writeFileSync(outfile, bundle.code);
  writeFileSync(`${outfile}.map`, bundle.map);
}

/**
 * Fails the build when esbuild renamed one of the app's classes (it adds a number to the second
 * of two modules that declare the same name): domain errors take their name from their class, and
 * logs and stack traces would show the renamed one.
 *
 * @throws Error naming the renamed classes.
 */
function checkOwnClassNames(code: string, inputs: readonly string[]): void {
  const renamed = inputs
    .filter((input) => !input.includes('node_modules') && input.endsWith('.ts'))
    .flatMap((input) => [
      ...readFileSync(path.join(ROOT, input), 'utf8').matchAll(/\bclass (\w+)/g),
    ])
    .map((match) => match[1]!)
    .filter((name) => new RegExp(`\\b(?:class ${name}\\d+\\b|${name}\\d+=class\\b)`).test(code));
  if (renamed.length > 0) {
    throw new Error(
      `esbuild renamed ${[...new Set(renamed)].join(', ')} (another module declares the same ` +
        'name): rename ours, or bundle with keepNames',
    );
  }
}

/**
 * A dependency that a package requires when it loads but uses only in a feature this app does
 * not reach, or only on one configuration's path. The package gets a stand-in with the same
 * members, and the first use of one of them requires the real module.
 */
interface FirstUse {
  /** The package whose require is replaced. */
  readonly importer: string;
  readonly module: string;
  /** The members the importer reads, at use, not at load. */
  readonly members: readonly string[];
  /** Whether the stand-in says it is an ES module, so `__importDefault` takes it as it is. */
  readonly esModule?: boolean;
}

const LOADED_ON_FIRST_USE: readonly FirstUse[] = [
  // For the bot signing in by managed identity (MICROSOFT_APP_TYPE=UserAssignedMSI) only. Loaded
  // at start-up it would bring the identity library and its own MSAL (msal-node 3, beside the
  // connector's msal-node 2). Left out of the bundle as well (EXTERNAL).
  {
    importer: 'botframework-connector',
    module: '@azure/identity',
    members: ['DefaultAzureCredential'],
  },
  // For calling other bots as skills (BotFrameworkClientImpl); a Teams bot on CloudAdapter never
  // does. Still bundled, only not evaluated until used.
  { importer: 'botframework-connector', module: 'axios', members: ['default'], esModule: true },
  // For the connector's own token check (OpenIdMetadata), which teams/bot-framework-token.ts
  // replaces, and for the Bot Framework Emulator's API. node-fetch brings whatwg-url and tr46,
  // whose Unicode table alone holds 1.5 MiB of heap.
  {
    importer: 'botframework-connector',
    module: 'node-fetch',
    members: ['default'],
    esModule: true,
  },
  {
    importer: 'botframework-connector',
    module: 'cross-fetch',
    members: ['default'],
    esModule: true,
  },
];

function loadedOnFirstUse(): Plugin {
  return {
    name: 'loaded-on-first-use',
    setup(esbuild) {
      for (const [index, use] of LOADED_ON_FIRST_USE.entries()) {
        const importerFolder = `${path.sep}node_modules${path.sep}${use.importer}${path.sep}`;
        const filter = new RegExp(`^${use.module.replace(/[/.]/g, '\\$&')}$`);
        esbuild.onResolve({ filter }, (args) =>
          args.importer.includes(importerFolder) && args.namespace === 'file'
            ? {
                path: use.module,
                namespace: 'first-use',
                pluginData: { index, from: args.resolveDir },
              }
            : undefined,
        );
      }
      esbuild.onLoad({ filter: /.*/, namespace: 'first-use' }, (args) => {
        const { index, from } = args.pluginData as { index: number; from: string };
        const use = LOADED_ON_FIRST_USE[index]!;
        return {
          loader: 'js',
          // The real module is resolved from where the importer asked for it.
          resolveDir: from,
          contents: [
            'let real;',
            'module.exports = {',
            ...(use.esModule ? ['  __esModule: true,'] : []),
            ...use.members.map(
              (member) =>
                `  get ${member}() { real ??= require(${JSON.stringify(use.module)}); return real.${member}; },`,
            ),
            '};',
          ].join('\n'),
        };
      });
    },
  };
}

/**
 * npm nests a copy of a package under each dependent when the top-level slot holds another
 * version: zod 3 four times (botbuilder, botbuilder-core, botframework-schema,
 * botframework-connector; the app's own zod is 4), uuid 10 four times. Copies of one name and
 * version are the same files: the bundle takes each from the first of its install paths in
 * package-lock.json. Only packages without dependencies of their own are merged, so that no copy
 * starts seeing other versions of its dependencies.
 */
function oneCopyPerVersion(): Plugin {
  const firstCopy = firstCopies();
  return {
    name: 'one-copy-per-version',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'resolving' || args.namespace !== 'file') return undefined;
        const resolved = await esbuild.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'resolving',
        });
        // Left to esbuild, which lets an optional require inside a try stay unresolved.
        if (resolved.errors.length > 0) return undefined;
        if (resolved.external) return { path: resolved.path, external: true };
        const installed = path.relative(ROOT, resolved.path).split(path.sep);
        const at = installed.lastIndexOf('node_modules');
        const nameLength = installed[at + 1]?.startsWith('@') ? 2 : 1;
        const copy = installed.slice(0, at + 1 + nameLength).join('/');
        const first = firstCopy.get(copy);
        const inside = installed.slice(at + 1 + nameLength);
        const file =
          at < 0 || first === undefined
            ? resolved.path
            : path.join(ROOT, ...first.split('/'), ...inside);
        return { path: file, sideEffects: resolved.sideEffects };
      });
    },
  };
}

interface LockEntry {
  readonly version?: string;
  readonly dev?: boolean;
  readonly dependencies?: object;
  readonly peerDependencies?: object;
}

/** Each install path of a dependency-free package with other copies → the first of them. */
function firstCopies(): Map<string, string> {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const copies = new Map<string, string[]>();
  for (const [installPath, entry] of Object.entries(lock.packages)) {
    if (!installPath || !entry.version || entry.dependencies || entry.peerDependencies) continue;
    const name = installPath.slice(
      installPath.lastIndexOf('node_modules/') + 'node_modules/'.length,
    );
    const key = `${name}@${entry.version}`;
    copies.set(key, [...(copies.get(key) ?? []), installPath]);
  }
  // A production dependency's copy first: a development one is gone after `npm prune`.
  const order = (installPath: string) => `${lock.packages[installPath]?.dev ? 1 : 0}${installPath}`;
  const first = new Map<string, string>();
  for (const paths of copies.values()) {
    const [canonical] = paths.sort((a, b) => order(a).localeCompare(order(b)));
    for (const installPath of paths) first.set(installPath, canonical!);
  }
  return first;
}

/** Above this size a JSON file is read at run time instead of being bundled. */
const LARGE_JSON_BYTES = 16 * 1024;

/**
 * A JSON file bundled becomes a JavaScript literal: its text stays in the heap with the rest of
 * the bundle's source, and evaluating it makes V8 build a syntax tree of the whole literal first.
 * Node's loader reads a JSON file with JSON.parse and keeps only the values, so large ones (tr46's
 * Unicode table, mime-db's types) stay in node_modules, required by a path relative to the
 * bundle.
 */
function largeJsonFromDisk(outfile: string): Plugin {
  return {
    name: 'large-json-from-disk',
    setup(esbuild) {
      esbuild.onResolve({ filter: /\.json$/ }, async (args) => {
        if (args.pluginData === 'resolving') return undefined;
        const resolved = await esbuild.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'resolving',
        });
        if (resolved.errors.length > 0 || statSync(resolved.path).size <= LARGE_JSON_BYTES) {
          return undefined;
        }
        const fromBundle = path.relative(path.dirname(outfile), resolved.path);
        return { path: fromBundle.split(path.sep).join('/'), external: true };
      });
    },
  };
}

if (require.main === module) {
  bundleServer().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
