import * as AC from 'adaptivecards';

/** A card button pressed: the verb and data (inputs merged) it would send to the bot in Teams. */
export type ExecuteHandler = (verb: string, data: Record<string, unknown>) => void;

/**
 * Draws one card JSON (built by the builders in cards/, or answered by the bot's card handler)
 * with the official renderer. `Action.Execute` buttons call `onExecute`; show-cards open in place.
 */
export function renderCard(json: unknown, onExecute: ExecuteHandler): HTMLElement {
  const card = new AC.AdaptiveCard();
  card.onExecuteAction = (action) => {
    if (action instanceof AC.ExecuteAction) {
      onExecute(action.verb, { ...((action.data as Record<string, unknown>) ?? {}) });
    }
  };
  card.parse(json);
  const element = card.render();
  if (!element) {
    const fallback = document.createElement('p');
    fallback.textContent = 'This card could not be shown.';
    return fallback;
  }
  return element;
}
