import { COMMANDS } from '../core/commands';
import { adaptiveCard, factSet, heading, textBlock, type AdaptiveCard } from './adaptive-card';

export const HELP_CARD_TITLE = 'Meeting Actions — help';

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
    textBlock('Shortcuts: "CCAG03-04 done", "CCAG03-04 update <text>", "CCAG03-04 due 30/03/22".', {
      isSubtle: true,
      size: 'small',
    }),
  ]);
}
