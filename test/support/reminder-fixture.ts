import { createAction, type Action } from '../../core/action';
import { parseActionRef } from '../../core/action-ref';
import { createGroup } from '../../core/group';
import type { Owner } from '../../core/owner';
import { createAdapter } from '../../teams/cloud-adapter';
import { OutboundSender, type OutboundSenderOptions } from '../../teams/proactive/outbound-sender';
import { ReminderSweep } from '../../core/reminders/reminder-sweep';
import { renderReminderDigest } from '../../cards/reminders/reminder-card';
import { renderChannelDigest } from '../../cards/reminders/reminder-digest-card';
import { reminderMailRenderer, teamsActionLink } from '../../cards/reminders/reminder-mail';
import type { Mailer } from '../../core/mail';
import type { DirectoryStore } from '../../core/people/directory';
import type { ReminderSweepDependencies } from '../../core/reminders/reminder-sweep';
import { cardSender } from '../../teams/proactive/card-sender';
import { TableSendBudget } from '../../storage/table-send-budget';
import { IndexedActionStore } from '../../storage/indexed-action-store';
import { TableActionStore } from '../../storage/table-action-store';
import { TableBindingStore } from '../../storage/table-binding-store';
import { TableConversationDirectory } from '../../storage/table-conversation-directory';
import { TableConversationStore } from '../../storage/table-conversation-store';
import { TableDueIndex } from '../../storage/table-due-index';
import { TableGroupStore } from '../../storage/table-group-store';
import { TableReminderClaims } from '../../storage/table-reminder-claims';
import type { TableStorage } from '../../storage/table-storage';
import { ADA, BOT, CHANNEL_ID, TEAM_ID, TENANT_ID } from './activities';
import type { ConnectorStub, RecordedCall } from './connector-stub';
import { CapturedLog } from './test-app';

type Person = { id: string; name: string; aadObjectId?: string };

/** The stores reminders use, on one test's tables, wired as host/open-stores.ts wires them. */
export function reminderStores(storage: TableStorage) {
  const groupsTable = storage.table('groups');
  const conversationsTable = storage.table('conversations');
  const dueIndex = new TableDueIndex(storage.table('dueIndex'));
  return {
    groups: new TableGroupStore(groupsTable),
    actions: new IndexedActionStore(new TableActionStore(groupsTable), dueIndex, () => {}),
    dueIndex,
    claims: new TableReminderClaims(storage.table('reminders')),
    directory: new TableConversationDirectory(conversationsTable),
    conversations: new TableConversationStore(conversationsTable),
    bindings: new TableBindingStore(conversationsTable),
    /** Teams' limits as one instance sees them, shared with every other through the table. */
    sendBudget: () => new TableSendBudget(storage.table('sendBudget')),
  };
}

/** The bot app id the tests' e-mail links name. */
export const TEST_BOT_APP_ID = '0f6b7c8d-1a2b-4c3d-9e8f-a1b2c3d4e5f6';

export type ReminderStores = ReturnType<typeof reminderStores>;

/** A Teams user as an owner. */
export function ownerFor(user: Person): Owner {
  return { display: user.name, teamsUsers: [user] };
}

/** The name of the group's home channel, as reminders name it. */
export const CHANNEL_NAME = 'CCAG members';

/** Group CCAG (Europe/London) bound to the channel, whose reference points at the stub. */
export async function setUpGroup(stores: ReminderStores, serviceUrl: string): Promise<void> {
  await stores.groups.createGroupIfMissing(
    createGroup({
      code: 'CCAG',
      name: 'Cross Code Advisory Group',
      tenantId: TENANT_ID,
      chairs: [ADA],
      homeChannel: { conversationId: CHANNEL_ID, teamId: TEAM_ID, name: CHANNEL_NAME },
    }),
  );
  await stores.bindings.bind(CHANNEL_ID, { groupCode: 'CCAG' });
  await stores.conversations.save({
    conversationId: `${CHANNEL_ID};messageid=1715000000000`,
    kind: 'channel',
    tenantId: TENANT_ID,
    reference: referenceOf(serviceUrl, `${CHANNEL_ID};messageid=1715000000000`, ADA),
    updatedAt: '2022-03-01T00:00:00.000Z',
  });
}

/** The bot has a personal chat with `user` (they installed it or talked to it). */
export async function givePersonalChat(
  stores: ReminderStores,
  serviceUrl: string,
  user: Person,
): Promise<string> {
  const conversationId = `a:personal-${user.id.slice(3)}`;
  await stores.conversations.save({
    conversationId,
    kind: 'personal',
    tenantId: TENANT_ID,
    userId: user.id,
    ...(user.aadObjectId ? { userAadObjectId: user.aadObjectId } : {}),
    reference: referenceOf(serviceUrl, conversationId, user),
    updatedAt: '2022-03-01T00:00:00.000Z',
  });
  return conversationId;
}

/** Imports action `ref` owned by `owners`, due on `due`. */
export async function addDueAction(
  stores: ReminderStores,
  ref: string,
  owners: Owner[],
  due: string,
): Promise<Action> {
  const parsed = parseActionRef(ref);
  if (!parsed) throw new Error(`bad ref ${ref}`);
  const action = createAction(
    { area: 'Minutes and actions review', text: `Action ${ref}`, owners, due: { date: due } },
    parsed,
    ADA,
    new Date('2022-02-23T11:00:00Z'),
  );
  await stores.actions.importAction(action);
  return action;
}

/** What a test may give one sweep instance beside the shared stores. */
export interface SweepInstanceOptions {
  readonly now?: () => Date;
  readonly sender?: Partial<OutboundSenderOptions>;
  readonly people?: Pick<DirectoryStore, 'listPeople'>;
  readonly mailer?: Mailer;
  readonly sweep?: Partial<ReminderSweepDependencies>;
}

/** One bot instance's sweep: its own adapter and sender, the shared stores and send budget. */
export function sweepInstance(
  stores: ReminderStores,
  instanceId: string,
  options: SweepInstanceOptions = {},
) {
  const log = new CapturedLog('warn');
  const sender = new OutboundSender(createAdapter(undefined, log.logger), {
    appId: '',
    log: log.logger,
    backoffMs: 20,
    maxBackoffMs: 100,
    timeoutMs: 2000,
    budget: stores.sendBudget(),
    ...options.sender,
  });
  const sweep = new ReminderSweep({
    groups: stores.groups,
    meetings: stores.groups,
    actions: stores.actions,
    dueIndex: stores.dueIndex,
    claims: stores.claims,
    directory: stores.directory,
    conversations: stores.conversations,
    sender: cardSender(sender),
    render: renderReminderDigest,
    renderDigest: renderChannelDigest,
    ...(options.people ? { people: options.people } : {}),
    ...(options.mailer
      ? {
          mailer: options.mailer,
          renderMail: reminderMailRenderer({ actionLink: teamsActionLink(TEST_BOT_APP_ID) }),
        }
      : {}),
    instanceId,
    leaseMs: 10 * 60_000,
    log: log.logger,
    ...(options.now ? { now: options.now } : {}),
    ...options.sweep,
  });
  return { sweep, sender, log };
}

function referenceOf(serviceUrl: string, conversationId: string, user: Person) {
  return {
    channelId: 'msteams',
    serviceUrl,
    bot: BOT,
    user,
    conversation: { id: conversationId, tenantId: TENANT_ID },
    activityId: '1715000000000',
  };
}

/**
 * `count` owners (`Member 001`, …), each with a chat with the bot and one action due on `due`
 * (refs spread over meetings, 99 to a meeting). Returns their chats' conversation ids.
 */
export async function ownersWithChats(
  stores: ReminderStores,
  serviceUrl: string,
  count: number,
  due = '2022-03-30',
): Promise<string[]> {
  const chats: string[] = [];
  for (let index = 1; index <= count; index++) {
    const n = String(index).padStart(3, '0');
    const person = {
      id: `29:1Qv-member${n}`,
      name: `Member ${n}`,
      aadObjectId: `00000000-0000-4000-8000-000000000${n}`,
    };
    chats.push(await givePersonalChat(stores, serviceUrl, person));
    const meeting = String(1 + Math.floor((index - 1) / 99)).padStart(2, '0');
    const sequence = String(((index - 1) % 99) + 1).padStart(2, '0');
    await addDueAction(stores, `CCAG${meeting}-${sequence}`, [ownerFor(person)], due);
  }
  return chats;
}

/** The group's channel as a destination of the sender (a report's cards go there). */
export function channelDestination(serviceUrl: string) {
  return {
    conversationId: CHANNEL_ID,
    reference: {
      channelId: 'msteams',
      serviceUrl,
      conversation: {
        id: CHANNEL_ID,
        tenantId: TENANT_ID,
        isGroup: true,
        conversationType: 'channel',
        name: CHANNEL_NAME,
      },
    },
  };
}

/** `count` report cards posted to the group's channel at once, as the report feature posts them. */
export function postToChannel(
  sender: Pick<OutboundSender, 'send'>,
  serviceUrl: string,
  count: number,
): Promise<unknown[]> {
  const channel = channelDestination(serviceUrl);
  return Promise.all(
    Array.from({ length: count }, (_, index) =>
      sender.send(channel, { type: 'message', text: `Report part ${index + 1}` }),
    ),
  );
}

/** New messages posted (not updates, not replies), to one conversation or to any. */
export function cardPosts(connector: ConnectorStub, conversationId?: string): RecordedCall[] {
  return connector.calls.filter(
    (call) =>
      call.method === 'POST' &&
      /\/activities$/.test(call.path) &&
      (!conversationId || call.path.startsWith(`/v3/conversations/${conversationId}/`)),
  );
}

/** The Adaptive Card a posted message carries. */
export function cardIn(call: RecordedCall | undefined): Record<string, unknown> {
  const body = call?.body as { attachments?: Array<{ content: Record<string, unknown> }> };
  const card = body?.attachments?.[0]?.content;
  if (!card) throw new Error('the message carries no card');
  return card;
}
