import {
  compareActionsByRef,
  createAction,
  isActionOverdue,
  type Action,
  type ActionDraft,
} from './action';
import { parseActionRef } from './action-ref';
import {
  createDiscussionItem,
  type DiscussionDraft,
  type DiscussionItem,
  type DiscussionItemKey,
} from './discussion-item';
import { ConflictError, NotFoundError, PermissionDeniedError } from './errors';
import { createGroup, isGroupChair, type Group, type HomeChannel } from './group';
import { createMeeting, type Meeting, type MeetingForm } from './meeting';
import { attachTeamsUsers, isOwnedBy, type TeamsUserRef } from './owner';
import { assertMay, type ActionOperation, type Actor } from './permissions';
import type { Person } from './person';
import { checkReminderPolicy, type ReminderPolicy } from './reminders/reminder-policy';
import type {
  ActionStore,
  BindingStore,
  DiscussionStore,
  GroupStore,
  MeetingStore,
  WriteOptions,
} from './stores';

/** What {@link ActionService.setUpMeeting} is asked. */
export interface MeetingSetUp {
  readonly conversationId: string;
  /** The caller's tenant: a new group belongs to it; another tenant's group is never touched. */
  readonly tenantId: string;
  readonly person: Person;
  readonly groupCode: string;
  /** The meeting, when no form is given (the first action's set-up). */
  readonly meetingNumber: number;
  /** The meeting form; creates or edits the meeting with every field. */
  readonly form?: MeetingForm;
  /** True in a meeting chat, which belongs to this one meeting; a channel follows the latest. */
  readonly meetingChat: boolean;
  readonly teamsMeetingId?: string;
  /** The channel this is done in: becomes the group's home channel when it has none. */
  readonly homeChannel?: HomeChannel;
  /** The group this conversation is bound to already, if any. */
  readonly boundGroupCode?: string;
  /** True when the caller organises the Teams meeting of the meeting chat bound to this group. */
  readonly organizerCountsAsChair?: boolean;
}

/** The words for a group code someone may not set up: the same whoever holds it. */
export function codeInUse(code: string): string {
  return `The group code ${code} is already in use. If this conversation belongs to that group, ask one of its chairs to set the meeting up here; otherwise choose another code.`;
}

/** The group and meeting a conversation is about. */
export interface MeetingContext {
  readonly group: Group;
  readonly meeting: Meeting;
}

export interface ActionServiceDependencies {
  readonly groups: GroupStore & MeetingStore;
  readonly actions: ActionStore;
  readonly discussion: DiscussionStore;
  readonly bindings: BindingStore;
  readonly now?: () => Date;
}

/**
 * What members, owners and chairs do with actions, whatever the surface (chat, card, side panel,
 * command line): the domain rules, permissions and stores put together. It knows nothing of Teams.
 */
export class ActionService {
  private readonly now: () => Date;

  constructor(private readonly deps: ActionServiceDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * The group and meeting a conversation is bound to, without any tenant check: for trusted
   * callers (the command line, benchmarks). Requests from Teams resolve their scope through the
   * front door (features/routing), which checks the tenant.
   */
  async contextOf(conversationId: string): Promise<MeetingContext | undefined> {
    const binding = await this.deps.bindings.getBinding(conversationId);
    if (!binding) return undefined;
    // The group and its meeting are independent reads: one round trip of latency, not two.
    const [group, meeting] = await Promise.all([
      this.deps.groups.getGroup(binding.groupCode),
      binding.meetingNumber !== undefined
        ? this.deps.groups.getMeeting(binding.groupCode, binding.meetingNumber)
        : this.deps.groups.listMeetings(binding.groupCode).then((meetings) => meetings.at(-1)),
    ]);
    return group && meeting ? { group, meeting } : undefined;
  }

  /** A group by its code, without any tenant check (trusted callers only). */
  async groupOfCode(code: string): Promise<Group | undefined> {
    return this.deps.groups.getGroup(code);
  }

  /** A meeting of the group by its number. */
  async meetingOf(group: Group, meetingNumber: number): Promise<MeetingContext | undefined> {
    const meeting = await this.deps.groups.getMeeting(group.code, meetingNumber);
    return meeting ? { group, meeting } : undefined;
  }

  /** Whether the person chairs the group, or (told by the caller, from Teams) organises the meeting. */
  actorFor(person: Person, group: Group | undefined, isMeetingOrganizer: boolean): Actor {
    return { person, isChair: isMeetingOrganizer || (group ? isGroupChair(group, person) : false) };
  }

  /**
   * Sets up the meeting a conversation is about — from the meeting form, or from the first action
   * added in a new conversation — and binds the conversation to it. The rules that keep groups
   * apart:
   * - a new group code creates the group, in the caller's tenant, with the caller as first chair;
   * - an existing group is set up further (another conversation bound, a meeting created or
   *   edited) only by one of its chairs, in its own tenant. Anyone else is told the code is in
   *   use, in the same words whether the group is in their tenant or not, and nothing is bound;
   * - a group imported without a tenant is claimed by the first chair to set it up in Teams.
   *
   * @throws ConflictError when the code is in use by a group the caller may not set up.
   */
  async setUpMeeting(request: MeetingSetUp): Promise<MeetingContext> {
    const { person } = request;
    const existing = await this.deps.groups.getGroup(request.groupCode);
    let group =
      existing ??
      (await this.deps.groups.createGroupIfMissing(
        createGroup({
          code: request.groupCode,
          name: request.form?.groupName ?? request.groupCode,
          tenantId: request.tenantId,
          chairs: [person],
        }),
      ));
    const created = !existing && isGroupChair(group, person) && group.tenantId === request.tenantId;
    const boundHere = request.boundGroupCode === group.code;
    const isChair =
      created ||
      (group.tenantId === undefined && group.chairs.length === 0) ||
      isGroupChair(group, person) ||
      (boundHere && request.organizerCountsAsChair === true);
    const sameTenant = group.tenantId === undefined || group.tenantId === request.tenantId;
    const number = request.form?.number ?? request.meetingNumber;
    const existingMeeting = await this.deps.groups.getMeeting(group.code, number);
    if (sameTenant && boundHere && !isChair) {
      // Members of the group's own conversation know the group; they are told who may.
      throw new PermissionDeniedError(
        existingMeeting
          ? `${existingMeeting.code} is set up already; only the group's chairs may change it.`
          : `Only the group's chairs may set up a new meeting of ${group.code}.`,
      );
    }
    if (!sameTenant || !isChair) throw new ConflictError(codeInUse(group.code));
    if (group.tenantId === undefined || group.chairs.length === 0) {
      group = await this.deps.groups.updateGroup(group.code, (current) => ({
        ...current,
        tenantId: current.tenantId ?? request.tenantId,
        chairs: current.chairs.length > 0 ? current.chairs : [person],
      }));
    }
    const form = request.form;
    if (existing && form?.groupName && form.groupName !== group.name) {
      group = await this.deps.groups.updateGroup(group.code, (current) => ({
        ...current,
        name: form.groupName ?? current.name,
      }));
    }
    group = await this.adoptHomeChannel(group, request.homeChannel);
    const fields = {
      groupCode: group.code,
      number,
      ...(form?.title ? { title: form.title } : {}),
      ...(form?.start ? { start: form.start } : {}),
      ...(form?.end ? { end: form.end } : {}),
      ...(form ? { venue: form.venue, classification: form.classification } : {}),
      ...(request.meetingChat ? { chatConversationId: request.conversationId } : {}),
      ...(request.teamsMeetingId ? { teamsMeetingId: request.teamsMeetingId } : {}),
    };
    const meeting = !existingMeeting
      ? await this.deps.groups.createMeetingIfMissing(createMeeting(fields))
      : form
        ? await this.deps.groups.updateMeeting(group.code, number, (current) =>
            createMeeting({ ...fields, state: current.state }),
          )
        : existingMeeting;
    await this.deps.bindings.bind(request.conversationId, {
      groupCode: group.code,
      ...(request.meetingChat ? { meetingNumber: meeting.number } : {}),
    });
    return { group, meeting };
  }

  /**
   * The first channel a group is set up in becomes its home channel: where its reports are
   * posted. A group that has one keeps it (a chair moves it deliberately, not by using a channel).
   */
  private async adoptHomeChannel(group: Group, channel: HomeChannel | undefined): Promise<Group> {
    if (!channel || group.homeChannel) return group;
    return this.deps.groups.updateGroup(group.code, (current) =>
      current.homeChannel ? current : { ...current, homeChannel: { ...channel } },
    );
  }

  /**
   * Adds an action to the meeting under its next ref. Any member may. `operationId` identifies
   * the request, so a repeat of it is recognised rather than added twice.
   */
  async addAction(
    context: MeetingContext,
    draft: ActionDraft,
    actor: Actor,
    options: WriteOptions = {},
  ): Promise<Action> {
    assertMay(actor, 'addAction');
    return this.deps.actions.addAction(
      context.group.code,
      context.meeting.number,
      (ref) => createAction(draft, ref, actor.person, this.now()),
      options,
    );
  }

  /**
   * One of the group's actions by ref.
   * @throws NotFoundError when the ref is not an action of this group (a forged or foreign ref).
   */
  async getAction(group: Group, refText: string): Promise<Action> {
    const ref = parseActionRef(refText);
    if (!ref || ref.groupCode !== group.code) {
      throw new NotFoundError(`${refText.trim() || 'That'} is not an action of ${group.code}.`);
    }
    const action = await this.deps.actions.getAction(refText);
    if (!action) throw new NotFoundError(`There is no action ${refText.trim().toUpperCase()}.`);
    return action;
  }

  /**
   * Changes an action: the permission is checked against the action as stored at the moment of
   * writing (not as the card showed it), and a concurrent change is merged by re-applying.
   */
  async changeAction(
    group: Group,
    refText: string,
    actor: Actor,
    operation: ActionOperation,
    apply: (action: Action, now: Date) => Action,
    options: WriteOptions = {},
  ): Promise<Action> {
    const action = await this.getAction(group, refText);
    return this.deps.actions.updateAction(
      action.ref,
      (current) => {
        assertMay(actor, operation, current);
        return apply(current, this.now());
      },
      options,
    );
  }

  /**
   * Attaches the conversation's members to the action's owners whose names match them (for
   * reminders and permissions); a bookkeeping change, not one the history records.
   */
  async linkOwners(group: Group, ref: string, members: readonly TeamsUserRef[]): Promise<Action> {
    const action = await this.getAction(group, ref);
    const linked = attachTeamsUsers(action.owners, members);
    if (linked.every((owner, index) => owner === action.owners[index])) return action;
    return this.deps.actions.updateAction(action.ref, (current) => ({
      ...current,
      owners: attachTeamsUsers(current.owners, members),
    }));
  }

  /** Every group of the tenant (a scan of the groups: for personal chat's cross-group lists). */
  async groupsOfTenant(tenantId: string): Promise<Group[]> {
    return (await this.deps.groups.listGroups()).filter(
      (group) => group.tenantId === undefined || group.tenantId === tenantId,
    );
  }

  /**
   * Sets how the group's owners are reminded.
   * @throws PermissionDeniedError unless the actor chairs the group.
   */
  async changeReminderPolicy(group: Group, policy: ReminderPolicy, actor: Actor): Promise<Group> {
    if (!actor.isChair) {
      throw new PermissionDeniedError("Only the group's chairs may change its reminders.");
    }
    const checked = checkReminderPolicy(policy);
    return this.deps.groups.updateGroup(group.code, (current) => ({
      ...current,
      reminderPolicy: checked,
    }));
  }

  async listMeetingActions(context: MeetingContext): Promise<Action[]> {
    return this.deps.actions.listMeetingActions(context.group.code, context.meeting.number);
  }

  async listOpenActions(group: Group): Promise<Action[]> {
    return (await this.deps.actions.listOpenActions(group.code)).sort(compareActionsByRef);
  }

  /** Open actions whose owners include the person (by their Teams user). */
  async listMine(group: Group, person: Person): Promise<Action[]> {
    return (await this.listOpenActions(group)).filter((action) => isOwnedBy(action.owners, person));
  }

  async listOverdue(group: Group): Promise<Action[]> {
    const now = this.now();
    return (await this.listOpenActions(group)).filter((action) =>
      isActionOverdue(action, now, group.timeZone),
    );
  }

  /** The areas already used in the meeting, in the order they first appear. */
  async areasInMeeting(context: MeetingContext): Promise<string[]> {
    const actions = await this.listMeetingActions(context);
    return [...new Set(actions.map((action) => action.area))];
  }

  async addDiscussionItem(
    context: MeetingContext,
    draft: DiscussionDraft,
    actor: Actor,
    options: WriteOptions = {},
  ): Promise<DiscussionItem> {
    assertMay(actor, 'addDiscussion');
    return this.deps.discussion.addDiscussionItem(
      context.group.code,
      context.meeting.number,
      (order) =>
        createDiscussionItem(
          draft,
          { meetingCode: context.meeting.code, order },
          actor.person,
          this.now(),
        ),
      options,
    );
  }

  async listDiscussionItems(context: MeetingContext): Promise<DiscussionItem[]> {
    return this.deps.discussion.listDiscussionItems(context.group.code, context.meeting.number);
  }

  /**
   * The group's discussion item a card names, deleted or not.
   * @throws NotFoundError when the key is of another group or names no item.
   */
  async getDiscussionItem(group: Group, key: DiscussionItemKey): Promise<DiscussionItem> {
    assertItemOf(group, key);
    const items = await this.deps.discussion.listDiscussionItems(group.code, key.meetingNumber, {
      includeDeleted: true,
    });
    const item = items.find((candidate) => candidate.order === key.order);
    if (!item) throw new NotFoundError(`There is no discussion item ${key.order} in this meeting.`);
    return item;
  }

  /**
   * Edits or deletes one of the group's discussion items: `change` (core editDiscussionItem or
   * deleteDiscussionItem, which check who may) sees the item as stored when it is written.
   * @throws NotFoundError when the key is of another group or names no item.
   */
  async changeDiscussionItem(
    group: Group,
    key: DiscussionItemKey,
    change: (item: DiscussionItem, now: Date) => DiscussionItem,
    options: WriteOptions = {},
  ): Promise<DiscussionItem> {
    assertItemOf(group, key);
    return this.deps.discussion.updateDiscussionItem(
      group.code,
      key.meetingNumber,
      key.order,
      (item) => change(item, this.now()),
      options,
    );
  }
}

/** A card's discussion item key must be of the conversation's own group (a card can be forged). */
function assertItemOf(group: Group, key: DiscussionItemKey): void {
  if (key.groupCode !== group.code) {
    throw new NotFoundError(
      `This card is about ${key.meetingCode}: not an item of this group; nothing was changed.`,
    );
  }
}
