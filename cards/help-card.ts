import { COMMANDS } from '../core/commands';
import { CONFIRM_PAST_WORD } from '../core/shortcuts';
import { adaptiveCard, factSet, heading, textBlock, type AdaptiveCard } from './adaptive-card';
import { richTextBlock } from './user-text';

export const HELP_CARD_TITLE = 'Meeting Actions — help';

/**
 * The plain-text shortcuts: what to type, with placeholders in angle brackets (optional parts in
 * square ones), and what each does.
 */
export const SHORTCUTS: ReadonlyArray<{ readonly usage: string; readonly description: string }> = [
  { usage: 'CCAG03-04 update <text>', description: 'adds an update to the action' },
  {
    usage: 'CCAG03-04 due <date> [reason]',
    description: 'moves the due date: 30/03/22, next Tuesday, 15 Jan 2027, in 2 weeks',
  },
  {
    usage: `CCAG03-04 due <date> ${CONFIRM_PAST_WORD} [reason]`,
    description: `moves it to a date that has passed (without "${CONFIRM_PAST_WORD}" I ask first)`,
  },
  { usage: 'CCAG03-04 done', description: 'marks the action done' },
  { usage: 'CCAG03-04 reopen', description: 'reopens a done action' },
  { usage: 'CCAG03-04', description: 'shows the action' },
];

/** Every command the bot understands, with what it does; built from the one command list. */
export function buildHelpCard(): AdaptiveCard {
  return adaptiveCard([
    heading(HELP_CARD_TITLE),
    textBlock(
      'Capture the actions agreed in a meeting, chase their owners and issue the headline report. ' +
        'In a channel or meeting chat, @mention me before a command.',
      { isSubtle: true },
    ),
    factSet(COMMANDS.map((command) => ({ title: command.usage, value: command.description }))),
    textBlock('Shortcuts: type an action’s ref, then what to do', {
      weight: 'bolder',
      spacing: 'medium',
    }),
    // RichTextBlocks, not a FactSet: its values are markdown, and "<text>" must show as typed.
    ...SHORTCUTS.map((shortcut) =>
      richTextBlock(
        [
          { type: 'TextRun', text: shortcut.usage, fontType: 'monospace' },
          { type: 'TextRun', text: ` — ${shortcut.description}`, isSubtle: true },
        ],
        { spacing: 'small' },
      ),
    ),
  ]);
}
