import { existsSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS, UNLISTED_COMMANDS } from '../../core/commands';
import {
  buildManifest,
  MANIFEST_SCHEMA_URL,
  PERSONAL_CHAT_COMMANDS,
  type TeamsAppManifest,
} from '../../manifest/build-manifest';
import { CREATE_ACTION_COMMAND_ID } from '../../manifest/message-extension-commands';
import { validateManifest } from '../../manifest/validate-manifest';

const settings = {
  appId: '0b3a5a4e-2c4f-4f7e-9b53-7d1e2f3a4b5c',
  botId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
  hostName: 'actions.example.org',
  version: '1.4.0',
};

describe('the Teams app manifest', () => {
  const manifest = buildManifest(settings);
  const bot = manifest.bots[0];

  it('is valid against the official schema it names, read from disk without any network', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    try {
      const bundledSchema = path.join(
        path.dirname(require.resolve('@microsoft/app-manifest')),
        new URL(MANIFEST_SCHEMA_URL).pathname,
      );
      expect(existsSync(bundledSchema)).toBe(true);
      expect(await validateManifest(manifest)).toEqual([]);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('fails validation when it breaks the schema (so the check above is not vacuous)', async () => {
    const tooLongTitle = 'Create an action from this chat message';
    const broken = {
      ...manifest,
      composeExtensions: [
        {
          ...manifest.composeExtensions[0],
          commands: [{ id: CREATE_ACTION_COMMAND_ID, title: tooLongTitle }],
        },
      ],
    } as TeamsAppManifest;
    const problems = await validateManifest(broken);
    expect(problems.join('\n')).toMatch(/composeExtensions\/0\/commands\/0\/title/);
  });

  it('lists every bot command but the unlisted, and nothing that is not a bot command', () => {
    const listed = new Set(
      (bot?.commandLists ?? []).flatMap((list) => list.commands.map((command) => command.title)),
    );
    expect([...listed].sort()).toEqual(
      COMMANDS.map((command) => command.name)
        .filter((name) => !UNLISTED_COMMANDS.includes(name))
        .sort(),
    );
    // Teams' menu holds 12 commands; the others are typed (the help card lists them all).
    expect(listed.size).toBeLessThanOrEqual(12);
  });

  it("describes each command with the bot's own description", () => {
    for (const list of bot?.commandLists ?? []) {
      for (const command of list.commands) {
        const source = COMMANDS.find((candidate) => candidate.name === command.title);
        expect(command.description).toBe(source?.description);
      }
    }
  });

  it('offers every command in teams and group chats, and the owner commands in personal chat', () => {
    expect(bot?.scopes).toEqual(['team', 'groupChat', 'personal']);
    expect(bot?.supportsFiles).toBe(false);
    const byScope = (scope: string) =>
      bot?.commandLists
        ?.find((list) => list.scopes.includes(scope as 'team'))
        ?.commands.map((command) => command.title);
    expect(byScope('team')).toHaveLength(COMMANDS.length - UNLISTED_COMMANDS.length);
    expect(byScope('groupChat')).toHaveLength(COMMANDS.length - UNLISTED_COMMANDS.length);
    expect(byScope('personal')).toEqual([...PERSONAL_CHAT_COMMANDS]);
  });

  it('has a "Create action" message action whose id is the one the bot handles', () => {
    const [extension] = manifest.composeExtensions;
    expect(extension?.botId).toBe(settings.botId);
    expect(extension?.commands).toEqual([
      expect.objectContaining({
        id: CREATE_ACTION_COMMAND_ID,
        type: 'action',
        title: 'Create action',
        context: ['message'],
        fetchTask: true,
      }),
    ]);
    expect(CREATE_ACTION_COMMAND_ID).toBe('createAction');
  });

  it('puts the side panel in meetings of teams and group chats, served from the host', () => {
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({
        configurationUrl: 'https://actions.example.org/tab/configure',
        scopes: ['team', 'groupChat'],
        context: ['meetingSidePanel', 'meetingChatTab', 'meetingDetailsTab'],
      }),
    ]);
  });

  it('asks for meeting events and participant roles, and not for every chat message', () => {
    const names = (manifest.authorization.permissions?.resourceSpecific ?? []).map((p) => p.name);
    expect(names).toEqual([
      'OnlineMeeting.ReadBasic.Chat',
      'ChannelMeeting.ReadBasic.Group',
      'OnlineMeetingParticipant.Read.Chat',
      'ChannelMeetingParticipant.Read.Group',
    ]);
    expect(names).not.toContain('ChatMessage.Read.Chat');
  });

  it("sets up single sign-on on the bot's app registration at api://<host>/<bot id>", () => {
    expect(manifest.webApplicationInfo).toEqual({
      id: settings.botId,
      resource: `api://actions.example.org/${settings.botId}`,
    });
    expect(manifest.validDomains).toEqual(['actions.example.org']);
  });

  it('fills in the app id and version from the settings', () => {
    expect(manifest).toMatchObject({ id: settings.appId, version: '1.4.0' });
  });
});
