import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { AppPackageError } from '../../manifest/app-package-error';
import { buildManifest } from '../../manifest/build-manifest';
import { buildAppPackage, packageApp } from '../../manifest/package-app';

const settings = {
  appId: '0b3a5a4e-2c4f-4f7e-9b53-7d1e2f3a4b5c',
  botId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
  hostName: 'actions.example.org',
  version: '2.0.1',
};

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'app-package-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

async function failureOf(promise: Promise<unknown>): Promise<AppPackageError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppPackageError)) throw new Error(`expected an AppPackageError: ${error}`);
  return error;
}

describe('packageApp', () => {
  it('writes a zip holding exactly manifest.json, color.png (192×192) and outline.png (32×32, transparent)', async () => {
    const outFile = path.join(outDir, 'nested', 'app.zip');
    await packageApp(settings, outFile);

    const zip = await JSZip.loadAsync(await readFile(outFile));
    const names = Object.values(zip.files)
      .filter((entry) => !entry.dir)
      .map((entry) => entry.name)
      .sort();
    expect(names).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as unknown;
    expect(manifest).toEqual(buildManifest(settings));

    const color = PNG.sync.read(await zip.file('color.png')!.async('nodebuffer'));
    expect(color).toMatchObject({ width: 192, height: 192 });
    const outline = PNG.sync.read(await zip.file('outline.png')!.async('nodebuffer'));
    expect(outline).toMatchObject({ width: 32, height: 32, colorType: 6 });
    expect(outline.data.some((value, index) => index % 4 === 3 && value === 0)).toBe(true);
  });

  it('gives the same bytes for the same settings', async () => {
    const first = await buildAppPackage(settings);
    const second = await buildAppPackage(settings);
    expect(first.zip.equals(second.zip)).toBe(true);
  });

  it('refuses without the app id, naming the setting, and writes nothing', async () => {
    const outFile = path.join(outDir, 'app.zip');
    const error = await failureOf(packageApp({ ...settings, appId: undefined }, outFile));
    expect(error.code).toBe('missing-setting');
    expect(error.message).toMatch(
      /^TEAMS_APP_ID \(--app-id\) is missing: set it to the Teams app id/,
    );
    expect(existsSync(outFile)).toBe(false);
  });

  it('refuses without the host name, naming the setting', async () => {
    const error = await failureOf(buildAppPackage({ ...settings, hostName: '  ' }));
    expect(error.code).toBe('missing-setting');
    expect(error.message).toMatch(
      /^PUBLIC_HOST_NAME \(--host\) is missing: set it to the public host name/,
    );
  });

  it('names every missing setting at once', async () => {
    const error = await failureOf(buildAppPackage({ version: '1.0.0' }));
    expect(error.message.split('\n').map((line) => line.split(' ')[0])).toEqual([
      'TEAMS_APP_ID',
      'MICROSOFT_APP_ID',
      'PUBLIC_HOST_NAME',
    ]);
  });

  it.each([
    ['botId', 'not-a-guid', /MICROSOFT_APP_ID \(--bot-id\) is not a GUID/],
    [
      'hostName',
      'https://actions.example.org/',
      /PUBLIC_HOST_NAME \(--host\) is not a bare public host name/,
    ],
    ['hostName', 'localhost:3978', /PUBLIC_HOST_NAME \(--host\) is not a bare public host name/],
    ['version', '1.0', /TEAMS_APP_VERSION \(--version\) is not a version like 1.0.0/],
  ])('refuses a malformed %s (%s)', async (name, value, message) => {
    const error = await failureOf(buildAppPackage({ ...settings, [name]: value }));
    expect(error.code).toBe('invalid-setting');
    expect(error.message).toMatch(message);
  });

  it('writes the host name in lower case, as Teams compares domains', async () => {
    const { manifest } = await buildAppPackage({ ...settings, hostName: 'Actions.Example.ORG' });
    expect(manifest.validDomains).toEqual(['actions.example.org']);
  });
});
