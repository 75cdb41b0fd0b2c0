import * as z from 'zod';

/**
 * Pieces of payload schemas the routes share. Card data arrives as JSON that anyone can forge;
 * these check the shape only (text where text belongs). What text is acceptable is the domain's
 * to say (core/text-rules.ts), so its messages name the field the way the form does.
 */

/** A text input's value: absent, or text. */
export const inputText = z.string({ error: 'must be text' }).optional().nullable();

/** An action ref as a card carries it (`CCAG03-01`); whether it exists is checked later. */
export const refText = z
  .string({ error: 'must name an action' })
  .trim()
  .min(1, 'must name an action')
  .max(40, 'is not an action ref');

/** Card data whose inputs the route's own validator reads field by field. */
export const formData = z.record(z.string(), z.unknown());

/** Data of a button about one action (`{ ref }`, plus the inputs of its small form). */
export const actionButton = z.looseObject({ ref: refText });

/** The text after a command word, capped (a prefill longer than a field holds is cut there). */
export function argumentText(maxLength: number) {
  return z.string().transform((text) => text.slice(0, maxLength));
}

/** The text value of a form input, for showing back what was typed; non-text is dropped. */
export function typedValues<F extends string>(
  data: unknown,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const values: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const value = record[field];
    if (typeof value === 'string') values[field] = value;
  }
  return values;
}

/** An input's value as text: absent is empty. */
export function textValue(value: string | null | undefined): string {
  return value ?? '';
}
