import { randomBytes } from 'node:crypto';
/**
 * Activity factories shaped like what Teams sends (shared/TEAMS-ACTIVITIES.md), so tests say
 * "Ada posts `help` in a channel" instead of repeating JSON.
 */
export const TENANT_ID = '9d2c5e1a-7b3f-4c1d-8e2a-5f6b7c8d9e0f';
export const BOT = { id: '28:0f6b7c8d-1a2b-4c3d-9e8f-a1b2c3d4e5f6', name: 'Meeting Actions' };
export const ADA = {
  id: '29:1Qv-ada',
  name: 'Ada Lovelace',
  aadObjectId: '6b1f0c2e-1111-4c3a-9a0e-0a1b2c3d4e5f',
};
export const GRACE = {
  id: '29:1Qv-grace',
  name: 'Grace Hopper',
  aadObjectId: '1d2e3f4a-4444-4b5c-9d6e-7f8091a2b3c4',
};
export const TEAM_ID = '19:gen01@thread.tacv2';
export const CHANNEL_ID = '19:ops42@thread.tacv2';
export const MEETING_CHAT_ID = '19:meeting_ZmFrZW1lZXRpbmc@thread.v2';
export const MEETING_ID = 'MCMxOTptZWV0aW5nX1ptRnJaVzFsWlhScGJtY0B0aHJlYWQudjIjMA==';
export const GROUP_CHAT_ID = '19:grp7c2@thread.v2';
export const PERSONAL_CHAT_ID = 'a:1Xk9-personal';

export type Surface = 'personal' | 'groupChat' | 'channel' | 'meetingChat';
export const SURFACES: readonly Surface[] = ['personal', 'groupChat', 'channel', 'meetingChat'];

type Person = { id: string; name: string; aadObjectId?: string };
type Json = Record<string, unknown>;

let sequence = 1715000000000;
const nextId = () => String(sequence++);

interface Envelope {
  serviceUrl?: string;
  from?: Person;
  /** Another tenant than the test tenant (its conversation ids are prefixed to keep them apart). */
  tenantId?: string;
  /** Another conversation of the same kind (a chat or channel never set up). */
  conversationId?: string;
}

function envelope(surface: Surface, options: Envelope, messageId?: string): Json {
  const json = surfaceEnvelope(surface, options, messageId);
  const tenantId = options.tenantId;
  if (!tenantId && !options.conversationId) return json;
  const conversation = json.conversation as Json;
  const channelData = json.channelData as Json;
  // A channel's reply thread keeps its `;messageid=` after the channel's own id.
  const [head, ...thread] = String(conversation.id).split(';');
  const id = options.conversationId ?? `${head}-${tenantId}`;
  return {
    ...json,
    conversation: {
      ...conversation,
      id: [id, ...thread].join(';'),
      ...(tenantId ? { tenantId } : {}),
    },
    channelData: {
      ...channelData,
      ...(tenantId ? { tenant: { id: tenantId } } : {}),
      ...(channelData.channel ? { channel: { id } } : {}),
    },
  };
}

function surfaceEnvelope(surface: Surface, options: Envelope, messageId?: string): Json {
  const base = {
    channelId: 'msteams',
    serviceUrl: options.serviceUrl ?? 'https://smba.trafficmanager.net/amer/',
    from: options.from ?? ADA,
    recipient: BOT,
    locale: 'en-GB',
  };
  switch (surface) {
    case 'personal':
      return {
        ...base,
        conversation: { conversationType: 'personal', tenantId: TENANT_ID, id: PERSONAL_CHAT_ID },
        channelData: { tenant: { id: TENANT_ID } },
      };
    case 'groupChat':
      return {
        ...base,
        conversation: {
          isGroup: true,
          conversationType: 'groupChat',
          tenantId: TENANT_ID,
          id: GROUP_CHAT_ID,
        },
        channelData: { tenant: { id: TENANT_ID } },
      };
    case 'meetingChat':
      return {
        ...base,
        conversation: {
          isGroup: true,
          conversationType: 'groupChat',
          tenantId: TENANT_ID,
          id: MEETING_CHAT_ID,
        },
        channelData: { tenant: { id: TENANT_ID }, meeting: { id: MEETING_ID } },
      };
    case 'channel':
      return {
        ...base,
        conversation: {
          isGroup: true,
          conversationType: 'channel',
          tenantId: TENANT_ID,
          id: messageId ? `${CHANNEL_ID};messageid=${messageId}` : CHANNEL_ID,
        },
        channelData: {
          team: { id: TEAM_ID },
          channel: { id: CHANNEL_ID },
          tenant: { id: TENANT_ID },
        },
      };
  }
}

/**
 * A user's message. Outside personal chat Teams only delivers messages that @mention the bot,
 * so the mention is added there, as Teams writes it.
 */
export function message(text: string, surface: Surface = 'personal', options: Envelope = {}): Json {
  const id = nextId();
  const mentioned = surface !== 'personal';
  const mentionText = `<at>${BOT.name}</at>`;
  return {
    type: 'message',
    id,
    ...envelope(surface, options, id),
    text: mentioned ? `${mentionText} ${text}` : text,
    ...(mentioned
      ? {
          entities: [
            { type: 'mention', text: mentionText, mentioned: { id: BOT.id, name: BOT.name } },
          ],
        }
      : {}),
  };
}

/** The bot was added to a conversation (conversationUpdate with the bot in membersAdded). */
export function botAdded(surface: Surface, options: Envelope = {}): Json {
  const activity = envelope(surface, options);
  return {
    type: 'conversationUpdate',
    id: `f:${nextId()}`,
    ...activity,
    membersAdded: [{ id: BOT.id }],
    ...(surface === 'channel'
      ? {
          channelData: {
            ...(activity.channelData as Json),
            eventType: 'teamMemberAdded',
            settings: { selectedChannel: { id: CHANNEL_ID } },
          },
        }
      : {}),
  };
}

/** The app was installed in a conversation (installationUpdate, action add). */
export function installed(surface: Surface, options: Envelope = {}): Json {
  return {
    type: 'installationUpdate',
    action: 'add',
    id: `f:${nextId()}`,
    ...envelope(surface, options),
  };
}

/** A user (not the bot) joined a conversation. */
export function userAdded(surface: Surface, user: Person, options: Envelope = {}): Json {
  return {
    type: 'conversationUpdate',
    id: `f:${nextId()}`,
    ...envelope(surface, options),
    membersAdded: [{ id: user.id, aadObjectId: user.aadObjectId }],
  };
}

/** Where a Teams meeting's start and end events arrive: the meeting chat (TEAMS-ACTIVITIES §3b). */
function meetingEvent(name: string, value: Json, options: Envelope): Json {
  return {
    type: 'event',
    name,
    id: `f:${nextId()}`,
    ...envelope('meetingChat', options),
    value: {
      Id: MEETING_ID,
      MeetingType: 'Scheduled',
      Title: 'CCAG003',
      JoinUrl:
        'https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZmFrZW1lZXRpbmc%40thread.v2/0',
      ...value,
    },
  };
}

/** The Teams meeting of the meeting chat started (`application/vnd.microsoft.meetingStart`). */
export function meetingStarted(
  startTime = '2022-02-23T10:00:03.0451122Z',
  options: Envelope = {},
): Json {
  return meetingEvent('application/vnd.microsoft.meetingStart', { StartTime: startTime }, options);
}

/** The Teams meeting of the meeting chat ended (`application/vnd.microsoft.meetingEnd`). */
export function meetingEnded(
  endTime = '2022-02-23T12:00:05.1234567Z',
  options: Envelope = {},
): Json {
  return meetingEvent('application/vnd.microsoft.meetingEnd', { EndTime: endTime }, options);
}

/** The id of the card message that buttons are clicked on in tests. */
export const CARD_MESSAGE_ID = '1715000100000';

/**
 * A click on an `Action.Execute` button: the `adaptiveCard/action` invoke Teams sends
 * (TEAMS-ACTIVITIES §4b), with the card's inputs merged into `data`. Every card the bot sends
 * carries a nonce per button (`op`), so by default a click is on a fresh card with a nonce of its
 * own; give `op` in the data to click the same card twice, or `op: undefined` for a card without.
 * The card clicked is the message `options.cardMessageId` (by default {@link CARD_MESSAGE_ID}).
 */
export function cardAction(
  verb: unknown,
  input: unknown,
  surface: Surface = 'channel',
  options: Envelope & { readonly cardMessageId?: string } = {},
): Json {
  const data =
    typeof input === 'object' && input !== null && !Array.isArray(input) && !('op' in input)
      ? { ...input, op: randomBytes(9).toString('base64url') }
      : input;
  return {
    ...message('', surface, options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    entities: undefined,
    replyToId: options.cardMessageId ?? CARD_MESSAGE_ID,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
