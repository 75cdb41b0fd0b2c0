import type { Activity } from 'botbuilder';
import { CREATE_ACTION_COMMAND_ID } from '../../../manifest/message-extension-commands';
import { messageText } from '../../../teams/message-text';
import { ADA, message } from '../../support/activities';
import { BotHarness, inputValue, shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';
import { ConnectorStub } from '../../support/connector-stub';
import { startTestApp } from '../../support/test-app';

const PAYLOAD = {
  id: '1715000000000',
  body: {
    contentType: 'html',
    content: '<p>Share the <b>PSG</b> pack &amp; minutes</p><p>by Friday</p>',
  },
  from: { user: { userIdentityType: 'aadUser', id: 'aad-grace', displayName: 'Grace Hopper' } },
};

/** The message extension's invoke from a message's "..." menu (TEAMS-ACTIVITIES §5). */
function createActionInvoke(name: string, value: Record<string, unknown>, serviceUrl?: string) {
  return {
    ...message('', 'channel', { from: ADA, ...(serviceUrl ? { serviceUrl } : {}) }),
    type: 'invoke',
    name,
    text: undefined,
    entities: undefined,
    value: {
      commandId: CREATE_ACTION_COMMAND_ID,
      commandContext: 'message',
      messagePayload: PAYLOAD,
      ...value,
    },
  };
}

async function composeInvoke(bot: BotHarness, name: string, value: Record<string, unknown>) {
  await bot.adapter.processActivity(createActionInvoke(name, value) as Partial<Activity>);
  await bot.bot.whenIdle();
  const sent: Partial<Activity>[] = [];
  while (bot.adapter.activeQueue.length > 0) {
    const next = bot.adapter.activeQueue.shift();
    if (next) sent.push(next);
  }
  const response = sent.find((activity) => activity.type === 'invokeResponse');
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the invoke body is JSON
    body: (response?.value as { status: number; body: Record<string, any> }).body,
    status: (response?.value as { status: number }).status,
    posted: [
      ...sent.filter((activity) => activity.type !== 'invokeResponse'),
      ...bot.posted.map((card) => ({ attachments: [{ contentType: 'card', content: card }] })),
    ],
  };
}

describe('"Create action" message extension (TestAdapter, Azurite)', () => {
  it('reads a Teams message as plain text', () => {
    expect(messageText(PAYLOAD.body)).toBe('Share the PSG pack & minutes\nby Friday');
    expect(
      messageText({
        contentType: 'html',
        content: '<ul><li>a &lt;b&gt;</li><li>&#x263A;</li></ul>',
      }),
    ).toBe('- a <b>\n- ☺');
  });

  it('fetchTask opens the action form prefilled with the message and its author', async () => {
    const bot = await BotHarness.create();
    const { status, body } = await composeInvoke(bot, 'composeExtension/fetchTask', {});
    expect(status).toBe(200);
    expect(body.task.type).toBe('continue');
    const card = body.task.value.card.content;
    expect(inputValue(card, 'text')).toBe('Share the PSG pack & minutes\nby Friday');
    expect(inputValue(card, 'owner')).toBe('Grace Hopper');
    expect(JSON.stringify(card)).toContain('"type":"Action.Submit"');
    expect(JSON.stringify(card)).not.toContain('Action.Execute');
  });

  it('submitAction with errors brings the form back with the input kept', async () => {
    const bot = await BotHarness.create();
    const data = {
      verb: 'addAction',
      area: 'Other',
      text: '',
      owner: 'Grace Hopper',
      due: '31/02/22',
      confirmPast: 'true',
      groupCode: 'CCAG',
      meetingNumber: '3',
    };
    const { body, posted } = await composeInvoke(bot, 'composeExtension/submitAction', { data });
    expect(body.task.type).toBe('continue');
    const card = body.task.value.card.content;
    expect(inputValue(card, 'owner')).toBe('Grace Hopper');
    expect(inputValue(card, 'due')).toBe('31/02/22');
    expect(posted).toEqual([]);
  });

  it('submitAction creates the action, closes the dialog and posts the card in the conversation', async () => {
    const bot = await BotHarness.create();
    const data = {
      verb: 'addAction',
      area: 'Other',
      text: 'Share the PSG pack',
      owner: 'Grace Hopper',
      due: '',
      groupCode: 'CCAG',
      meetingNumber: '3',
    };
    const { status, body, posted } = await composeInvoke(bot, 'composeExtension/submitAction', {
      data,
    });
    expect(status).toBe(200);
    expect(body).toEqual({});
    const card = posted[0]?.attachments?.[0]?.content;
    expectValidCard(card);
    expect(shownText(card)).toContain('CCAG03-01');
    expect(shownText(card)).toContain('Added by Ada Lovelace');
  });
});

describe('"Create action" over HTTP (restify + CloudAdapter, connector stubbed)', () => {
  it('opens the prefilled form, then posts the new action card in the conversation', async () => {
    const connector = await ConnectorStub.start();
    const subject = await startTestApp({ REMINDER_SWEEP_INTERVAL_SECONDS: '0' });
    const invoke = (name: string, value: Record<string, unknown>) =>
      createActionInvoke(name, value, connector.serviceUrl);
    try {
      const fetched = await subject.post(invoke('composeExtension/fetchTask', {}));
      expect(fetched.status).toBe(200);
      const dialog = (await fetched.json()) as { task: { value: { card: { content: unknown } } } };
      expect(inputValue(dialog.task.value.card.content, 'text')).toBe(
        'Share the PSG pack & minutes\nby Friday',
      );

      const data = {
        verb: 'addAction',
        area: 'Other',
        text: 'Share the PSG pack',
        owner: 'Grace Hopper',
        due: '',
        groupCode: 'CCAG',
        meetingNumber: '3',
      };
      const submitted = await subject.post(invoke('composeExtension/submitAction', { data }));
      expect(submitted.status).toBe(200);
      // The dialog is answered first; the card is posted right after (or beside a slow connector).
      let calls = 1;
      while (connector.sentActivities.length === 0) await connector.waitForCalls(++calls);
      const [posted] = connector.sentActivities;
      const card = (posted?.body.attachments as Array<{ content: unknown }>)[0]?.content;
      expectValidCard(card);
      expect(shownText(card)).toContain('CCAG03-01');
    } finally {
      await subject.app.stop();
      await connector.stop();
    }
  });
});
