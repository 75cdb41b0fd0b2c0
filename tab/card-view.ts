import * as AC from 'adaptivecards';

/** A card button pressed: the verb and data (inputs merged) it would send to the bot in Teams. */
export type ExecuteHandler = (verb: string, data: Record<string, unknown>) => void;

// Colours are the Fluent design tokens the page's theme sets (tab/theme.ts) as CSS custom
// properties, so every card follows the Teams theme, and a theme change recolours drawn cards
// without drawing them again. The renderer writes these strings into style attributes as given.
const token = (name: string) => `var(--${name})`;
const foreground = (normal: string, subtle = 'colorNeutralForeground3') => ({
  default: token(normal),
  subtle: token(subtle),
});
const FOREGROUND_COLORS = {
  default: foreground('colorNeutralForeground1'),
  dark: foreground('colorNeutralForeground1'),
  light: foreground('colorNeutralForeground2'),
  accent: foreground('colorBrandForeground1', 'colorBrandForeground2'),
  good: foreground('colorPaletteGreenForeground1'),
  warning: foreground('colorPaletteDarkOrangeForeground1'),
  attention: foreground('colorPaletteRedForeground1'),
};

/** How cards look in the panel: Teams' spacing and type, the theme's colours. */
export const PANEL_HOST_CONFIG = new AC.HostConfig({
  fontFamily: token('fontFamilyBase'),
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 12 },
  separator: { lineThickness: 1, lineColor: token('colorNeutralStroke2') },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  // Card titles sit under the panel's section headings (h2) and area headings (h3).
  textBlock: { headingLevel: 4 },
  containerStyles: {
    default: {
      backgroundColor: token('colorNeutralBackground1'),
      foregroundColors: FOREGROUND_COLORS,
    },
    emphasis: {
      backgroundColor: token('colorNeutralBackground2'),
      foregroundColors: FOREGROUND_COLORS,
    },
    accent: {
      backgroundColor: token('colorBrandBackground2'),
      foregroundColors: FOREGROUND_COLORS,
    },
    good: {
      backgroundColor: token('colorPaletteGreenBackground1'),
      foregroundColors: FOREGROUND_COLORS,
    },
    attention: {
      backgroundColor: token('colorPaletteRedBackground1'),
      foregroundColors: FOREGROUND_COLORS,
    },
    warning: {
      backgroundColor: token('colorPaletteDarkOrangeBackground1'),
      foregroundColors: FOREGROUND_COLORS,
    },
  },
  inputs: {
    label: {
      inputSpacing: 'small',
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
    },
    errorMessage: { size: 'small', color: 'attention' },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 12, style: 'emphasis' },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    wrap: true,
  },
});
// The panel cannot search the chat's members as Teams does: the people picker shows the people
// the card offers, as check boxes. (The option cannot be turned off through the constructor.)
(
  PANEL_HOST_CONFIG.inputs as { allowDynamicallyFilteredChoiceSet: boolean }
).allowDynamicallyFilteredChoiceSet = false;

/**
 * Draws one card JSON (built by the builders in cards/, or answered by the bot's card handler)
 * with the official renderer. `Action.Execute` buttons call `onExecute`; show-cards open in place.
 */
export function renderCard(json: unknown, onExecute: ExecuteHandler): HTMLElement {
  const card = new AC.AdaptiveCard();
  card.hostConfig = PANEL_HOST_CONFIG;
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
  labelFilteredChoices(element);
  return element;
}

/**
 * The renderer labels a filtered choice set's box, not the text field in it, so a screen reader
 * (and anyone finding the field by its label) would meet an unnamed field: it gets the label too.
 */
function labelFilteredChoices(card: HTMLElement): void {
  for (const input of Array.from(
    card.querySelectorAll<HTMLInputElement>('input.ac-choiceSetInput-filtered'),
  )) {
    const labels = input.closest('[aria-labelledby]')?.getAttribute('aria-labelledby');
    if (labels && !input.hasAttribute('aria-labelledby')) {
      input.setAttribute('aria-labelledby', labels);
    }
  }
}
