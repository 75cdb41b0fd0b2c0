import { AppManifestUtils } from '@microsoft/app-manifest';
import type { TeamsAppManifest } from './build-manifest';

/**
 * Checks a manifest against the official JSON schema named by its `$schema` (bundled with
 * `@microsoft/app-manifest`, which reads it from disk: no network), then against the
 * cross-references between its parts that no schema can see. Returns the problems; empty when valid.
 */
export async function validateManifest(manifest: TeamsAppManifest): Promise<string[]> {
  const schemaProblems = await AppManifestUtils.validateAgainstSchema(manifest);
  return [...schemaProblems, ...checkCrossReferences(manifest)];
}

/** What Teams needs to hold together at run time, beyond the shape the schema checks. */
export function checkCrossReferences(manifest: TeamsAppManifest): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };

  const botIds = new Set(manifest.bots.map((bot) => bot.botId));
  manifest.bots.forEach((bot, b) =>
    (bot.commandLists ?? []).forEach((list, l) =>
      check(
        list.scopes.every((scope) => bot.scopes.includes(scope)),
        `/bots/${b}/commandLists/${l} lists a scope the bot is not installed in`,
      ),
    ),
  );
  manifest.composeExtensions.forEach((extension, e) =>
    check(
      extension.botId !== undefined && botIds.has(extension.botId),
      `/composeExtensions/${e}/botId is not the bot's id: the bot receives the extension's invokes`,
    ),
  );

  const { id, resource = '' } = manifest.webApplicationInfo;
  const resourceHost = /^api:\/\/([^/]+)\//.exec(resource)?.[1];
  check(
    resourceHost !== undefined && manifest.validDomains.includes(resourceHost),
    `/webApplicationInfo/resource "${resource}" must be api://<a valid domain>/<app id> for single sign-on`,
  );
  check(
    resource.endsWith(`/${id}`),
    `/webApplicationInfo/resource "${resource}" must end with the app id ${id}`,
  );

  manifest.configurableTabs.forEach((tab, t) => {
    const url = new URL(tab.configurationUrl ?? '', 'invalid:/');
    check(url.protocol === 'https:', `/configurableTabs/${t}/configurationUrl must use https`);
    check(
      manifest.validDomains.includes(url.hostname),
      `/configurableTabs/${t}/configurationUrl host ${url.hostname} is not in validDomains`,
    );
  });
  return problems;
}
