import { TestAdapter, type Activity } from 'botbuilder';
import { UNKNOWN_COMMAND_REPLY } from '../../teams/activity-router';
import { COMMANDS } from '../../core/commands';
import { HELP_CARD_TITLE } from '../../cards/help-card';
import type { TableConversationStore } from '../../storage/table-conversation-store';
import type { TableStorage } from '../../storage/table-storage';
import {
  ADA,
  GRACE,
  PERSONAL_CHAT_ID,
  SURFACES,
  botAdded,
  installed,
  message,
  userAdded,
} from '../support/activities';
import { expectValidCard } from '../support/card-validator';
import { CapturedLog } from '../support/test-app';
import { botOn, reportServiceOn, servicesOn } from '../support/test-services';
import { freshTableStorage } from '../support/test-storage';

// The turn has finished when assertNoReply runs, so a short wait suffices.
const NO_REPLY_WAIT_MS = 100;

describe('MeetingActionsBot (TestAdapter)', () => {
  let storage: TableStorage;

  beforeEach(async () => {
    storage = await freshTableStorage();
  });

  function newBot(): { adapter: TestAdapter; conversations: TableConversationStore } {
    const services = servicesOn(storage);
    const bot = botOn(services, reportServiceOn(storage, services), new CapturedLog().logger);
    return {
      adapter: new TestAdapter((context) => bot.run(context)),
      conversations: services.conversations,
    };
  }

  function cardOf(reply: Partial<Activity>): Record<string, unknown> {
    const attachment = reply.attachments?.[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    return attachment?.content as Record<string, unknown>;
  }

  it.each(SURFACES)('answers help in %s with a card listing every command', async (surface) => {
    const { adapter } = newBot();
    await adapter
      .send(message('help', surface) as Partial<Activity>)
      .assertReply((reply) => {
        const card = cardOf(reply);
        expectValidCard(card);
        const text = JSON.stringify(card);
        expect(text).toContain(HELP_CARD_TITLE);
        for (const command of COMMANDS) expect(text).toContain(JSON.stringify(command.usage));
      })
      .assertNoReply('no further reply', NO_REPLY_WAIT_MS);
  });

  it('ignores case and surrounding space in a command', async () => {
    const { adapter } = newBot();
    await adapter
      .send(message('  HeLp  ', 'channel') as Partial<Activity>)
      .assertReply((reply) => expect(JSON.stringify(cardOf(reply))).toContain(HELP_CARD_TITLE));
  });

  it('answers an unknown command with a short pointer to help', async () => {
    const { adapter } = newBot();
    await adapter
      .send(message('what is the weather', 'groupChat') as Partial<Activity>)
      .assertReply(UNKNOWN_COMMAND_REPLY)
      .assertNoReply('no further reply', NO_REPLY_WAIT_MS);
  });

  it.each(SURFACES)(
    'introduces itself once in %s, though Teams sends two install events',
    async (surface) => {
      const { adapter } = newBot();
      await adapter
        .send(botAdded(surface) as Partial<Activity>)
        .assertReply((reply) => {
          const card = cardOf(reply);
          expectValidCard(card);
          expect(JSON.stringify(card)).toMatch(/Hello, I keep the actions of your meetings/);
        })
        .send(installed(surface) as Partial<Activity>)
        .assertNoReply('no further reply', NO_REPLY_WAIT_MS);
    },
  );

  it('does not introduce itself again from another instance after a restart', async () => {
    await newBot()
      .adapter.send(installed('channel') as Partial<Activity>)
      .assertReply(() => {});
    await newBot()
      .adapter.send(botAdded('channel') as Partial<Activity>)
      .assertNoReply('no further reply', NO_REPLY_WAIT_MS);
  });

  it('says nothing when a person, not the bot, joins', async () => {
    const { adapter } = newBot();
    await adapter
      .send(userAdded('groupChat', GRACE) as Partial<Activity>)
      .assertNoReply('no further reply', NO_REPLY_WAIT_MS);
  });

  it('remembers the personal conversation of a user who writes to it, for reminders later', async () => {
    const { adapter, conversations } = newBot();
    await adapter.send(message('help', 'personal') as Partial<Activity>).assertReply(() => {});
    const record = await conversations.get(PERSONAL_CHAT_ID);
    expect(record).toMatchObject({
      kind: 'personal',
      userId: ADA.id,
      userAadObjectId: ADA.aadObjectId,
    });
    expect(record?.reference).toMatchObject({ conversation: { id: PERSONAL_CHAT_ID } });
  });
});
