import { buildActionCard, type ActionCardViewer } from '../cards/action-card';
import { buildActionFormCard } from '../cards/action-form-card';
import { executeActionsOf } from '../cards/card-nodes';
import { CARD_VERBS } from '../cards/card-verbs';
import { buildDiscussionItemCard } from '../cards/discussion-item-card';
import type { PickablePerson } from '../cards/people-picker';
import { renderCard, type ExecuteHandler } from './card-view';
import type { Board, BoardAction } from './panel-contract';

/** What the form keeps for the next action after one is added: its area and due date. */
export interface FormPrefill {
  readonly area?: string;
  readonly due?: string;
}

/**
 * The panel: the add form on top, then the meeting's actions and key discussion items grouped by
 * area, each drawn from the same card builders the bot uses. A new board re-draws only the cards
 * whose data changed, so what someone is typing into another card is kept.
 */
export class BoardView {
  private readonly status: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly formSlot: HTMLElement;
  private readonly actionsSlot: HTMLElement;
  private readonly actionsCount: HTMLElement;
  private readonly discussionSlot: HTMLElement;
  private readonly shown = new Map<string, { key: string; element: HTMLElement }>();
  private formKey = '';
  private prefill: FormPrefill = {};
  private board: Board | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly onExecute: ExecuteHandler,
    /** The signed-in user, offered first by the people picker. */
    private readonly you?: PickablePerson,
  ) {
    root.replaceChildren();
    this.heading = element('h1', 'Meeting actions');
    this.subtitle = element('p', '');
    this.subtitle.className = 'subtitle';
    this.status = element('p', '');
    this.status.className = 'status';
    this.status.setAttribute('role', 'status');
    const header = element('header', '');
    header.className = 'panel-header';
    header.append(this.heading, this.subtitle, this.status);
    this.formSlot = element('div', '');
    this.formSlot.className = 'card-surface form-card';
    this.actionsSlot = element('div', '');
    this.actionsCount = document.createElement('fluent-badge');
    this.actionsCount.setAttribute('appearance', 'tint');
    this.actionsCount.setAttribute('color', 'brand');
    this.actionsCount.hidden = true;
    this.discussionSlot = element('div', '');
    root.append(
      header,
      section('Add an action', this.formSlot, { hiddenHeading: true }),
      section('Actions', this.actionsSlot, { badge: this.actionsCount }),
      section('Key discussion items', this.discussionSlot),
    );
    root.removeAttribute('aria-busy');
  }

  say(message: string): void {
    this.status.textContent = message;
  }

  /** Shows a board; unchanged cards stay as they are. */
  show(board: Board): void {
    this.board = board;
    this.heading.textContent = board.meeting ? `${board.meeting.code} actions` : 'Meeting actions';
    this.subtitle.textContent = board.meeting
      ? [board.meeting.title, board.meeting.groupName].filter(Boolean).join(' · ')
      : 'No meeting is set up here yet: the form below sets it up with the first action.';
    const open = board.actions.filter((entry) => entry.action.state === 'open').length;
    this.actionsCount.textContent = `${open} open`;
    this.actionsCount.hidden = board.actions.length === 0;
    const formKey = JSON.stringify([board.meeting?.code, board.areas, board.people]);
    if (formKey !== this.formKey) this.resetForm();
    this.showActions(board);
    this.showDiscussion(board);
  }

  /** The form as the bot answered a submit (errors shown, input kept). */
  showFormCard(card: unknown): void {
    this.formSlot.replaceChildren(renderCard(card, this.onExecute));
  }

  /**
   * A fresh add form. `prefill` (after an action was added: its area and due date) is kept for
   * every later fresh form until another replaces it, as Add another does in chat.
   */
  resetForm(prefill?: FormPrefill): void {
    if (prefill) this.prefill = prefill;
    const board = this.board;
    this.formKey = JSON.stringify([board?.meeting?.code, board?.areas, board?.people]);
    const card = buildActionFormCard({
      areasInMeeting: board?.areas ?? [],
      meeting: board?.meeting ? { code: board.meeting.code } : { needsSetup: true },
      values: {
        ...(this.prefill.area ? { area: this.prefill.area } : {}),
        ...(this.prefill.due ? { due: this.prefill.due } : {}),
      },
      people: [...(this.you ? [this.you] : []), ...(board?.people ?? [])],
    });
    this.formSlot.replaceChildren(renderCard(card, this.onExecute));
  }

  /** An action's card as the bot answered a button (notice or refusal), until its data changes. */
  showActionCard(ref: string, card: unknown): void {
    const current = this.shown.get(`action:${ref}`);
    if (!current) return;
    const replacement = wrap(renderCard(card, this.onExecute));
    current.element.replaceWith(replacement);
    current.element = replacement;
  }

  private showActions(board: Board): void {
    const now = new Date();
    this.showGrouped(
      this.actionsSlot,
      board.actions.map((entry) => ({
        id: `action:${entry.action.ref}`,
        area: entry.action.area,
        key: JSON.stringify(entry),
        build: () => actionCard(entry, board.timeZone, now, this.you),
      })),
      'No actions yet.',
    );
  }

  private showDiscussion(board: Board): void {
    this.showGrouped(
      this.discussionSlot,
      board.discussion.map((item) => ({
        id: `discussion:${item.order}`,
        area: item.area,
        key: JSON.stringify(item),
        build: () => buildDiscussionItemCard(item, { timeZone: board.timeZone }),
      })),
      'No key discussion items yet.',
    );
  }

  private showGrouped(
    slot: HTMLElement,
    entries: Array<{ id: string; area: string; key: string; build: () => unknown }>,
    empty: string,
  ): void {
    if (entries.length === 0) {
      const nothing = element('p', empty);
      nothing.className = 'empty';
      slot.replaceChildren(nothing);
      return;
    }
    const areas = [...new Set(entries.map((entry) => entry.area))];
    const groups = areas.map((area) => {
      const list = element('ul', '');
      list.className = 'cards';
      for (const entry of entries.filter((candidate) => candidate.area === area)) {
        let shown = this.shown.get(entry.id);
        if (!shown || shown.key !== entry.key) {
          shown = { key: entry.key, element: wrap(renderCard(entry.build(), this.onExecute)) };
          this.shown.set(entry.id, shown);
        }
        list.append(shown.element);
      }
      return [element('h3', area), list];
    });
    slot.replaceChildren(...groups.flat());
  }
}

/** True when the bot answered with the add form again (the input was refused). */
export function isActionForm(card: unknown): boolean {
  return executeActionsOf(card).some((action) => action.verb === CARD_VERBS.addAction);
}

/**
 * The panel shows each action with the buttons its card has in chat, where everyone sees Add
 * update, Change due date, Mark done (and Reopen once done): the server answers a button the
 * person may not use with the reason, as it does in chat. Cancel and Edit stay for those who may.
 */
export function panelViewer(entry: BoardAction): ActionCardViewer {
  const { viewer, action } = entry;
  return {
    ...viewer,
    canUpdate: true,
    canReopen: viewer.canReopen || action.state === 'done',
  };
}

function actionCard(entry: BoardAction, timeZone: string, now: Date, you?: PickablePerson) {
  return buildActionCard(
    { ...entry.action, history: [] },
    { viewer: panelViewer(entry), now, timeZone, ...(you ? { people: [you] } : {}) },
  );
}

function wrap(card: HTMLElement): HTMLElement {
  const item = document.createElement('li');
  item.className = 'card-surface';
  item.append(card);
  return item;
}

function section(
  title: string,
  content: HTMLElement,
  options: { hiddenHeading?: boolean; badge?: HTMLElement } = {},
): HTMLElement {
  const id = `h-${title.toLowerCase().replace(/\W+/g, '-')}`;
  const heading = element('h2', title);
  heading.id = id;
  if (options.hiddenHeading) heading.className = 'visually-hidden';
  const node = document.createElement('section');
  node.className = 'panel-section';
  node.setAttribute('aria-labelledby', id);
  if (options.badge) {
    const row = element('div', '');
    row.className = 'section-heading';
    row.append(heading, options.badge);
    node.append(row, content);
  } else {
    node.append(heading, content);
  }
  return node;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  return node;
}
