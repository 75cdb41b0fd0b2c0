import type { CardElement, InputChoiceSet } from './adaptive-card';
import { fieldError } from './form-input';
import { neutraliseMentions } from './user-text';

/** The picker's label; the free-text field beside it keeps its own, **Owner**. */
export const PEOPLE_PICKER_LABEL = 'People in this chat';

/** Teams' dataset of the members of the chat or channel the card is in. */
export const PEOPLE_IN_THIS_CHAT = 'graph.microsoft.com/users?scope=currentContext';

/** Someone the picker offers before anyone types: a Teams user with an Entra object id. */
export interface PickablePerson {
  readonly aadObjectId: string;
  readonly name: string;
}

/** Options for {@link peoplePicker}. */
export interface PeoplePickerOptions {
  readonly id: string;
  /**
   * People offered before anyone types (the person adding, earlier owners). Teams adds the
   * chat's members as the user types; these also give the official renderer, which cannot
   * search, something to show. With nobody to offer, the picker is left out.
   */
  readonly people: readonly PickablePerson[];
  /** The people picked so far: their object ids, comma separated, as the picker sends them. */
  readonly value?: string;
  readonly error?: string;
}

/**
 * The Teams people picker (`Input.ChoiceSet` with `choices.data` of this chat's members,
 * several at once), then its error. Its value is the picked people's Entra object ids, comma
 * separated; core/owner `readOwnerInputs` reads it with the Owner text beside it.
 */
export function peoplePicker(options: PeoplePickerOptions): CardElement[] {
  const choices = distinctPeople(options.people).map((person) => ({
    title: neutraliseMentions(person.name),
    value: person.aadObjectId,
  }));
  if (choices.length === 0) return [];
  const picker: InputChoiceSet = {
    type: 'Input.ChoiceSet',
    id: options.id,
    label: PEOPLE_PICKER_LABEL,
    isMultiSelect: true,
    choices,
    'choices.data': { type: 'Data.Query', dataset: PEOPLE_IN_THIS_CHAT },
    ...(options.value ? { value: options.value } : {}),
  };
  return [picker, ...fieldError(options.error)];
}

/**
 * The people of `candidates` the picker can offer: those with an Entra object id (the command
 * line's administrator has none), each once.
 */
export function pickablePeople(
  candidates: ReadonlyArray<{ readonly aadObjectId?: string; readonly name: string }>,
): PickablePerson[] {
  return distinctPeople(
    candidates.flatMap((person) =>
      person.aadObjectId ? [{ aadObjectId: person.aadObjectId, name: person.name }] : [],
    ),
  );
}

function distinctPeople(people: readonly PickablePerson[]): PickablePerson[] {
  const seen = new Set<string>();
  return people.filter((person) => {
    const key = person.aadObjectId.toLowerCase();
    if (seen.has(key) || person.name.trim() === '') return false;
    seen.add(key);
    return true;
  });
}
