/**
 * The bot's commands as a user types them (after the @mention is removed). One list serves the
 * help card, the command parser and the app manifest's command list, so they cannot drift apart.
 */
export const COMMANDS = [
  { name: 'help', usage: 'help', description: 'Show what the bot can do' },
  { name: 'add', usage: 'add [text]', description: 'Add an action (opens the action form)' },
  { name: 'discuss', usage: 'discuss', description: 'Record a key discussion item' },
  { name: 'list', usage: 'list', description: "List this meeting's actions" },
  { name: 'open', usage: 'open', description: "List the group's open actions" },
  { name: 'mine', usage: 'mine', description: 'List the open actions you own' },
  { name: 'overdue', usage: 'overdue', description: 'List overdue actions' },
  { name: 'show', usage: 'show [ref]', description: 'Show one action, e.g. show CCAG03-01' },
  { name: 'meeting', usage: 'meeting', description: 'Set up or edit this meeting' },
  { name: 'report', usage: 'report', description: 'Chairs: preview and issue the headline report' },
  { name: 'remind', usage: 'remind', description: 'Chairs: nudge owners now' },
  {
    name: 'reminders',
    usage: 'reminders',
    description: 'Chairs: when owners are reminded of their actions',
  },
  { name: 'people', usage: 'people', description: "Chairs: the group's directory of people" },
] as const;

export type CommandName = (typeof COMMANDS)[number]['name'];

/**
 * Commands the app manifest's command menu leaves out: Teams shows at most 12 bot commands, and
 * the bot has more. They work when typed, and the help card lists them.
 */
export const UNLISTED_COMMANDS: readonly CommandName[] = ['people'];

export interface ParsedCommand {
  readonly name: CommandName;
  /** Everything after the command word, trimmed; empty when nothing followed. */
  readonly argument: string;
}

const COMMAND_NAMES: ReadonlySet<string> = new Set(COMMANDS.map((command) => command.name));

/**
 * Reads a command from what the user typed. Case is ignored and surrounding white space dropped;
 * returns undefined when the first word is not a command.
 */
export function parseCommand(text: string): ParsedCommand | undefined {
  const trimmed = text.trim();
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (!match) return undefined;
  const word = (match[1] ?? '').toLowerCase();
  if (!COMMAND_NAMES.has(word)) return undefined;
  return { name: word as CommandName, argument: (match[2] ?? '').trim() };
}
