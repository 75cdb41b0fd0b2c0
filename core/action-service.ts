import {
  compareActionsByRef,
  createAction,
  isActionOverdue,
  type Action,
  type ActionDraft,
} from './action';
import { parseActionRef } from './action-ref';
import { createDiscussionItem, type DiscussionDraft, type DiscussionItem } from './discussion-item';
import { NotFoundError, PermissionDeniedError } from './errors';
import { createGroup, isGroupChair, type Group, type HomeChannel } from './group';
import { createMeeting, type Meeting, type MeetingForm } from './meeting';
import { isOwnedBy } from './owner';
import { assertMay, type ActionOperation, type Actor } from './permissions';
import type { Person } from './person';
import { checkReminderPolicy, type ReminderPolicy } from './reminders/reminder-policy';
import type {
  ActionStore,
  BindingStore,
  DiscussionStore,
  GroupStore,
  MeetingStore,
} from './stores';

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
   * The group and meeting a conversation is bound to. A conversation bound to a group only (a
   * channel) follows the group's latest meeting. Undefined until `meeting` or a first `add` sets
   * it up.
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

  /** Only the group context (a channel may hold a group before its first meeting). */
  async groupOf(conversationId: string): Promise<Group | undefined> {
    const binding = await this.deps.bindings.getBinding(conversationId);
    return binding ? this.deps.groups.getGroup(binding.groupCode) : undefined;
  }

  /** A group by its code. */
  async groupOfCode(code: string): Promise<Group | undefined> {
    return this.deps.groups.getGroup(code);
  }

  /** Whether the person chairs the group, or (told by the caller, from Teams) organises the meeting. */
  actorFor(person: Person, group: Group | undefined, isMeetingOrganizer: boolean): Actor {
    return { person, isChair: isMeetingOrganizer || (group ? isGroupChair(group, person) : false) };
  }

  /**
   * Sets up (or edits) the meeting a conversation is about from the meeting form, creating the
   * group when it is new with the person setting it up as its first chair. Editing an existing
   * meeting or group is for chairs.
   *
   * @param meetingChat - true in a meeting chat, which belongs to this one meeting; a channel or
   *   group chat holds the group and follows its latest meeting.
   * @throws PermissionDeniedError when a non-chair edits an existing meeting.
   */
  async setUpMeeting(
    conversationId: string,
    form: MeetingForm,
    person: Person,
    options: {
      meetingChat: boolean;
      isMeetingOrganizer: boolean;
      teamsMeetingId?: string;
      /** The channel this is done in: becomes the group's home channel when it has none. */
      homeChannel?: HomeChannel;
    },
  ): Promise<MeetingContext> {
    const existingGroup = await this.deps.groups.getGroup(form.groupCode);
    const existingMeeting = existingGroup
      ? await this.deps.groups.getMeeting(form.groupCode, form.number)
      : undefined;
    const actor = this.actorFor(person, existingGroup, options.isMeetingOrganizer);
    if (existingGroup && existingGroup.chairs.length > 0 && existingMeeting && !actor.isChair) {
      throw new PermissionDeniedError(
        `${existingMeeting.code} is set up already; only the group's chairs may change it.`,
      );
    }
    let group =
      existingGroup ??
      (await this.deps.groups.createGroupIfMissing(
        createGroup({
          code: form.groupCode,
          name: form.groupName ?? form.groupCode,
          chairs: [person],
        }),
      ));
    if (existingGroup && form.groupName && form.groupName !== existingGroup.name && actor.isChair) {
      group = await this.deps.groups.updateGroup(group.code, (current) => ({
        ...current,
        name: form.groupName ?? current.name,
      }));
    }
    group = await this.adoptHomeChannel(group, options.homeChannel);
    const fields = {
      groupCode: group.code,
      number: form.number,
      ...(form.title ? { title: form.title } : {}),
      ...(form.start ? { start: form.start } : {}),
      ...(form.end ? { end: form.end } : {}),
      venue: form.venue,
      classification: form.classification,
      ...(options.meetingChat ? { chatConversationId: conversationId } : {}),
      ...(options.teamsMeetingId ? { teamsMeetingId: options.teamsMeetingId } : {}),
    };
    const meeting = existingMeeting
      ? await this.deps.groups.updateMeeting(group.code, form.number, (current) =>
          createMeeting({ ...fields, state: current.state }),
        )
      : await this.deps.groups.createMeetingIfMissing(createMeeting(fields));
    await this.deps.bindings.bind(conversationId, {
      groupCode: group.code,
      ...(options.meetingChat ? { meetingNumber: meeting.number } : {}),
    });
    return { group, meeting };
  }

  /**
   * The context for a first `add` in a conversation with no meeting yet: the group and meeting
   * the form named, created when missing, and the conversation bound to them.
   */
  async ensureMeeting(
    conversationId: string,
    groupCode: string,
    meetingNumber: number,
    person: Person,
    options: { meetingChat: boolean; teamsMeetingId?: string; homeChannel?: HomeChannel },
  ): Promise<MeetingContext> {
    const group = await this.adoptHomeChannel(
      (await this.deps.groups.getGroup(groupCode)) ??
        (await this.deps.groups.createGroupIfMissing(
          createGroup({ code: groupCode, name: groupCode, chairs: [person] }),
        )),
      options.homeChannel,
    );
    const meeting =
      (await this.deps.groups.getMeeting(group.code, meetingNumber)) ??
      (await this.deps.groups.createMeetingIfMissing(
        createMeeting({
          groupCode: group.code,
          number: meetingNumber,
          ...(options.meetingChat ? { chatConversationId: conversationId } : {}),
          ...(options.teamsMeetingId ? { teamsMeetingId: options.teamsMeetingId } : {}),
        }),
      ));
    await this.deps.bindings.bind(conversationId, {
      groupCode: group.code,
      ...(options.meetingChat ? { meetingNumber: meeting.number } : {}),
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

  /** Adds an action to the meeting under its next ref. Any member may. */
  async addAction(context: MeetingContext, draft: ActionDraft, actor: Actor): Promise<Action> {
    assertMay(actor, 'addAction');
    return this.deps.actions.addAction(context.group.code, context.meeting.number, (ref) =>
      createAction(draft, ref, actor.person, this.now()),
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
  ): Promise<Action> {
    const action = await this.getAction(group, refText);
    return this.deps.actions.updateAction(action.ref, (current) => {
      assertMay(actor, operation, current);
      return apply(current, this.now());
    });
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
    );
  }

  async listDiscussionItems(context: MeetingContext): Promise<DiscussionItem[]> {
    return this.deps.discussion.listDiscussionItems(context.group.code, context.meeting.number);
  }
}
