import { parseGroupCode } from './action-ref';
import { ValidationError } from './errors';
import { checkPerson, isSamePerson, type Person } from './person';
import { TEXT_LIMITS, checkText } from './text-rules';
import type { ReminderPolicy } from './reminders/reminder-policy';
import { parseTimeZone } from './time-zone';

/** The channel a group reports to and reminds owners without a Teams user in. */
export interface HomeChannel {
  readonly conversationId: string;
  readonly teamId?: string;
  readonly name?: string;
}

/** A committee or advisory group, e.g. CCAG, the MHHS Cross Code Advisory Group. */
export interface Group {
  readonly code: string;
  readonly name: string;
  /**
   * The Entra tenant the group belongs to: the tenant of the conversation that set it up. A
   * request from any other tenant never sees the group. Absent only for a group imported from the
   * command line without `--tenant`, which the first chair to set up a meeting for it claims.
   */
  readonly tenantId?: string;
  /** IANA zone that the group's dates mean; Europe/London unless set. */
  readonly timeZone: string;
  /** Chairs named for the group; a meeting's organizer and co-organizers chair it too. */
  readonly chairs: readonly Person[];
  readonly homeChannel?: HomeChannel;
  /** How owners are reminded; the defaults of reminder-policy.ts when absent. */
  readonly reminderPolicy?: ReminderPolicy;
}

/** What is needed to set up a group; `timeZone` and `chairs` may be left out. */
export interface GroupInput {
  readonly code: string;
  readonly name: string;
  readonly tenantId?: string;
  readonly timeZone?: string;
  readonly chairs?: readonly Person[];
  readonly homeChannel?: HomeChannel;
}

const GROUP_NAME_RULE = {
  field: 'groupName',
  label: 'Group name',
  maxLength: TEXT_LIMITS.groupName,
  required: true,
  multiline: false,
} as const;

/**
 * Checks a group's name, e.g. `MHHS Cross Code Advisory Group`.
 *
 * @throws ValidationError (field `groupName`).
 */
export function checkGroupName(name: unknown): string {
  return checkText(name, GROUP_NAME_RULE);
}

/**
 * Makes a group from its parts, upper-casing the code and defaulting the time zone.
 *
 * @throws ValidationError naming the first invalid field.
 */
export function createGroup(input: GroupInput): Group {
  const chairs = (input.chairs ?? []).map((chair) => checkPerson(chair, 'chairs'));
  const group: Group = {
    code: parseGroupCode(input.code),
    name: checkGroupName(input.name),
    ...(input.tenantId ? { tenantId: input.tenantId } : {}),
    timeZone: parseTimeZone(input.timeZone),
    chairs,
  };
  if (!input.homeChannel) return group;
  const conversationId = input.homeChannel.conversationId;
  if (typeof conversationId !== 'string' || conversationId.trim() === '') {
    throw new ValidationError("The home channel's conversation id is missing.", 'homeChannel');
  }
  return { ...group, homeChannel: { ...input.homeChannel } };
}

/** True when the person is one of the chairs named for the group. */
export function isGroupChair(group: Group, person: Pick<Person, 'id' | 'aadObjectId'>): boolean {
  return group.chairs.some((chair) => isSamePerson(chair, person));
}
