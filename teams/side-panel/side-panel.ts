import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import type { ActionService } from '../../core/action-service';
import type { ConversationStore } from '../../core/conversation';
import type { AppConfig } from '../../host/config';
import { EntraTokenVerifier } from './entra-token';
import type { Log as Logger } from '../../core/log';
import type { MeetingActionsBot } from '../activity-router';
import { registerTabApi } from './tab-api';
import { registerTabPages } from './tab-pages';

export interface SidePanelDependencies {
  readonly config: AppConfig;
  readonly adapter: CloudAdapter;
  readonly bot: MeetingActionsBot;
  readonly service: ActionService;
  readonly conversations: ConversationStore;
  readonly log: Logger;
}

/**
 * The meeting side panel on the bot's server: its pages (`/tab`, `/tab/configure`,
 * `/tab/app.js`) and its API (`/api/tab/...`). With a sign-on app id the API accepts only Entra ID
 * tokens for it; without one only the local preview, from this machine.
 */
export function registerSidePanel(server: Server, deps: SidePanelDependencies): void {
  const { tab, botAuth } = deps.config;
  const verifier = tab.ssoAppId
    ? new EntraTokenVerifier({
        appId: tab.ssoAppId,
        extraAudiences: tab.publicHostName ? [`api://${tab.publicHostName}/${tab.ssoAppId}`] : [],
        authority: tab.entraAuthority,
        jwksUrl: tab.entraJwksUrl,
        keyFetchTimeoutMs: tab.keyFetchTimeoutMs,
        ...(botAuth?.appType === 'SingleTenant' && botAuth.tenantId
          ? { tenantId: botAuth.tenantId }
          : {}),
      })
    : undefined;
  deps.log.info(
    verifier
      ? `Side panel sign-on is ON for app id ${tab.ssoAppId}`
      : 'Side panel sign-on is OFF (no app id): local preview from localhost only',
  );
  registerTabPages(server, { signOnConfigured: verifier !== undefined, log: deps.log });
  registerTabApi(server, {
    adapter: deps.adapter,
    botAppId: botAuth?.appId ?? '',
    bot: deps.bot,
    service: deps.service,
    conversations: deps.conversations,
    ...(verifier ? { verifier } : {}),
    log: deps.log,
  });
}
