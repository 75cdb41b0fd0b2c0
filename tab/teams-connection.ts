import { app, authentication } from '@microsoft/teams-js';
import { teamsThemeOf, type TeamsTheme } from './theme';

/** How long a framing page gets to answer teams-js before we say this is not Teams. */
export const INITIALIZE_TIMEOUT_MS = 3000;

/** Where the page runs: in Teams (with the meeting's context), or not. */
export type Connection =
  | {
      readonly kind: 'teams';
      readonly conversationId?: string;
      readonly meetingId?: string;
      /** A fresh single sign-on token (Teams caches and renews it). */
      readonly token: () => Promise<string>;
      /** The Teams theme when the panel opened. */
      readonly theme: TeamsTheme;
      /** Calls `handler` whenever the user switches Teams to another theme. */
      readonly onThemeChange: (handler: (theme: TeamsTheme) => void) => void;
      /** The signed-in user, as Teams names them (the people picker offers them first). */
      readonly user?: { readonly aadObjectId: string; readonly name: string };
    }
  | { readonly kind: 'outside'; readonly reason: 'notFramed' | 'noAnswer' };

/**
 * Connects to Teams. At top level (no parent window, no opener) teams-js cannot work, so we say
 * so at once; inside a frame we race `app.initialize()` against a short timeout, because a
 * non-Teams host never answers and teams-js would wait 60 seconds.
 */
export async function connectToTeams(): Promise<Connection> {
  if (window.parent === window && !window.opener) return { kind: 'outside', reason: 'notFramed' };
  let timer: number | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = window.setTimeout(() => resolve('timeout'), INITIALIZE_TIMEOUT_MS);
  });
  const initialized = app.initialize().then(
    () => 'ok' as const,
    () => 'failed' as const,
  );
  const result = await Promise.race([initialized, timedOut]);
  window.clearTimeout(timer);
  if (result !== 'ok') return { kind: 'outside', reason: 'noAnswer' };
  const context = await app.getContext();
  app.notifySuccess().catch(() => undefined);
  return {
    kind: 'teams',
    ...(context.chat?.id || context.channel?.id
      ? { conversationId: context.chat?.id ?? context.channel?.id }
      : {}),
    ...(context.meeting?.id ? { meetingId: context.meeting.id } : {}),
    token: () => authentication.getAuthToken(),
    theme: teamsThemeOf(context.app.theme),
    onThemeChange: (handler) =>
      app.registerOnThemeChangeHandler((theme) => handler(teamsThemeOf(theme))),
    ...(context.user?.id && context.user.displayName
      ? { user: { aadObjectId: context.user.id, name: context.user.displayName } }
      : {}),
  };
}
