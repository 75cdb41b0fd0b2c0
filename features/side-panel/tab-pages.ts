import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../host/logger';

/** Where the bot's server serves the side panel. The manifest points at the configuration page. */
export const TAB_PATHS = {
  content: '/tab',
  configure: '/tab/configure',
  script: '/tab/app.js',
} as const;

export interface TabPagesOptions {
  /** True when single sign-on is configured; without it the page offers the local preview. */
  readonly signOnConfigured: boolean;
  readonly log: Logger;
}

// Teams (classic and new), Outlook and Microsoft 365 host tabs; nobody else may frame the page.
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.skype.com',
].join(' ');

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The Adaptive Cards renderer styles elements inline.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  // teams-js fetches its list of valid host origins from this CDN.
  "connect-src 'self' https://res.cdn.office.net",
  `frame-ancestors ${FRAME_ANCESTORS}`,
].join('; ');

/**
 * The side panel's pages: the panel itself, the configuration page Teams shows when the tab is
 * added (it saves the panel's address with teams-js `pages.config`), and the page's script.
 */
export function registerTabPages(server: Server, options: TabPagesOptions): void {
  // Warm the bundle so the first person to open the panel does not wait for it.
  tabBundle().catch((error: unknown) =>
    options.log.warn({ err: error }, 'the side panel script could not be built'),
  );
  const page = (kind: 'content' | 'configure') => async (req: Request, res: Response) => {
    const localPreview = !options.signOnConfigured && isLocalRequest(req);
    res.header('Content-Type', 'text/html; charset=utf-8');
    res.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.header('Cache-Control', 'no-cache');
    res.header('X-Content-Type-Options', 'nosniff');
    res.sendRaw(200, pageHtml(kind, localPreview));
  };
  server.get(TAB_PATHS.content, page('content'));
  server.get(TAB_PATHS.configure, page('configure'));
  server.get(TAB_PATHS.script, async (_req: Request, res: Response) => {
    try {
      const script = await tabBundle();
      res.header('Content-Type', 'text/javascript; charset=utf-8');
      res.header('Cache-Control', 'no-cache');
      res.header('X-Content-Type-Options', 'nosniff');
      res.sendRaw(200, script);
    } catch (error) {
      options.log.error({ err: error }, 'the side panel script is not available');
      res.header('Content-Type', 'text/plain; charset=utf-8');
      res.sendRaw(503, 'The side panel script is not available on this server.');
    }
  });
}

/**
 * True for a request from this machine to a loopback name: the only place the local preview (no
 * sign-on) is offered. The Host header is checked too, so a page on another site cannot reach the
 * preview through a DNS name that resolves to 127.0.0.1.
 */
export function isLocalRequest(req: Request): boolean {
  const remote = req.socket?.remoteAddress ?? '';
  const loopback = remote === '::1' || remote.startsWith('127.') || remote === '::ffff:127.0.0.1';
  const host = (req.header('Host') ?? '').replace(/:\d+$/, '').toLowerCase();
  return loopback && ['localhost', '127.0.0.1', '[::1]'].includes(host);
}

function pageHtml(kind: 'content' | 'configure', localPreview: boolean): string {
  const title = kind === 'content' ? 'Meeting actions' : 'Add Meeting actions to this meeting';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; margin: 0; padding: 12px; color: #242424; background: #fff; }
  h1 { font-size: 1.25rem; margin: 0 0 8px; }
  h2 { font-size: 1.1rem; margin: 20px 0 8px; }
  h3 { font-size: 1rem; margin: 16px 0 6px; color: #424242; }
  ul.cards { list-style: none; margin: 0; padding: 0; }
  ul.cards > li { margin: 0 0 10px; border: 1px solid #d1d1d1; border-radius: 6px; overflow: hidden; }
  .form-card { border: 1px solid #d1d1d1; border-radius: 6px; overflow: hidden; }
  .notice { padding: 8px 12px; border-left: 4px solid #5b5fc7; background: #f5f5f5; }
  .status { min-height: 1.2em; margin: 6px 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  button { font: inherit; padding: 4px 12px; }
</style>
<script src="${TAB_PATHS.script}" defer></script>
</head>
<body data-page="${kind}" data-local-preview="${localPreview ? 'true' : 'false'}">
<main id="app" aria-busy="true"><h1>${title}</h1><p>Loading…</p></main>
<noscript>This page needs JavaScript, and is meant to be opened in Microsoft Teams.</noscript>
</body>
</html>
`;
}

let bundle: Promise<string> | undefined;

/**
 * The page's script. With esbuild installed (a development dependency: `npm start`, the tests)
 * it is bundled from tab/main.ts on first use and kept; otherwise (production after
 * `npm prune --omit=dev`) the file `npm run build:tab` wrote to dist/tab/app.js is served.
 */
export function tabBundle(): Promise<string> {
  bundle ??= buildBundle().catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  return bundle;
}

async function buildBundle(): Promise<string> {
  // From the sources __dirname is features/side-panel/; compiled, dist/features/side-panel/.
  const entry = [
    path.resolve(__dirname, '../../tab/main.ts'),
    path.resolve(__dirname, '../../../tab/main.ts'),
  ].find(existsSync);
  const esbuild = entry ? await import('esbuild').catch(() => undefined) : undefined;
  if (esbuild && entry) {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error('esbuild wrote no side panel script');
    return output.text;
  }
  const prebuilt = [
    path.resolve(__dirname, '../../tab/app.js'),
    path.resolve(__dirname, '../../dist/tab/app.js'),
  ].find(existsSync);
  if (!prebuilt) {
    throw new Error('no side panel script: install esbuild or run `npm run build:tab` first');
  }
  return readFile(prebuilt, 'utf8');
}
