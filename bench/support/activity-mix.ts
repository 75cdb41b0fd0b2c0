import { CARD_VERBS } from '../../cards/card-verbs';
import { formatActionRef } from '../../core/action-ref';
import { botAdded, cardAction, message, userAdded } from '../../test/support/activities';

/** One activity of a load, as the JSON Teams would POST to /api/messages. */
export interface BenchActivity {
  /** What it is, for the report: `add`, `help`, `markDone`, … */
  readonly kind: string;
  readonly body: string;
}

const GROUP = 'CCAG';
/** Members who open a personal chat with the bot and ask for help, in turn. */
const PERSONAL_USERS = 100;
/** A committee meeting's actions: the seed meeting (CCAG003) has 18; a busy one a few dozen. */
const ADDS_PER_MEETING = 45;
/** Four weeks on, as the date picker sends it: a date in the past would ask to be confirmed. */
const DUE = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);

/**
 * Committee meetings, one after another, each in its own meeting chat: actions added through the
 * form, listed, shown, marked done and reopened, the group's open actions listed, help asked in
 * the meeting chat and in members' personal chats, members joining, the bot added to new group
 * chats. Every conversationUpdate brings a member or chat the bot has not seen, so caches keyed
 * by conversation or member are exercised past any size; the group's actions keep growing.
 *
 * The first activity sets the first meeting up (send it alone); each meeting's first add sets
 * its meeting up. A click names an action added at least `2 × inFlight` adds earlier in the
 * meeting, so with that many requests in flight it exists.
 */
export function activityMix(total: number, serviceUrl: string, inFlight: number): BenchActivity[] {
  const activities: BenchActivity[] = [];
  let meeting = meetingChat(1, serviceUrl);
  let members = 0;
  let chats = 0;
  const add = () => {
    if (meeting.adds === ADDS_PER_MEETING) meeting = meetingChat(meeting.number + 1, serviceUrl);
    return addAction(meeting, ++meeting.adds);
  };
  const olderRef = (back = 2) => meeting.ref(Math.max(1, meeting.adds - inFlight * back));
  const say = (kind: string, text: string) => ({ kind, body: json(meeting.message(text)) });
  const slots: Array<() => BenchActivity> = [
    add,
    () => help(serviceUrl, activities.length),
    add,
    () => say('list', 'list'),
    () => click(meeting, CARD_VERBS.markDone, { ref: olderRef() }),
    add,
    () => ({
      kind: 'member joins',
      body: json(meeting.envelope(userAdded('meetingChat', member(++members), meeting.options))),
    }),
    () => say('help', 'help'),
    () => say('add (form)', 'add'),
    () => click(meeting, CARD_VERBS.listPage, { filter: 'list', page: 2 }),
    add,
    () => click(meeting, CARD_VERBS.reopen, { ref: olderRef(4) }),
    () => help(serviceUrl, activities.length),
    () => click(meeting, CARD_VERBS.refreshAction, { ref: olderRef() }),
    add,
    () => ({
      kind: 'bot added to a chat',
      body: json(
        botAdded('groupChat', { serviceUrl, conversationId: `19:bench-chat-${++chats}@thread.v2` }),
      ),
    }),
    () => say('open', 'open'),
    () => say('show', `show ${olderRef()}`),
    () => click(meeting, CARD_VERBS.markDone, { ref: olderRef() }),
    add,
  ];
  while (activities.length < total) {
    const slot = slots[activities.length % slots.length];
    if (slot) activities.push(slot());
  }
  return activities;
}

/** One committee meeting's chat: where its activities come from, and its refs. */
interface MeetingChat {
  readonly number: number;
  adds: number;
  readonly options: { serviceUrl: string; conversationId: string };
  /** The activity as sent from this meeting's chat (its own Teams meeting id). */
  envelope(activity: Record<string, unknown>): Record<string, unknown>;
  message(text: string): Record<string, unknown>;
  ref(sequence: number): string;
}

function meetingChat(number: number, serviceUrl: string): MeetingChat {
  const options = { serviceUrl, conversationId: `19:meeting_bench${number}@thread.v2` };
  const envelope = (activity: Record<string, unknown>) => ({
    ...activity,
    channelData: {
      ...(activity.channelData as Record<string, unknown>),
      meeting: { id: `bench-meeting-${number}` },
    },
  });
  return {
    number,
    adds: 0,
    options,
    envelope,
    message: (text) => envelope(message(text, 'meetingChat', options)),
    ref: (sequence) => formatActionRef({ groupCode: GROUP, meetingNumber: number, sequence }),
  };
}

function json(activity: unknown): string {
  return JSON.stringify(activity);
}

function member(number: number) {
  return {
    id: `29:bench-member-${number}`,
    name: `Member ${number}`,
    aadObjectId: `00000000-0000-4000-8000-${String(number).padStart(12, '0')}`,
  };
}

function help(serviceUrl: string, index: number): BenchActivity {
  const user = index % PERSONAL_USERS;
  return {
    kind: 'help',
    body: json(
      message('help', 'personal', {
        serviceUrl,
        from: { ...member(100_000 + user), name: `Personal ${user}` },
        conversationId: `a:bench-personal-${user}`,
      }),
    ),
  };
}

function click(meeting: MeetingChat, verb: string, data: Record<string, unknown>): BenchActivity {
  return {
    kind: verb,
    body: json(meeting.envelope(cardAction(verb, data, 'meetingChat', meeting.options))),
  };
}

/** The action form's Action.Execute, as the note-taker submits it (see bench/add-action.bench.ts). */
function addAction(meeting: MeetingChat, number: number): BenchActivity {
  const activity = cardAction(
    CARD_VERBS.addAction,
    {
      area: `Area ${number % 5}`,
      text: `Benchmark action ${number}`,
      owner: 'Programme (PMO)',
      due: DUE,
      update: '',
      groupCode: GROUP,
      meetingNumber: String(meeting.number),
    },
    'meetingChat',
    meeting.options,
  );
  // Each submit comes from a form card of its own.
  return {
    kind: 'add',
    body: json({
      ...meeting.envelope(activity),
      replyToId: String(1715000200000 + meeting.number * 1000 + number),
    }),
  };
}
