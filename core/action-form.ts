import type { ActionDraft } from './action';
import { parseDueDate } from './due-date';
import { ValidationError } from './errors';
import { FieldCollector, type FormResult } from './form-result';
import { parseOwners } from './owner';
import { TEXT_RULES, checkText } from './text-rules';

/**
 * The action form's input ids, the seed's columns. Card builders and the submit handler both use
 * these, so a renamed input cannot silently lose its value.
 */
export const ACTION_FORM_FIELDS = ['area', 'text', 'owner', 'due', 'update'] as const;

export type ActionFormField = (typeof ACTION_FORM_FIELDS)[number];

/** Options for {@link validateActionDraft}. */
export interface ActionFormOptions {
  /** The group's zone, for a due date given as a date and time. Defaults to Europe/London. */
  readonly timeZone?: string;
}

/**
 * Reads the action form as submitted (`{ area, text, owner, due, update }`, all text) into a
 * draft, or returns every field's error at once so the card can show them all and keep the input.
 * Values that are not text (a forged payload) are errors on their field, never exceptions.
 */
export function validateActionDraft(
  raw: Record<string, unknown>,
  options: ActionFormOptions = {},
): FormResult<ActionDraft, ActionFormField> {
  const fields = new FieldCollector<ActionFormField>();
  const area = fields.check('area', () => checkText(raw.area, TEXT_RULES.area));
  const text = fields.check('text', () => checkText(raw.text, TEXT_RULES.actionText));
  const owners = fields.check('owner', () => parseOwners(asText(raw.owner, 'Owner', 'owner')));
  const due = fields.check('due', () =>
    parseDueDate(asText(raw.due, 'Due date', 'due'), { timeZone: options.timeZone }),
  );
  const update = fields.check('update', () => checkText(raw.update, TEXT_RULES.update));
  return fields.result(() => ({
    area: area ?? '',
    text: text ?? '',
    owners: owners ?? [],
    ...(due ? { due } : {}),
    ...(update ? { update } : {}),
  }));
}

// parseOwners and parseDueDate take a string; a forged payload may send anything.
function asText(value: unknown, label: string, field: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ValidationError(`${label} must be text.`, field);
  return value;
}
