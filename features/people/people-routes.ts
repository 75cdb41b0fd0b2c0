import * as z from 'zod';
import type { Action } from '../../core/action';
import type { ActionService } from '../../core/action-service';
import { NotFoundError } from '../../core/errors';
import type { Group } from '../../core/group';
import type { DirectoryEntry, DirectoryStore } from '../../core/people/directory';
import { readDirectoryEntry } from '../../core/people/directory-entry';
import { resolveOwners } from '../../core/people/owner-resolution';
import { findPerson, savePerson, type PersonSaveOutcome } from '../../core/people/people-edits';
import { PEOPLE_CARD_VERBS } from '../../cards/card-verbs';
import {
  buildPeopleCard,
  PEOPLE_CARD_INPUTS,
  type PeopleCardOptions,
} from '../../cards/people-card';
import type { AdaptiveCard } from '../../cards/adaptive-card';
import { cardAnswer, type Answer } from '../routing/answer';
import { errorAnswer } from '../routing/front-door';
import { inputText, typedValues } from '../routing/payloads';
import {
  cardRoute,
  commandRoute,
  type FeatureRoutes,
  type Refusal,
  type RouteRequest,
} from '../routing/route';
import { boundGroup } from '../routing/scope';

const CHAIRS_ONLY = "Only the group's chairs may change its directory of people.";

/** What every button of the people card carries: the group it was built for and the page shown. */
const pageButton = z.looseObject({
  groupCode: z.string({ error: 'must name a group' }).max(40),
  page: z.number({ error: 'must be a page number' }).int().min(1).max(10_000),
});

/** A button about one person: their `personKey`. */
const personButton = pageButton.extend({
  key: z.string({ error: 'must name a person' }).min(1).max(600),
});

/** Save person: the form's inputs, and the key of the person edited (absent for a new one). */
const saveButton = pageButton.extend({
  key: z.string().min(1).max(600).optional(),
  name: inputText,
  organisation: inputText,
  email: inputText,
  aadObjectId: inputText,
  guest: inputText,
});

type PageButton = z.infer<typeof pageButton>;

const INPUT_IDS = Object.values(PEOPLE_CARD_INPUTS);

type CardOptions = Omit<PeopleCardOptions, 'groupCode' | 'people' | 'canEdit'>;

/**
 * The chairs' `people` card: the group's directory, paged, with a form to add, change and remove
 * people. The group is always the conversation's own (from its binding); the group a card names
 * only tells a card of another group, which is refused.
 */
export function peopleRoutes(people: DirectoryStore, service: ActionService): FeatureRoutes {
  const card = async (group: Group, canEdit: boolean, options: CardOptions = {}) => {
    const [directory, open] = await Promise.all([
      people.listPeople(group.code),
      canEdit ? service.listOpenActions(group) : Promise.resolve([]),
    ]);
    return buildPeopleCard({
      groupCode: group.code,
      people: directory,
      canEdit,
      ownersToCheck: ownersToCheck(open, directory),
      ...options,
    });
  };

  return {
    commands: [
      commandRoute({
        command: 'people',
        payload: z.string(),
        needs: 'group',
        changes: false,
        run: async (request) => {
          const group = boundGroup(request.scope);
          const { isChair } = await request.actor();
          return cardAnswer(await card(group, isChair));
        },
      }),
    ],
    cards: [
      cardRoute({
        verb: PEOPLE_CARD_VERBS.peoplePage,
        payload: pageButton,
        needs: 'group',
        changes: false,
        run: async (request) => {
          const group = ownGroup(request);
          const { isChair } = await request.actor();
          return cardAnswer(await card(group, isChair, { page: request.payload.page }));
        },
      }),
      cardRoute({
        verb: PEOPLE_CARD_VERBS.editPerson,
        payload: personButton,
        needs: 'chair',
        chairsOnly: CHAIRS_ONLY,
        changes: false,
        run: async (request) => {
          const group = ownGroup(request);
          const editing = await personOf(people, group, request.payload.key);
          return cardAnswer(await card(group, true, { page: request.payload.page, editing }));
        },
        refused: (refusal) => refusedCard(refusal, people, card),
      }),
      cardRoute({
        verb: PEOPLE_CARD_VERBS.savePerson,
        payload: saveButton,
        needs: 'chair',
        chairsOnly: CHAIRS_ONLY,
        changes: true,
        run: async (request) => {
          const group = ownGroup(request);
          const { page, key } = request.payload;
          const entry = readDirectoryEntry(request.payload);
          if (!entry.ok) {
            const editing = key ? await findPerson(people, group.code, key) : undefined;
            return {
              card: await card(group, true, {
                page,
                ...(editing ? { editing } : {}),
                errors: entry.errors,
                values: typedValues(request.payload, INPUT_IDS),
              }),
              unchanged: true,
            };
          }
          const outcome = await savePerson(people, group.code, entry.value, key);
          return cardAnswer(await card(group, true, { page, notice: saved(entry.value, outcome) }));
        },
        refused: (refusal) => refusedCard(refusal, people, card),
      }),
      cardRoute({
        verb: PEOPLE_CARD_VERBS.removePerson,
        payload: personButton,
        needs: 'chair',
        chairsOnly: CHAIRS_ONLY,
        changes: true,
        run: async (request) => {
          const group = ownGroup(request);
          const person = await personOf(people, group, request.payload.key);
          await people.removePerson(group.code, person);
          return cardAnswer(
            await card(group, true, {
              page: request.payload.page,
              notice: `${person.name} was removed from the directory.`,
            }),
          );
        },
        refused: (refusal) => refusedCard(refusal, people, card),
      }),
    ],
  };
}

/**
 * The conversation's group, refusing a card built for another group (a card kept from another
 * conversation, or forged): its keys and pages are not this group's.
 */
function ownGroup(request: RouteRequest<PageButton>): Group {
  const group = boundGroup(request.scope);
  if (!isCardOf(group, request.payload.groupCode)) {
    throw new NotFoundError(
      `This card shows the people of ${request.payload.groupCode}, not of ${group.code}; ` +
        'type people for this group’s directory.',
    );
  }
  return group;
}

/**
 * The owners of the group's open actions that the directory cannot settle, for the chair to fix:
 * a name several people share, or one nobody has. An organisation named alone is fine (its
 * reminders go to the channel).
 */
function ownersToCheck(open: readonly Action[], directory: readonly DirectoryEntry[]) {
  const owners = new Map(
    open.flatMap((action) => action.owners).map((owner) => [owner.display, owner]),
  );
  return resolveOwners([...owners.values()], directory).filter(
    (resolution) =>
      resolution.status === 'ambiguous' ||
      (resolution.status === 'noPerson' &&
        (resolution.reason !== 'organisation' || resolution.unmatched.length > 0)),
  );
}

/** True when a card's `groupCode` is this group's (as typed codes are: case and spaces ignored). */
function isCardOf(group: Group, groupCode: unknown): boolean {
  return typeof groupCode === 'string' && groupCode.trim().toUpperCase() === group.code;
}

async function personOf(
  people: DirectoryStore,
  group: Group,
  key: string,
): Promise<DirectoryEntry> {
  const person = await findPerson(people, group.code, key);
  if (!person) {
    throw new NotFoundError('That person is no longer in the directory: someone removed them.');
  }
  return person;
}

function saved(entry: DirectoryEntry, outcome: PersonSaveOutcome): string {
  if (outcome === 'added') return `${entry.name} was added.`;
  if (outcome === 'changed') return `${entry.name}’s details were saved.`;
  return `Nothing was changed for ${entry.name}.`;
}

/**
 * A chair's refused change comes back on the card with the reason and what was typed; anyone else
 * (not a chair, a card of another group or conversation) gets the reason alone.
 */
async function refusedCard(
  refusal: Refusal,
  people: DirectoryStore,
  card: (group: Group, canEdit: boolean, options: CardOptions) => Promise<AdaptiveCard>,
): Promise<Answer> {
  const request = refusal.request;
  const scope = refusal.scope;
  if (!request || !scope || scope.kind === 'unbound') return errorAnswer(refusal.message);
  const raw = (refusal.raw ?? {}) as { groupCode?: unknown; page?: unknown; key?: unknown };
  if (!isCardOf(scope.group, raw.groupCode)) return errorAnswer(refusal.message);
  try {
    const editing =
      typeof raw.key === 'string' ? await findPerson(people, scope.group.code, raw.key) : undefined;
    return cardAnswer(
      await card(scope.group, true, {
        ...(typeof raw.page === 'number' ? { page: raw.page } : {}),
        ...(editing ? { editing } : {}),
        message: refusal.message,
        values: typedValues(raw, INPUT_IDS),
      }),
    );
  } catch {
    return errorAnswer(refusal.message);
  }
}
