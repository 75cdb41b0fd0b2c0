import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { AppPackageError } from './app-package-error';
import {
  checkAppPackageSettings,
  type AppPackageSettingName,
  type AppPackageSettings,
} from './app-package-settings';
import { buildManifest, type TeamsAppManifest } from './build-manifest';
import { ICON_FILES } from './icons';
import { validateManifest } from './validate-manifest';

export interface AppPackageOptions {
  /** Folder holding `color.png` and `outline.png`; the `manifest/` source folder by default. */
  readonly iconsDir?: string;
}

export interface AppPackage {
  readonly manifest: TeamsAppManifest;
  /** The zip to upload to Teams: manifest.json, color.png and outline.png at its root. */
  readonly zip: Buffer;
}

// A fixed timestamp for every entry, so the same settings always give the same zip.
const ENTRY_DATE = new Date(Date.UTC(2024, 0, 1));

/**
 * Builds the Teams app package in memory: fills the manifest in from the settings, validates it
 * and zips it with the icons.
 * @throws AppPackageError naming each missing or bad setting, or listing the manifest's problems.
 */
export async function buildAppPackage(
  settings: Partial<Record<AppPackageSettingName, string | undefined>>,
  options: AppPackageOptions = {},
): Promise<AppPackage> {
  const manifest = buildManifest(checkAppPackageSettings(settings));
  const problems = await validateManifest(manifest);
  if (problems.length > 0) {
    throw new AppPackageError(
      'invalid-manifest',
      `The app manifest is not valid:\n  - ${problems.join('\n  - ')}`,
    );
  }

  const iconsDir = options.iconsDir ?? __dirname;
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: ENTRY_DATE });
  for (const icon of [ICON_FILES.color, ICON_FILES.outline]) {
    zip.file(icon, await readFile(path.join(iconsDir, icon)), { date: ENTRY_DATE });
  }
  return {
    manifest,
    zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
  };
}

/**
 * Writes the Teams app package to `outFile` (creating its folder), ready to upload to Teams.
 * @throws AppPackageError as {@link buildAppPackage}; nothing is written then.
 */
export async function packageApp(
  settings: Partial<Record<AppPackageSettingName, string | undefined>>,
  outFile: string,
  options: AppPackageOptions = {},
): Promise<AppPackage & { readonly outFile: string }> {
  const appPackage = await buildAppPackage(settings, options);
  const resolved = path.resolve(outFile);
  await mkdir(path.dirname(resolved), { recursive: true });
  await writeFile(resolved, appPackage.zip);
  return { ...appPackage, outFile: resolved };
}

export type { AppPackageSettings };
