import { escapeUTF8 } from 'entities';
import { formatDueDate, formatShortDate } from '../../core/due-date';
import type { MailMessage } from '../../core/mail';
import type {
  ReminderItem,
  ReminderMail,
  ReminderMailRenderer,
} from '../../core/reminders/reminder-ports';
import { localDate } from '../../core/time-zone';
import { reminderStatus, whereFrom } from './reminder-card';

/** Options for {@link reminderMailRenderer}. */
export interface ReminderMailOptions {
  /** A link that opens the action in Teams (the bot's chat, showing it); absent: none is given. */
  readonly actionLink?: (ref: string) => string | undefined;
}

/**
 * A link that opens the bot's chat in Teams with `show <ref>` typed in, ready to send: Teams'
 * chat deep link with the bot (`28:<app id>`) and a prefilled message.
 */
export function teamsActionLink(botAppId: string): (ref: string) => string {
  return (ref) =>
    `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(`28:${botAppId}`)}` +
    `&message=${encodeURIComponent(`show ${ref}`)}`;
}

/**
 * A reminder by e-mail, carrying what the reminder card carries: for whom, each action with its
 * group and meeting, its standing, its text, its due date (UK format), its latest update, and a
 * link that opens it in Teams; as HTML and as plain text.
 */
export function reminderMailRenderer(options: ReminderMailOptions = {}): ReminderMailRenderer {
  return (mail) => renderReminderMail(mail, options);
}

export function renderReminderMail(
  mail: ReminderMail,
  options: ReminderMailOptions = {},
): MailMessage {
  const { items, now } = mail;
  const groups = [...new Set(items.map((item) => item.groupName ?? item.action.groupCode))];
  const first = items[0];
  const subject =
    items.length === 1 && first
      ? `Reminder: ${first.action.ref} ${reminderStatus(first, now).toLowerCase()} – ${groups[0]}`
      : `Reminder: ${items.length} actions due – ${groups.join(', ')}`;
  const intro =
    items.length === 1 ? 'This action of yours is due:' : 'These actions of yours are due:';
  const link = (item: ReminderItem) => options.actionLink?.(item.action.ref);
  const text = [
    `Hello ${mail.owner},`,
    '',
    intro,
    '',
    ...items.flatMap((item) => [
      `${item.action.ref} · ${reminderStatus(item, now)}`,
      `Group: ${whereFrom(item)}`,
      `Action: ${item.action.text}`,
      ...(item.action.due ? [`Due date: ${formatDueDate(item.action.due)}`] : []),
      ...latestUpdate(item).map((update) => `Latest update: ${update}`),
      ...(link(item) ? [`Open in Teams: ${link(item)}`] : []),
      '',
    ]),
    howToAnswer(first?.action.ref),
    '',
    `Sent by Meeting Actions on ${formatShortDate(localDate(now, first?.timeZone))}.`,
  ].join('\n');
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en-GB"><head><meta charset="utf-8">',
    `<title>${escapeUTF8(subject)}</title></head>`,
    '<body style="font-family: Segoe UI, Helvetica, Arial, sans-serif; font-size: 14px;">',
    `<p>Hello ${escapeUTF8(mail.owner)},</p>`,
    `<p>${escapeUTF8(intro)}</p>`,
    ...items.map((item) => itemHtml(item, now, link(item))),
    `<p>${escapeUTF8(howToAnswer(first?.action.ref))}</p>`,
    `<p style="color: #616161;">Sent by Meeting Actions on ${formatShortDate(localDate(now, first?.timeZone))}.</p>`,
    '</body></html>',
  ].join('\n');
  return { to: mail.to, subject, text, html, idempotencyKey: mail.idempotencyKey };
}

function itemHtml(item: ReminderItem, now: Date, link: string | undefined): string {
  const { action } = item;
  const status = reminderStatus(item, now);
  const overdue = status.startsWith('Overdue');
  const rows = [
    ['Group', whereFrom(item)],
    ['Action', action.text],
    ...(action.due ? [['Due date', formatDueDate(action.due)]] : []),
    ...latestUpdate(item).map((update) => ['Latest update', update]),
  ];
  return [
    '<div style="border-top: 1px solid #e0e0e0; padding: 8px 0;">',
    `<p style="margin: 0;"><strong>${escapeUTF8(action.ref)}</strong> · ` +
      `<span style="color: ${overdue ? '#c4314b' : '#242424'};">${escapeUTF8(status)}</span></p>`,
    '<table role="presentation" style="border-collapse: collapse;">',
    ...rows.map(
      ([label, value]) =>
        `<tr><th style="text-align: left; padding: 2px 12px 2px 0; vertical-align: top;">${escapeUTF8(label ?? '')}</th>` +
        `<td style="padding: 2px 0; white-space: pre-wrap;">${escapeUTF8(value ?? '')}</td></tr>`,
    ),
    '</table>',
    ...(link
      ? [
          `<p style="margin: 4px 0;"><a href="${escapeUTF8(link)}">Open ${escapeUTF8(action.ref)} in Teams</a></p>`,
        ]
      : []),
    '</div>',
  ].join('\n');
}

function latestUpdate(item: ReminderItem): string[] {
  const last = item.action.updates[item.action.updates.length - 1];
  return last ? [last.text] : [];
}

function howToAnswer(ref = 'CCAG03-01'): string {
  return (
    `To update an action, tell the Meeting Actions bot in Teams, e.g. "${ref} done" or ` +
    `"${ref} update …", or reply to the group's chair.`
  );
}
