/**
 * What the side panel's API (`/api/tab/...`, bot/tab-api.ts) and the page (tab/) say to each
 * other. Types only: the page builds the cards itself from these values with the builders in
 * cards/, the same ones the bot uses.
 */
import type { Action } from '../core/action';
import type { DiscussionItem } from '../core/discussion-item';
import type { ActionCardViewer } from '../cards/action-card';
import type { PickablePerson } from '../cards/people-picker';

export const PANEL_API = {
  /** GET `?conversationId=`; answers 304 to `If-None-Match` with the current ETag. */
  board: '/api/tab/board',
  /** POST {@link ExecuteRequest}: a card button pressed in the panel. */
  execute: '/api/tab/execute',
  /**
   * GET, local preview only: {@link PreviewConversation}[] the bot has been in, so the preview
   * can offer them. A server with sign-on has none (404); the preview then asks for an id.
   */
  previewConversations: '/api/tab/preview/conversations',
} as const;

/** A conversation the local preview can open. */
export interface PreviewConversation {
  readonly conversationId: string;
  /** e.g. `Meeting chat · CCAG003`, `My Team - General`. */
  readonly title: string;
}

/** One action as the signed-in user may act on it. History is left out: the cards don't show it. */
export interface BoardAction {
  readonly action: Omit<Action, 'history'> & { readonly history: readonly [] };
  readonly viewer: ActionCardViewer;
}

/** The meeting's actions and discussion items, as the panel shows them. */
export interface Board {
  readonly conversationId: string;
  /** Absent until someone sets the meeting up (the add form then asks for it). */
  readonly meeting?: {
    readonly code: string;
    readonly title?: string;
    readonly groupName: string;
  };
  readonly timeZone: string;
  /** The meeting's areas in the order first used; the add form suggests the last one. */
  readonly areas: readonly string[];
  readonly actions: readonly BoardAction[];
  readonly discussion: readonly DiscussionItem[];
  /** Who the panel acts as. */
  readonly you: { readonly name: string };
  /**
   * The conversation's members the people picker offers in the add form (the panel cannot
   * search them as Teams does); the signed-in user is added from the Teams context.
   */
  readonly people?: readonly PickablePerson[];
}

/** A card button pressed in the panel: the verb and data the card would send in Teams. */
export interface ExecuteRequest {
  readonly conversationId: string;
  readonly verb: string;
  readonly data: Record<string, unknown>;
}

/** The card that replaces the one pressed, exactly as the bot answers the same button in Teams. */
export interface ExecuteResponse {
  readonly card: Record<string, unknown>;
}

/** Any refusal: a sentence for the user, never data. */
export interface PanelError {
  readonly error: string;
}
