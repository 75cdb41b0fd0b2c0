import type { Table } from './table-element';

/**
 * The subset of the Adaptive Card schema (1.5) this app sends, typed so that a builder cannot
 * produce a misspelt property. Every card is also parsed by the official `adaptivecards` parser in
 * the tests.
 */
export const CARD_SCHEMA_VERSION = '1.5';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type TextSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type TextWeight = 'lighter' | 'default' | 'bolder';
export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  spacing?: 'none' | 'small' | 'default' | 'medium' | 'large';
  separator?: boolean;
  style?: 'default' | 'heading';
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet {
  type: 'FactSet';
  facts: Fact[];
  spacing?: TextBlock['spacing'];
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  spacing?: TextBlock['spacing'];
  separator?: boolean;
}

/**
 * A run of plain text inside a {@link RichTextBlock}. Unlike a TextBlock's text, a run is never
 * processed as markdown, so it is how user text reaches a card (see `user-text.ts`).
 */
export interface TextRun {
  type: 'TextRun';
  text: string;
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  italic?: boolean;
  fontType?: 'default' | 'monospace';
}

export interface RichTextBlock {
  type: 'RichTextBlock';
  inlines: TextRun[];
  spacing?: TextBlock['spacing'];
  separator?: boolean;
}

/** Properties every input shares: its id (the key in the submitted data) and its label. */
interface InputBase {
  id: string;
  label?: string;
  value?: string;
  isRequired?: boolean;
  /** Shown by the client when `isRequired` or another client-side check fails. */
  errorMessage?: string;
  spacing?: TextBlock['spacing'];
}

export interface InputText extends InputBase {
  type: 'Input.Text';
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
}

/** A date picker; its value is `yyyy-mm-dd`. */
export interface InputDate extends InputBase {
  type: 'Input.Date';
}

/** A time picker; its value is `HH:mm`. */
export interface InputTime extends InputBase {
  type: 'Input.Time';
}

/** A yes/no switch; its value is `valueOn` or `valueOff` (default `true` / `false`). */
export interface InputToggle extends InputBase {
  type: 'Input.Toggle';
  title: string;
  valueOn?: string;
  valueOff?: string;
}

/** One choice of an Input.ChoiceSet: `title` is shown, `value` is sent. */
export interface Choice {
  title: string;
  value: string;
}

/**
 * A choice of values. `filtered` lets the user type to narrow long lists (Teams' static
 * typeahead); `choices.data` fetches choices as the user types, e.g. Teams' people picker
 * (`graph.microsoft.com/users?scope=currentContext`), whose value is the picked users' Entra
 * object ids, comma separated when `isMultiSelect`.
 */
export interface InputChoiceSet extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  style?: 'compact' | 'expanded' | 'filtered';
  isMultiSelect?: boolean;
  placeholder?: string;
  wrap?: boolean;
  'choices.data'?: { type: 'Data.Query'; dataset: string };
}

export type CardInput = InputText | InputDate | InputTime | InputToggle | InputChoiceSet;

/**
 * A Universal Action: Teams sends an `adaptiveCard/action` invoke carrying `verb` and `data`
 * (with the associated inputs merged into `data`), and the bot answers with the card to show.
 */
export interface ActionExecute {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data?: Record<string, unknown>;
  /** `auto` sends the inputs of this card (and of the card a ShowCard sits in); `none` sends none. */
  associatedInputs?: 'auto' | 'none';
  style?: 'default' | 'positive' | 'destructive';
}

/** The card an Action.ShowCard reveals in place; it takes no schema or version of its own. */
export interface ShownCard {
  type: 'AdaptiveCard';
  body: CardElement[];
  actions?: CardAction[];
}

export interface ActionShowCard {
  type: 'Action.ShowCard';
  title: string;
  card: ShownCard;
}

export type CardAction = ActionExecute | ActionShowCard;

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
  spacing?: TextBlock['spacing'];
}

/**
 * How Teams keeps a card current: for the listed users (at most 60) it sends `action` when the
 * card is shown and replaces the card with the answer.
 */
export interface CardRefresh {
  action: ActionExecute;
  userIds?: string[];
}

export type CardElement =
  | TextBlock
  | FactSet
  | Container
  | RichTextBlock
  | InputText
  | InputDate
  | InputTime
  | InputToggle
  | InputChoiceSet
  | ActionSet
  | Table;

/** An @mention in a card: `text` must appear verbatim (`<at>Name</at>`) in a TextBlock. */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: typeof CARD_SCHEMA_VERSION;
  body: CardElement[];
  actions?: unknown[];
  refresh?: CardRefresh;
  msteams?: { width?: 'Full'; entities?: MentionEntity[] };
}

/** Options for {@link adaptiveCard}. */
export interface AdaptiveCardOptions {
  /** Makes the card update itself for its viewers (Universal Actions). */
  refresh?: CardRefresh;
}

/** A card with the schema, version and Teams' full width set. */
export function adaptiveCard(
  body: CardElement[],
  actions?: unknown[],
  options: AdaptiveCardOptions = {},
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_SCHEMA_VERSION,
    ...(options.refresh ? { refresh: options.refresh } : {}),
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/** The card an Action.ShowCard reveals. */
export function shownCard(body: CardElement[], actions: CardAction[] = []): ShownCard {
  return { type: 'AdaptiveCard', body, ...(actions.length > 0 ? { actions } : {}) };
}

/** A button that sends `verb` and `data` to the bot as a Universal Action. */
export function executeAction(
  title: string,
  verb: string,
  data: Record<string, unknown>,
  options: Pick<ActionExecute, 'associatedInputs' | 'style'> = {},
): ActionExecute {
  return { type: 'Action.Execute', title, verb, data, ...options };
}

/** A button that reveals `card` in place, e.g. a small form for one change. */
export function showCardAction(title: string, card: ShownCard): ActionShowCard {
  return { type: 'Action.ShowCard', title, card };
}

export function textBlock(text: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function heading(text: string): TextBlock {
  return textBlock(text, { size: 'medium', weight: 'bolder', style: 'heading' });
}

export function factSet(facts: Fact[]): FactSet {
  return { type: 'FactSet', facts };
}
