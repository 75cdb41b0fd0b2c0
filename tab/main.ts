import { pages } from '@microsoft/teams-js';
import { CARD_VERBS } from '../cards/card-verbs';
import { BoardView, isActionForm, type FormPrefill } from './board-view';
import { registerFluentElements } from './fluent-elements';
import { PanelClient, PanelRequestError } from './panel-client';
import { startPreview } from './preview';
import { connectToTeams } from './teams-connection';
import { applyTheme } from './theme';

/** How often the panel asks whether the board changed (a 304 when nothing did). */
export const POLL_INTERVAL_MS = 5000;

export const OUTSIDE_TEAMS_MESSAGE =
  'Open this page in Microsoft Teams: it is the Meeting actions side panel. In a Teams ' +
  'meeting, add the Meeting Actions app, then open its tab beside the meeting.';

void start();

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  registerFluentElements();
  const page = document.body.dataset.page;
  const localPreview = document.body.dataset.localPreview === 'true';
  const connection = await connectToTeams();
  if (connection.kind === 'outside') {
    applyTheme('default');
    if (localPreview && page === 'content') {
      startPreview(root, (panel, client) => startPanel(panel, client, undefined));
      return;
    }
    showMessage(root, 'Not in Teams', OUTSIDE_TEAMS_MESSAGE);
    return;
  }
  applyTheme(connection.theme);
  connection.onThemeChange(applyTheme);
  if (page === 'configure') {
    configure(root);
    return;
  }
  if (!connection.conversationId) {
    showMessage(root, 'No meeting', 'Open this tab in a meeting or its chat to see its actions.');
    return;
  }
  startPanel(root, new PanelClient(connection.conversationId, connection.token), connection.user);
}

/** The configuration page Teams shows when the tab is added: saving points the tab at /tab. */
function configure(root: HTMLElement): void {
  showMessage(
    root,
    'Meeting actions',
    "Select Save to add the meeting's actions and key discussion items beside the meeting.",
  );
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config
      .setConfig({
        entityId: 'meeting-actions',
        contentUrl: `${window.location.origin}/tab`,
        websiteUrl: `${window.location.origin}/tab`,
        suggestedDisplayName: 'Actions',
      })
      .then(
        () => saveEvent.notifySuccess(),
        (error: unknown) => saveEvent.notifyFailure(String(error)),
      );
  });
  pages.config.setValidityState(true);
}

function startPanel(
  root: HTMLElement,
  client: PanelClient,
  you: { readonly aadObjectId: string; readonly name: string } | undefined,
): void {
  let pending: number | undefined;
  const refresh = async (): Promise<void> => {
    window.clearTimeout(pending);
    try {
      const board = await client.boardIfChanged();
      if (board) view.show(board);
    } catch (error) {
      view.say(error instanceof PanelRequestError ? error.message : 'Could not reach the server.');
    } finally {
      pending = window.setTimeout(poll, POLL_INTERVAL_MS);
    }
  };
  // A hidden panel (another tab in front) does not poll; it catches up when shown again.
  const poll = () =>
    document.hidden ? (pending = window.setTimeout(poll, POLL_INTERVAL_MS)) : void refresh();
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) void refresh();
  });

  const execute = async (verb: string, data: Record<string, unknown>): Promise<void> => {
    view.say('Saving…');
    try {
      const { card } = await client.execute(verb, data);
      if (verb === CARD_VERBS.addAction) {
        if (isActionForm(card)) {
          view.showFormCard(card);
          view.say('Nothing was added: see the form.');
          return;
        }
        // As Add another does in chat: the next form keeps the area and the due date.
        view.resetForm(keptForNext(data));
        view.say(`Added ${refOf(card) ?? 'the action'}.`);
        await refresh();
        return;
      }
      await refresh();
      const ref = typeof data.ref === 'string' ? data.ref : refOf(card);
      if (ref) view.showActionCard(ref, card);
      view.say('Saved.');
    } catch (error) {
      view.say(error instanceof PanelRequestError ? error.message : 'Could not reach the server.');
    }
  };
  const view = new BoardView(root, (verb, data) => void execute(verb, data), you);
  view.say('Loading…');
  void refresh().then(() => view.say(''));
}

function keptForNext(data: Record<string, unknown>): FormPrefill {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const area = text(data.newArea) || text(data.area);
  const due = text(data.due);
  return { ...(area ? { area } : {}), ...(due ? { due } : {}) };
}

function refOf(card: unknown): string | undefined {
  const ref = (card as { refresh?: { action?: { data?: { ref?: unknown } } } }).refresh?.action
    ?.data?.ref;
  return typeof ref === 'string' ? ref : undefined;
}

function showMessage(root: HTMLElement, title: string, text: string): void {
  const heading = document.createElement('h1');
  heading.textContent = title;
  const paragraph = document.createElement('p');
  paragraph.className = 'notice';
  paragraph.setAttribute('role', 'status');
  paragraph.textContent = text;
  root.replaceChildren(heading, paragraph);
  root.removeAttribute('aria-busy');
}
