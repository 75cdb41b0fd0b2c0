import { AppPackageError } from './app-package-error';

/** What differs between deployments of the Teams app package. */
export interface AppPackageSettings {
  /** The Teams app's id: a GUID generated once and kept for every version of the app. */
  readonly appId: string;
  /** The Azure Bot's Microsoft app id; its Entra ID app registration also serves single sign-on. */
  readonly botId: string;
  /** The public host name that serves the bot and the side panel, e.g. `actions.example.org`. */
  readonly hostName: string;
  /** The package version, `major.minor.patch`; Teams wants it raised for every upload. */
  readonly version: string;
}

export type AppPackageSettingName = keyof AppPackageSettings;

/**
 * How each setting is given to `npm run package` and what to set it to. The environment names are
 * the ones the package script passes on as flags; this module never reads the environment.
 */
export const APP_PACKAGE_SETTINGS: Readonly<
  Record<AppPackageSettingName, { flag: string; environment: string; meaning: string }>
> = {
  appId: {
    flag: '--app-id',
    environment: 'TEAMS_APP_ID',
    meaning:
      'the Teams app id, a GUID you generate once (node -e "console.log(crypto.randomUUID())") and keep for every version',
  },
  botId: {
    flag: '--bot-id',
    environment: 'MICROSOFT_APP_ID',
    meaning: "the Azure Bot's app id (Microsoft App ID on the bot's Configuration page)",
  },
  hostName: {
    flag: '--host',
    environment: 'PUBLIC_HOST_NAME',
    meaning:
      'the public host name that serves the bot and the side panel over https, without https:// or a path, e.g. actions.example.org',
  },
  version: {
    flag: '--version',
    environment: 'TEAMS_APP_VERSION',
    meaning:
      'the app version, major.minor.patch such as 1.0.0; raise it for every package you upload',
  },
};

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
// The manifest schema's semver pattern: three numbers, no pre-release or build suffix.
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;

const FORMAT_CHECKS: Record<AppPackageSettingName, (value: string) => string | undefined> = {
  appId: (value) => (GUID.test(value) ? undefined : 'is not a GUID'),
  botId: (value) => (GUID.test(value) ? undefined : 'is not a GUID'),
  hostName: (value) =>
    HOST_NAME.test(value)
      ? undefined
      : 'is not a bare public host name (no https://, port or path; Teams needs a dotted name it can reach over https)',
  version: (value) => (VERSION.test(value) ? undefined : 'is not a version like 1.0.0'),
};

function label(name: AppPackageSettingName): string {
  const { environment, flag } = APP_PACKAGE_SETTINGS[name];
  return `${environment} (${flag})`;
}

/**
 * Checks the settings a package needs, naming every missing or malformed one.
 * @throws AppPackageError `missing-setting` when any is absent or blank, else `invalid-setting`.
 */
export function checkAppPackageSettings(
  settings: Partial<Record<AppPackageSettingName, string | undefined>>,
): AppPackageSettings {
  const names = Object.keys(APP_PACKAGE_SETTINGS) as AppPackageSettingName[];
  const values = Object.fromEntries(
    names.map((name) => [name, settings[name]?.trim() ?? '']),
  ) as Record<AppPackageSettingName, string>;

  const missing = names.filter((name) => values[name] === '');
  if (missing.length > 0) {
    throw new AppPackageError(
      'missing-setting',
      missing
        .map((name) => `${label(name)} is missing: set it to ${APP_PACKAGE_SETTINGS[name].meaning}`)
        .join('\n'),
    );
  }
  const invalid = names.flatMap((name) => {
    const problem = FORMAT_CHECKS[name](values[name]);
    return problem ? [`${label(name)} ${problem}: got "${values[name]}"`] : [];
  });
  if (invalid.length > 0) throw new AppPackageError('invalid-setting', invalid.join('\n'));

  return { ...values, hostName: values.hostName.toLowerCase() };
}
