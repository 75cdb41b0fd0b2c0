import { ValidationError } from '../core/errors';

/**
 * A string property holds at most 64 KiB (32K UTF-16 characters), so a value that grows — an
 * action's updates and history — is written as JSON split over numbered columns `name0`,
 * `name1`, … with `nameParts` saying how many. An entity holds at most 1 MiB and 255 properties,
 * which bounds how far it can grow; past that the change is refused, never truncated.
 */
const PART_LENGTH = 30_000;
/** Leaves room under the 1 MiB entity limit for the other properties. */
const MAX_PARTS = 14;

export function writeJsonColumns(
  name: string,
  value: unknown,
  owner: string,
): Record<string, unknown> {
  const json = JSON.stringify(value);
  const parts = Math.max(1, Math.ceil(json.length / PART_LENGTH));
  if (parts > MAX_PARTS) {
    throw new ValidationError(
      `${owner} has grown too large to store another change (its ${name} need ${json.length} characters). ` +
        'Close it and raise a new action to continue.',
      name,
    );
  }
  const columns: Record<string, unknown> = { [`${name}Parts`]: parts };
  for (let index = 0; index < parts; index++) {
    columns[`${name}${index}`] = json.slice(index * PART_LENGTH, (index + 1) * PART_LENGTH);
  }
  return columns;
}

export function readJsonColumns<T>(entity: Record<string, unknown>, name: string): T {
  const parts = Number(entity[`${name}Parts`] ?? 0);
  let json = '';
  for (let index = 0; index < parts; index++) json += String(entity[`${name}${index}`] ?? '');
  return JSON.parse(json || 'null') as T;
}
