import { adaptiveCard, type AdaptiveCard } from './adaptive-card';
import { userText } from './user-text';

/** Options for {@link buildErrorCard}. */
export interface ErrorCardOptions {
  /** What was refused or failed, e.g. "Not done". Defaults to {@link DEFAULT_ERROR_TITLE}. */
  readonly title?: string;
  /**
   * Why, e.g. "Only its owners (Grace Hopper) may mark CCAG03-17 done." Shown as user text: it
   * may quote names, refs or text that users typed.
   */
  readonly message: string;
}

export const DEFAULT_ERROR_TITLE = 'That did not work';

/** The answer to a refused or failed card action: a title and the reason, nothing else. */
export function buildErrorCard(options: ErrorCardOptions): AdaptiveCard {
  return adaptiveCard([
    userText(options.title ?? DEFAULT_ERROR_TITLE, {
      size: 'medium',
      weight: 'bolder',
      color: 'attention',
    }),
    userText(options.message),
  ]);
}
