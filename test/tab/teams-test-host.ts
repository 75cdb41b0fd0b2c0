import type { BrowserContext, Page } from 'playwright-core';

/** Where the browser tests serve the test host and the panel (both routed, never on the network). */
export const HOST_ORIGIN = 'https://teams.microsoft.com';
export const PANEL_ORIGIN = 'https://panel.test';
const VALID_DOMAINS_URL = 'https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json';

/** What the test host tells the panel through teams-js. */
export interface TestHostContext {
  readonly chatId: string;
  readonly meetingId: string;
  readonly tenantId: string;
  readonly userObjectId: string;
  /** As Teams names the user in the tab's context. */
  readonly userName?: string;
  /** The Teams theme the panel opens in: `default` (light), `dark` or `contrast`. */
  readonly theme?: string;
  /** The side panel's width in pixels (Teams' side panel is 320). */
  readonly width?: number;
  readonly height?: number;
}

/**
 * The Teams side of the teams-js postMessage protocol, enough for a side panel: it answers
 * `initialize` (frame context `sidePanel`, a Teams runtime by version), `getContext` (the
 * meeting's chat and meeting ids, tenant, user and theme) and `authentication.getAuthToken` (a
 * token from the test, signed by the local key set). Requests are `{id, uuidAsString, func,
 * args}`; answers are `{id, uuidAsString, args}` posted back to the frame. `window.changeTheme(t)`
 * sends the frame Teams' `themeChange` event, as Teams does when the user switches theme.
 */
function hostHtml(context: TestHostContext, panelPath: string): string {
  return `<!doctype html><html lang="en"><head><title>Test Teams host</title></head><body>
<iframe id="panel" title="Meeting actions side panel" src="${PANEL_ORIGIN}${panelPath}" style="width:${context.width ?? 420}px;height:${context.height ?? 900}px;border:0"></iframe>
<script>
const context = ${JSON.stringify(context)};
const frame = document.getElementById('panel');
window.hostCalls = [];
window.changeTheme = (theme) => frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, '${PANEL_ORIGIN}');
window.addEventListener('message', async (event) => {
  if (event.source !== frame.contentWindow) return;
  const request = event.data;
  if (!request || typeof request.func !== 'string') return;
  window.hostCalls.push(request.func);
  const reply = (args) => frame.contentWindow.postMessage(
    { id: request.id, uuidAsString: request.uuidAsString, args }, event.origin);
  switch (request.func) {
    case 'initialize': return reply(['sidePanel', 'web', '2.0.0']);
    case 'getContext': return reply([{ chatId: context.chatId, meetingId: context.meetingId,
      tid: context.tenantId, userObjectId: context.userObjectId, userDisplayName: context.userName,
      locale: 'en-gb', theme: context.theme ?? 'default',
      frameContext: 'sidePanel', hostClientType: 'web' }]);
    case 'authentication.getAuthToken': return reply([true, await window.testToken()]);
    default: return reply([]);
  }
});
</script></body></html>`;
}

/**
 * Routes the browser context: the test host at https://teams.microsoft.com (an origin teams-js
 * trusts), the panel at https://panel.test proxied to the app under test (so both are https, as in
 * Teams), teams-js's valid-domains list stubbed, and every other request aborted.
 */
export async function routeTeamsTestHost(
  context: BrowserContext,
  appUrl: string,
  host: TestHostContext,
  panelPath = '/tab',
): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.href === VALID_DOMAINS_URL) {
      return route.fulfill({
        json: { validOrigins: ['teams.microsoft.com', '*.teams.microsoft.com'] },
      });
    }
    if (url.origin === HOST_ORIGIN && url.pathname === '/test-host') {
      return route.fulfill({ contentType: 'text/html', body: hostHtml(host, panelPath) });
    }
    if (url.origin === PANEL_ORIGIN) {
      const response = await route.fetch({ url: `${appUrl}${url.pathname}${url.search}` });
      return route.fulfill({ response });
    }
    return route.abort('blockedbyclient');
  });
}

/** Opens the test host; the panel is its only frame. */
export async function openInTestHost(page: Page) {
  await page.goto(`${HOST_ORIGIN}/test-host`);
  const frame = page.frameLocator('#panel');
  return frame;
}
