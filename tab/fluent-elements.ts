import {
  Badge,
  BadgeDefinition,
  Button,
  ButtonDefinition,
  Field,
  FieldDefinition,
  TextInput,
  TextInputDefinition,
} from '@fluentui/web-components';

/**
 * Defines the Fluent UI web components the panel's own chrome uses (the cards are drawn by the
 * Adaptive Cards renderer, styled with the same Fluent tokens). Only these are bundled.
 */
export function registerFluentElements(): void {
  // define() resolves once the element is upgraded; the page renders meanwhile, nothing waits.
  void Badge.define(BadgeDefinition);
  void Button.define(ButtonDefinition);
  void Field.define(FieldDefinition);
  void TextInput.define(TextInputDefinition);
}

/**
 * A `<fluent-button>`. Fluent gives it the button role through ElementInternals, which tools
 * that read the DOM (axe, Playwright, older screen readers) do not see; the attribute says it
 * for them too.
 */
export function fluentButton(
  text: string,
  options: { appearance?: 'primary' | 'secondary'; size?: 'small'; type?: 'submit' } = {},
): HTMLElement {
  const button = document.createElement('fluent-button');
  button.setAttribute('role', 'button');
  for (const [name, value] of Object.entries(options)) button.setAttribute(name, value);
  button.textContent = text;
  return button;
}
