import { buildActionCard } from '../cards/action-card';
import { buildActionFormCard } from '../cards/action-form-card';
import { executeActionsOf } from '../cards/card-nodes';
import { CARD_VERBS } from '../cards/card-verbs';
import { buildDiscussionItemCard } from '../cards/discussion-item-card';
import { renderCard, type ExecuteHandler } from './card-view';
import type { Board, BoardAction } from './panel-contract';

/**
 * The panel: the add form, then the meeting's actions and key discussion items grouped by area,
 * each drawn from the same card builders the bot uses. A new board re-draws only the cards whose
 * data changed, so what someone is typing into another card is kept.
 */
export class BoardView {
  private readonly status: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly formSlot: HTMLElement;
  private readonly actionsSlot: HTMLElement;
  private readonly discussionSlot: HTMLElement;
  private readonly shown = new Map<string, { key: string; element: HTMLElement }>();
  private formKey = '';
  private board: Board | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly onExecute: ExecuteHandler,
  ) {
    root.replaceChildren();
    this.heading = element('h1', 'Meeting actions');
    this.status = element('p', '');
    this.status.className = 'status';
    this.status.setAttribute('role', 'status');
    this.formSlot = element('div', '');
    this.formSlot.className = 'form-card';
    this.actionsSlot = element('div', '');
    this.discussionSlot = element('div', '');
    const actionsSection = section('Actions', this.actionsSlot);
    const discussionSection = section('Key discussion items', this.discussionSlot);
    root.append(
      this.heading,
      this.status,
      section('Add an action', this.formSlot, true),
      actionsSection,
      discussionSection,
    );
    root.removeAttribute('aria-busy');
  }

  say(message: string): void {
    this.status.textContent = message;
  }

  /** Shows a board; unchanged cards stay as they are. */
  show(board: Board): void {
    this.board = board;
    this.heading.textContent = board.meeting
      ? `${board.meeting.code} actions${board.meeting.title ? ` · ${board.meeting.title}` : ''}`
      : 'Meeting actions';
    const formKey = JSON.stringify([board.meeting?.code, board.areas]);
    if (formKey !== this.formKey) this.resetForm();
    this.showActions(board);
    this.showDiscussion(board);
  }

  /** The form as the bot answered a submit (errors shown, input kept). */
  showFormCard(card: unknown): void {
    this.formSlot.replaceChildren(renderCard(card, this.onExecute));
  }

  /** A fresh, empty add form. */
  resetForm(): void {
    const board = this.board;
    this.formKey = JSON.stringify([board?.meeting?.code, board?.areas]);
    const card = buildActionFormCard({
      areasInMeeting: board?.areas ?? [],
      meeting: board?.meeting ? { code: board.meeting.code } : { needsSetup: true },
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
        build: () => actionCard(entry, board.timeZone, now),
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
        build: () => buildDiscussionItemCard(item),
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
      slot.replaceChildren(element('p', empty));
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

function actionCard(entry: BoardAction, timeZone: string, now: Date) {
  return buildActionCard({ ...entry.action, history: [] }, { viewer: entry.viewer, now, timeZone });
}

function wrap(card: HTMLElement): HTMLElement {
  const item = document.createElement('li');
  item.append(card);
  return item;
}

function section(title: string, content: HTMLElement, hiddenHeading = false): HTMLElement {
  const id = `h-${title.toLowerCase().replace(/\W+/g, '-')}`;
  const heading = element('h2', title);
  heading.id = id;
  if (hiddenHeading) heading.className = 'visually-hidden';
  const node = document.createElement('section');
  node.setAttribute('aria-labelledby', id);
  node.append(heading, content);
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
