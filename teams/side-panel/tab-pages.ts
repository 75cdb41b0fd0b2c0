import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Log as Logger } from '../../core/log';

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

/**
 * The panel's look: Teams' Fluent design, from the Fluent tokens the page sets for the Teams
 * theme (tab/theme.ts) — so light, dark and high contrast come from one set of rules — for the
 * page, and for the elements the Adaptive Cards renderer draws (`ac-*`). Usable from 320 px wide:
 * buttons wrap, inputs take the width, nothing scrolls sideways. The fallbacks are the light
 * theme's values, for the moment before the script has set the tokens.
 */
export const PANEL_CSS = `
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body {
    font-family: var(--fontFamilyBase, "Segoe UI", system-ui, sans-serif);
    font-size: var(--fontSizeBase300, 14px); line-height: var(--lineHeightBase300, 20px);
    margin: 0; padding: 12px; min-width: 0; overflow-x: hidden;
    color: var(--colorNeutralForeground1, #242424); background: var(--colorNeutralBackground2, #f5f5f5);
  }
  h1 { font-size: var(--fontSizeBase500, 20px); line-height: 28px; font-weight: 600; margin: 0; }
  h2 { font-size: var(--fontSizeBase400, 16px); font-weight: 600; margin: 0; }
  h3 { font-size: var(--fontSizeBase300, 14px); font-weight: 600; margin: 16px 0 6px;
       color: var(--colorNeutralForeground2, #424242); overflow-wrap: anywhere; }
  .panel-header { margin-bottom: 12px; }
  .subtitle { margin: 2px 0 0; color: var(--colorNeutralForeground3, #616161); overflow-wrap: anywhere; }
  .status { min-height: 20px; margin: 6px 0 0; color: var(--colorNeutralForeground2, #424242); }
  .panel-section { margin: 0 0 20px; }
  .section-heading { display: flex; align-items: center; gap: 8px; margin: 0 0 4px; }
  .empty { color: var(--colorNeutralForeground3, #616161); }
  ul.cards, ul.conversations { list-style: none; margin: 0; padding: 0; }
  ul.conversations > li { margin: 0 0 8px; }
  .card-surface {
    margin: 0 0 10px; border-radius: var(--borderRadiusLarge, 6px); overflow: hidden;
    background: var(--colorNeutralBackground1, #fff);
    border: var(--strokeWidthThin, 1px) solid var(--colorNeutralStroke2, #e0e0e0);
    box-shadow: var(--shadow2, 0 1px 2px rgba(0,0,0,.14));
  }
  .notice { padding: 8px 12px; border-left: 4px solid var(--colorBrandStroke1, #5b5fc7);
            background: var(--colorNeutralBackground1, #fff); border-radius: 4px; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .preview-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 0 0 12px;
                 padding: 6px 8px; border-radius: 6px; background: var(--colorNeutralBackground3, #f0f0f0); }
  .preview-bar > span { font-weight: 600; margin-right: 4px; }
  .conversation-form { display: grid; gap: 8px; }
  .hint { margin: 0; color: var(--colorNeutralForeground3, #616161); font-size: 12px; }

  /* The Adaptive Cards renderer's elements, as Teams draws its cards. */
  .ac-adaptiveCard { background: transparent !important; }
  .ac-textBlock, .ac-richTextBlock { overflow-wrap: anywhere; }
  .ac-actionSet { flex-wrap: wrap; gap: 8px 0; }
  .ac-pushButton {
    font: inherit; font-weight: 600; min-height: 32px; min-width: 64px; padding: 5px 12px;
    max-width: 100%; white-space: normal; overflow: visible !important; text-overflow: clip !important;
    color: var(--colorNeutralForeground1, #242424); background: var(--colorNeutralBackground1, #fff);
    border: var(--strokeWidthThin, 1px) solid var(--colorNeutralStroke1, #d1d1d1);
    border-radius: var(--borderRadiusMedium, 4px); cursor: pointer;
  }
  .ac-pushButton:hover { background: var(--colorNeutralBackground1Hover, #f5f5f5);
                         border-color: var(--colorNeutralStroke1Hover, #c7c7c7); }
  .ac-pushButton:active { background: var(--colorNeutralBackground1Pressed, #e0e0e0); }
  .ac-pushButton.style-positive, .ac-pushButton.primary {
    color: var(--colorNeutralForegroundOnBrand, #fff); background: var(--colorBrandBackground, #5b5fc7);
    border-color: transparent;
  }
  .ac-pushButton.style-positive:hover, .ac-pushButton.primary:hover { background: var(--colorBrandBackgroundHover, #4f52b2); }
  .ac-pushButton.style-destructive {
    color: var(--colorNeutralForegroundOnBrand, #fff); background: var(--colorPaletteRedBackground3, #c50f1f);
    border-color: transparent;
  }
  .ac-pushButton[aria-expanded="true"] {
    border-color: var(--colorCompoundBrandStroke, #5b5fc7);
    box-shadow: inset 0 -2px 0 var(--colorCompoundBrandStroke, #5b5fc7);
  }
  .ac-pushButton:focus-visible, .ac-input:focus-visible, .ac-input input:focus-visible {
    outline: var(--strokeWidthThick, 2px) solid var(--colorStrokeFocus2, #000); outline-offset: 1px;
  }
  .ac-input:not(.ac-toggleInput):not(.ac-choiceSetInput-multiSelect):not(.ac-choiceSetInput-expanded),
  .ac-choiceSetInput-filtered-textbox {
    font: inherit; width: 100%; min-height: 32px; padding: 5px 10px;
    color: var(--colorNeutralForeground1, #242424); background-color: var(--colorNeutralBackground1, #fff);
    border: var(--strokeWidthThin, 1px) solid var(--colorNeutralStroke1, #d1d1d1);
    border-bottom-color: var(--colorNeutralStrokeAccessible, #616161);
    border-radius: var(--borderRadiusMedium, 4px);
  }
  .ac-input.ac-multiline { min-height: 64px; resize: vertical; }
  /* A filtered choice is a dropdown: say so with Fluent's chevron. */
  input.ac-choiceSetInput-filtered {
    padding-right: 32px;
    background-image: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='12' height='12' viewBox='0 0 12 12'%3E%3Cpath d='M2.2 4.2a.75.75 0 0 1 1.06 0L6 6.94 8.74 4.2a.75.75 0 1 1 1.06 1.06L6.53 8.53a.75.75 0 0 1-1.06 0L2.2 5.26a.75.75 0 0 1 0-1.06Z' fill='%23707070'/%3E%3C/svg%3E");
    background-repeat: no-repeat; background-position: right 10px center;
  }
  .ac-input:focus { border-bottom: var(--strokeWidthThick, 2px) solid var(--colorCompoundBrandStroke, #5b5fc7); }
  .ac-input-validation-failed { border-color: var(--colorPaletteRedBorder2, #c50f1f) !important; }
  .ac-toggleInput input, .ac-choiceSetInput-multiSelect input, .ac-choiceSetInput-expanded input {
    accent-color: var(--colorCompoundBrandBackground, #5b5fc7); width: 16px; height: 16px;
  }
  .ac-choiceSetInput-filtered-dropdown { background: var(--colorNeutralBackground1, #fff);
    border: 1px solid var(--colorNeutralStroke1, #d1d1d1); border-radius: 4px; }
  .ac-choiceSetInput-choice-highlighted { background: var(--colorNeutralBackground1Hover, #f5f5f5); }
  [data-theme="contrast"] .ac-pushButton { border-width: 2px; }
`;

function pageHtml(kind: 'content' | 'configure', localPreview: boolean): string {
  const title = kind === 'content' ? 'Meeting actions' : 'Add Meeting actions to this meeting';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
${PANEL_CSS}
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

let bundle: Promise<Buffer> | undefined;

/**
 * The page's script, kept as bytes (outside the JavaScript heap). The production bundle
 * (`npm run start:prod`) serves the file `npm run build:tab` wrote beside it, dist/tab/app.js,
 * so production never loads esbuild. From the sources (`npm start`, the tests) it is bundled from
 * tab/main.ts on first use when esbuild is installed (a development dependency), so it follows
 * the code being edited.
 */
export function tabBundle(): Promise<Buffer> {
  bundle ??= loadBundle().catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  return bundle;
}

// From the sources this file is teams/side-panel/tab-pages.ts; in the production bundle it is
// part of dist/server/main.js (scripts/bundle-server.ts).
const COMPILED = __filename.endsWith('.js');

async function loadBundle(): Promise<Buffer> {
  // dist/tab/app.js from either place: dist/server/ (the bundle) or teams/side-panel/ (sources).
  const prebuilt = path.resolve(__dirname, '../../dist/tab/app.js');
  const found = existsSync(prebuilt);
  if (COMPILED && found) return readFile(prebuilt);
  const built = await buildBundle();
  if (built) return built;
  if (!found) {
    throw new Error('no side panel script: install esbuild or run `npm run build:tab` first');
  }
  return readFile(prebuilt);
}

/** The script bundled from tab/main.ts, or undefined without the sources or esbuild. */
async function buildBundle(): Promise<Buffer | undefined> {
  const entry = path.resolve(__dirname, '../../tab/main.ts');
  const esbuild = existsSync(entry) ? await import('esbuild').catch(() => undefined) : undefined;
  if (!esbuild) return undefined;
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
  return Buffer.from(output.contents);
}
