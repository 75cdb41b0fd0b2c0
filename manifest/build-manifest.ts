import type { TeamsManifestV1D30 } from '@microsoft/app-manifest';
import { COMMANDS, UNLISTED_COMMANDS, type CommandName } from '../core/commands';
import type { AppPackageSettings } from './app-package-settings';
import { ACCENT_COLOR, ICON_FILES } from './icons';
import { CREATE_ACTION_COMMAND_ID } from './message-extension-commands';

/**
 * The newest manifest schema that `@microsoft/app-manifest` bundles, so validation runs offline.
 * 1.24 or later is needed anyway: it raised the bot's command list limit from 10 to 12. The bot has
 * more commands than that; those in `UNLISTED_COMMANDS` are typed, not picked from the menu.
 */
export const MANIFEST_VERSION = '1.30' as const;
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/** Where the bot's server serves the side panel's configuration page (it sets the tab's content URL). */
export const SIDE_PANEL_CONFIGURATION_PATH = '/tab/configure';

type BotScope = TeamsManifestV1D30.CommandListScope;
type RscPermission = TeamsManifestV1D30.ResourceSpecific;

/**
 * The resource-specific consent the app asks for when it is added to a team or a meeting chat, and
 * why. Each one is granted per team or chat by whoever installs the app, so ask for no more.
 * Left out on purpose: `ChatMessage.Read.Chat` / `ChannelMessage.Read.Group` (every message in the
 * chat, not only those that @mention the bot). The bot acts on @mentions, which it receives
 * without RSC, and "Create action" gets the chosen message in its invoke.
 */
export const RESOURCE_SPECIFIC_PERMISSIONS: readonly (Readonly<RscPermission> & {
  readonly why: string;
})[] = [
  {
    name: 'OnlineMeeting.ReadBasic.Chat',
    type: 'Application',
    why: 'meeting start and end events for meetings with a chat (scheduled, instant, group-chat meetings): they move a meeting to "in progress" and "ended"',
  },
  {
    name: 'ChannelMeeting.ReadBasic.Group',
    type: 'Application',
    why: "the same start and end events for meetings held in a team's channel, where committees usually meet",
  },
  {
    name: 'OnlineMeetingParticipant.Read.Chat',
    type: 'Application',
    why: "a participant's meeting role (TeamsInfo.getMeetingParticipant): the organizer and co-organizers act as chairs",
  },
  {
    name: 'ChannelMeetingParticipant.Read.Group',
    type: 'Application',
    why: 'participant roles in channel meetings, which the chat-scoped permission above does not cover',
  },
];

/**
 * Commands offered in personal chat: an owner's own actions and reminders. The others need a
 * group or a meeting, which a personal chat does not have; they are listed in team and group chat.
 */
/** The commands the menu of a team or group chat offers: all but the unlisted. */
export const MENU_COMMANDS: readonly CommandName[] = COMMANDS.map((command) => command.name).filter(
  (name) => !UNLISTED_COMMANDS.includes(name),
);

export const PERSONAL_CHAT_COMMANDS: readonly CommandName[] = ['help', 'mine', 'overdue', 'show'];

type OfficialManifest = TeamsManifestV1D30.TeamsManifestV1D30;

/** The official 1.30 manifest type, with the parts this app always fills in made required. */
export type TeamsAppManifest = OfficialManifest &
  Required<
    Pick<
      OfficialManifest,
      | '$schema'
      | 'bots'
      | 'composeExtensions'
      | 'configurableTabs'
      | 'validDomains'
      | 'webApplicationInfo'
      | 'authorization'
    >
  >;

/**
 * The Application ID URI that single sign-on tokens for the side panel are issued for. Set it on
 * the bot's Entra ID app registration ("Expose an API"); the panel's API expects it as audience.
 */
export function singleSignOnResource(hostName: string, botId: string): string {
  return `api://${hostName}/${botId}`;
}

function commandList(
  scopes: BotScope[],
  names: readonly CommandName[],
): TeamsManifestV1D30.CommandList {
  return {
    scopes,
    commands: COMMANDS.filter((command) => names.includes(command.name)).map((command) => ({
      title: command.name,
      description: command.description,
    })),
  };
}

/** The Teams app manifest for one deployment. Its bot commands come from `COMMANDS`. */
export function buildManifest(settings: AppPackageSettings): TeamsAppManifest {
  const { appId, botId, hostName, version } = settings;
  const origin = `https://${hostName}`;
  return {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version,
    id: appId,
    developer: {
      name: 'Meeting Actions',
      websiteUrl: `${origin}/`,
      privacyUrl: `${origin}/privacy`,
      termsOfUseUrl: `${origin}/terms`,
    },
    name: { short: 'Meeting Actions', full: 'Meeting Actions for committees and advisory groups' },
    description: {
      short: 'Capture meeting actions, remind their owners, issue the headline report',
      full:
        'Members capture actions and key discussion items while the meeting runs, from the chat, ' +
        'the meeting side panel or any chat message. Every action gets a stable reference such as ' +
        'CCAG03-01; owners get reminder cards before and after the due date and update or close ' +
        "the action from the card; the chair issues the meeting's headline report to the channel " +
        'and as a Word, HTML or Markdown document.',
    },
    icons: { color: ICON_FILES.color, outline: ICON_FILES.outline },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId,
        scopes: ['team', 'groupChat', 'personal'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          commandList(['team', 'groupChat'], MENU_COMMANDS),
          commandList(['personal'], PERSONAL_CHAT_COMMANDS),
        ],
      },
    ],
    composeExtensions: [
      {
        botId,
        composeExtensionType: 'botBased',
        commands: [
          {
            id: CREATE_ACTION_COMMAND_ID,
            type: 'action',
            title: 'Create action',
            description: 'Turn this message into a meeting action',
            context: ['message'],
            fetchTask: true,
          },
        ],
      },
    ],
    configurableTabs: [
      {
        configurationUrl: `${origin}${SIDE_PANEL_CONFIGURATION_PATH}`,
        canUpdateConfiguration: true,
        scopes: ['team', 'groupChat'],
        context: ['meetingSidePanel', 'meetingChatTab', 'meetingDetailsTab'],
        meetingSurfaces: ['sidePanel'],
      },
    ],
    validDomains: [hostName],
    webApplicationInfo: { id: botId, resource: singleSignOnResource(hostName, botId) },
    authorization: {
      permissions: {
        resourceSpecific: RESOURCE_SPECIFIC_PERMISSIONS.map(({ name, type }) => ({ name, type })),
      },
    },
    defaultGroupCapability: { team: 'bot', groupchat: 'bot', meetings: 'tab' },
  };
}
