import { fluentButton } from './fluent-elements';
import { PanelClient } from './panel-client';
import { PANEL_API, type PreviewConversation } from './panel-contract';
import { TEAMS_THEMES, applyTheme, teamsThemeOf, type TeamsTheme } from './theme';

/** Opens the panel for a conversation, drawn into `root`. */
export type OpenPanel = (root: HTMLElement, client: PanelClient) => void;

const THEME_NAMES: Record<TeamsTheme, string> = {
  default: 'Light',
  dark: 'Dark',
  contrast: 'High contrast',
};

/**
 * The local preview (`npm start`, no sign-on, from this machine only): the panel as Teams would
 * show it, against the local bot, with the Teams themes to switch between. The conversation is
 * named in the address (`/tab?conversationId=…&theme=dark`); without one the preview offers the
 * conversations the bot has been in, or asks for an id.
 */
export function startPreview(root: HTMLElement, open: OpenPanel): void {
  const params = new URLSearchParams(window.location.search);
  let theme = teamsThemeOf(params.get('theme'));
  applyTheme(theme);
  const panel = document.createElement('div');
  const themeButtons = TEAMS_THEMES.map((name) => {
    const button = fluentButton(THEME_NAMES[name], { size: 'small' });
    button.addEventListener('click', () => {
      theme = name;
      applyTheme(theme);
      mark();
      remember({ theme: name === 'default' ? undefined : name });
    });
    return { name, button };
  });
  const mark = () => {
    for (const { name, button } of themeButtons) {
      button.setAttribute('aria-pressed', String(name === theme));
      button.setAttribute('appearance', name === theme ? 'primary' : 'secondary');
    }
  };
  mark();
  const bar = document.createElement('div');
  bar.className = 'preview-bar';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Preview outside Teams: theme');
  const label = document.createElement('span');
  label.textContent = 'Preview · theme';
  bar.append(label, ...themeButtons.map(({ button }) => button));
  root.replaceChildren(bar, panel);
  root.removeAttribute('aria-busy');

  const conversationId = params.get('conversationId');
  if (conversationId) {
    open(panel, new PanelClient(conversationId, undefined));
    return;
  }
  void chooseConversation(panel, (id) => {
    remember({ conversationId: id });
    open(panel, new PanelClient(id, undefined));
  });
}

/** Keeps the preview's choices in the address, so a reload shows the same. */
function remember(change: { conversationId?: string; theme?: string | undefined }): void {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(change)) {
    if (value) url.searchParams.set(key, value);
    else url.searchParams.delete(key);
  }
  window.history.replaceState(null, '', url);
}

async function chooseConversation(root: HTMLElement, choose: (id: string) => void): Promise<void> {
  const heading = document.createElement('h1');
  heading.textContent = 'Local preview';
  const intro = document.createElement('p');
  intro.className = 'notice';
  intro.textContent =
    'This is the Meeting actions side panel outside Teams, acting against the local bot. ' +
    'Choose a conversation the bot is in.';
  root.replaceChildren(heading, intro);
  const known = await previewConversations();
  if (known.length > 0) {
    const list = document.createElement('ul');
    list.className = 'conversations';
    for (const conversation of known) {
      const item = document.createElement('li');
      const button = fluentButton(conversation.title);
      button.addEventListener('click', () => choose(conversation.conversationId));
      item.append(button);
      list.append(item);
    }
    root.append(list);
    return;
  }
  const form = document.createElement('form');
  form.className = 'conversation-form';
  const input = document.createElement('fluent-text-input');
  input.setAttribute('name', 'conversationId');
  input.setAttribute('required', '');
  input.textContent = 'Conversation id';
  const submit = fluentButton('Open', { type: 'submit', appearance: 'primary' });
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.textContent =
    'Paste the conversation.id of a message the bot received (the Agents Playground shows ' +
    'each activity in its log).';
  form.append(input, submit, hint);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = (input as HTMLElement & { value?: string }).value?.trim();
    if (id) choose(id);
  });
  root.append(form);
}

async function previewConversations(): Promise<PreviewConversation[]> {
  try {
    const response = await fetch(PANEL_API.previewConversations, { cache: 'no-store' });
    if (!response.ok) return [];
    const body = (await response.json()) as unknown;
    return Array.isArray(body)
      ? body.filter(
          (entry): entry is PreviewConversation =>
            typeof entry?.conversationId === 'string' && typeof entry?.title === 'string',
        )
      : [];
  } catch {
    return [];
  }
}
