import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppPackageError } from './app-package-error';
import { APP_PACKAGE_SETTINGS } from './app-package-settings';
import { packageApp } from './package-app';

// Read rather than imported, so a compiled build does not copy package.json into dist/.
const projectVersion = (
  JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

const USAGE = `Writes the Teams app package (the zip a user uploads to Teams).

Usage: tsx manifest/package-cli.ts --app-id <guid> --bot-id <guid> --host <host name>
                                   [--version <x.y.z>] [--out <file.zip>]

${Object.values(APP_PACKAGE_SETTINGS)
  .map(({ flag, meaning }) => `  ${flag.padEnd(10)} ${meaning}`)
  .join('\n')}
             (default: the version in package.json, ${projectVersion})
  --out      where to write the zip (default: dist/meeting-actions-<version>.zip)
`;

/**
 * `npm run package`: takes every setting as a flag (only host/config.ts reads the environment;
 * the npm script passes the environment's values on as flags). Exit code 0 with the zip's path,
 * 1 with the reason when a setting is missing or the manifest is invalid, 2 for bad usage.
 */
async function main(argv: readonly string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'app-id': { type: 'string' },
        'bot-id': { type: 'string' },
        host: { type: 'string' },
        version: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const text = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
  const version = text('version')?.trim() || projectVersion;
  const outFile = text('out')?.trim() || path.join('dist', `meeting-actions-${version}.zip`);
  try {
    const result = await packageApp(
      { appId: text('app-id'), botId: text('bot-id'), hostName: text('host'), version },
      outFile,
    );
    process.stdout.write(
      `Wrote ${result.outFile} (manifest ${result.manifest.version}, valid against ${result.manifest.$schema})\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AppPackageError) {
      process.stderr.write(`Cannot package the Teams app:\n${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
