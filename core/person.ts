import { ValidationError } from './errors';
import { TEXT_LIMITS, checkText } from './text-rules';

/**
 * Someone who did something: a Teams user (`id` is the bot-facing `29:…` id) or the
 * administrator's command line (`id` is `cli`).
 */
export interface Person {
  readonly id: string;
  /** The Entra ID object id, stable across conversations and apps; absent for `cli`. */
  readonly aadObjectId?: string;
  readonly name: string;
}

/** The person recorded for changes made from the administrator's command line. */
export const CLI_PERSON: Person = { id: 'cli', name: 'Administrator (command line)' };

/**
 * Checks a person before it is recorded on an action or item.
 *
 * @throws ValidationError (field `by` unless given) for a missing id or name or unusable text.
 */
export function checkPerson(person: Person, field = 'by'): Person {
  if (typeof person !== 'object' || person === null) {
    throw new ValidationError('Who made the change is missing.', field);
  }
  const id = checkText(person.id, {
    field,
    label: "The person's id",
    maxLength: TEXT_LIMITS.personId,
    required: true,
    multiline: false,
  });
  const name = checkText(person.name, {
    field,
    label: "The person's name",
    maxLength: TEXT_LIMITS.personName,
    required: true,
    multiline: false,
  });
  const aadObjectId = checkText(person.aadObjectId, {
    field,
    label: "The person's Entra object id",
    maxLength: TEXT_LIMITS.personId,
    required: false,
    multiline: false,
  });
  return aadObjectId === '' ? { id, name } : { id, aadObjectId, name };
}

/**
 * True when both name the same user: the same Teams id, or the same Entra object id (the ids a
 * bot sees differ between apps and tenants, the object id does not).
 */
export function isSamePerson(
  a: Pick<Person, 'id' | 'aadObjectId'>,
  b: Pick<Person, 'id' | 'aadObjectId'>,
): boolean {
  if (a.id === b.id) return true;
  return a.aadObjectId !== undefined && a.aadObjectId !== '' && a.aadObjectId === b.aadObjectId;
}
