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
