import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The repository's root, seen from bench/support/. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** What `npm run start:prod` runs: node's own flags, and the script, relative to the repository. */
export interface ProductionCommand {
  readonly nodeFlags: readonly string[];
  readonly script: string;
  /** The script line as package.json has it. */
  readonly line: string;
}

/**
 * The start:prod script of package.json, read so that a benchmark runs the production build
 * exactly as it is started, node flags included.
 *
 * @throws Error when the script is not `node [flags] <file>.js`.
 */
export function productionCommand(): ProductionCommand {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const line = manifest.scripts?.['start:prod'] ?? '';
  const [command, ...words] = line.trim().split(/\s+/);
  const script = words.find((word) => !word.startsWith('-'));
  if (command !== 'node' || !script || words.indexOf(script) !== words.length - 1) {
    throw new Error(`start:prod is "${line}"; this benchmark runs "node [flags] <file>.js"`);
  }
  return { nodeFlags: words.slice(0, -1), script, line };
}

/** What `npm run build` writes besides the compiled server: the side panel's bundle. */
const TAB_BUNDLE = path.join('dist', 'tab', 'app.js');

/** The folders `npm run build` compiles (tsconfig.build.json) or bundles (tab/). */
const SOURCE_FOLDERS = [
  'core',
  'storage',
  'mail',
  'cards',
  'documents',
  'host',
  'teams',
  'features',
  'cli',
  'manifest',
  'scripts',
  'tab',
];

/**
 * Runs `npm run build` unless dist/ is newer than every source file it is built from, so that a
 * benchmark of the production build measures today's code. Returns what it did, for the report.
 */
export function ensureProductionBuild(): string {
  const built = Math.min(mtimeOf(productionCommand().script), mtimeOf(TAB_BUNDLE));
  const newestSource = Math.max(...SOURCE_FOLDERS.map((folder) => newestTsFile(folder)));
  if (built > newestSource) return 'production build (dist/) up to date';
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
  return `production build (dist/) rebuilt by npm run build in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}

function mtimeOf(relative: string): number {
  const file = path.join(REPO_ROOT, relative);
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

function newestTsFile(relative: string): number {
  const folder = path.join(REPO_ROOT, relative);
  if (!existsSync(folder)) return 0;
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
