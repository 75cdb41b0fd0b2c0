import { MessageFactory, type TurnContext } from 'botbuilder';
import type { ActionService } from '../../core/action-service';
import { reminderPolicyOf } from '../../core/reminders/reminder-policy';
import { buildReminderPolicyCard } from '../../cards/reminders/reminder-policy-card';
import type { Logger } from '../../host/logger';
import { cardMessage, errorMessage } from '../../teams/responses';
import type { ReminderSweep } from '../../core/reminders/reminder-sweep';
import { isMeetingOrganizer } from '../../teams/roster';
import { turnInfoOf } from '../../teams/turn';

/** Sends reminders now (the sweep, in the app). */
export type ReminderNudger = Pick<ReminderSweep, 'nudge'>;

const NO_GROUP = 'No group is set up in this conversation yet. Type "meeting" to set one up first.';

/** The chairs' `reminders` (the policy card) and `remind` (nudge owners now) commands. */
export class ReminderCommands {
  constructor(
    private readonly service: ActionService,
    private readonly log: Logger,
    private readonly nudger?: ReminderNudger,
  ) {}

  async showPolicy(context: TurnContext): Promise<void> {
    const found = await this.groupAndActor(context);
    if (!found) return;
    const { group, actor } = found;
    await context.sendActivity(
      cardMessage(
        buildReminderPolicyCard(reminderPolicyOf(group), {
          groupCode: group.code,
          timeZone: group.timeZone,
          canEdit: actor.isChair,
        }),
      ),
    );
  }

  /** `remind` nudges the owners of every overdue action; `remind CCAG03-01 CCAG03-04` of those. */
  async remind(context: TurnContext, argument: string): Promise<void> {
    const found = await this.groupAndActor(context);
    if (!found) return;
    const { group, actor } = found;
    if (!actor.isChair) {
      await context.sendActivity(errorMessage("Only the group's chairs may nudge owners."));
      return;
    }
    if (!this.nudger) {
      await context.sendActivity(
        errorMessage('Reminders cannot be sent from here.', 'Not available'),
      );
      return;
    }
    const refs = argument
      .split(/[\s,]+/)
      .map((ref) => ref.trim().toUpperCase())
      // Only ref-shaped words: what is echoed back must not carry markup.
      .filter((ref) => /^[A-Z0-9-]{1,40}$/.test(ref));
    const report = await this.nudger.nudge(group, refs, context.activity.id ?? String(Date.now()));
    const owners = new Set(report.digests.map((digest) => digest.owner)).size;
    const what = refs.length > 0 ? refs.join(', ') : 'the overdue actions';
    const lines =
      report.due === 0
        ? [
            `Nothing to nudge: no open ${refs.length > 0 ? 'action among ' + what : 'action is overdue'}.`,
          ]
        : [
            `Nudged ${owners} owner(s) about ${what}: ${report.sent} reminder(s) sent` +
              (report.fellBack > 0
                ? ` (${report.fellBack} in the channel after a personal chat refused)`
                : '') +
              (report.failed > 0
                ? `, ${report.failed} failed and will be retried by the next sweep`
                : '') +
              (report.skipped > 0 ? `, ${report.skipped} sent already` : '') +
              '.',
          ];
    await context.sendActivity(MessageFactory.text(lines.join('\n')));
  }

  /** The conversation's group and the acting person's role in it; says so when there is none. */
  private async groupAndActor(context: TurnContext) {
    const turn = turnInfoOf(context);
    const group = await this.service.groupOf(turn.conversationId);
    if (!group) {
      await context.sendActivity(errorMessage(NO_GROUP, 'No group yet'));
      return undefined;
    }
    const isOrganizer = await isMeetingOrganizer(context, this.log);
    return { group, actor: this.service.actorFor(turn.person, group, isOrganizer) };
  }
}
