/**
 * The parts of botbuilder the app runs, each from the file that defines it. botbuilder's index
 * also loads what a Teams bot on CloudAdapter never uses — the legacy BotFrameworkAdapter, the
 * skills HTTP client with its own axios, the speech and SharePoint middleware with an HTML parser
 * — about 5 MiB resident in every process (bench/memory.bench.ts). These are the same modules the
 * index re-exports (botbuilder is pinned, 4.23.3, its core the same version), so `instanceof` and
 * types agree with code that imports `botbuilder`. Types are still imported from `botbuilder`:
 * type imports load nothing.
 */
export { CloudAdapter } from 'botbuilder/lib/cloudAdapter';
export { TeamsActivityHandler } from 'botbuilder/lib/teamsActivityHandler';
export { TeamsInfo } from 'botbuilder/lib/teamsInfo';
export {
  CallerIdConstants,
  CardFactory,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TurnContext,
} from 'botbuilder-core';
