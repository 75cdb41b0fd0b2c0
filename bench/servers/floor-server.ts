/**
 * The floor of the add path: the bot's own HTTP server and CloudAdapter (restify, the envelope
 * check, botbuilder's turn) answering the add's invoke with an action card built once at start-up
 * — no routing, no validation, no storage, no card to build. What an add costs above this is what
 * the app does for it; what this costs is the stack every Teams bot on botbuilder and restify pays.
 */
import { ActivityHandler, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { buildActionCard } from '../../cards/action-card';
import { createAction } from '../../core/action';
import { parseDueDate } from '../../core/due-date';
import { parseOwners } from '../../core/owner';
import { createLogger } from '../../host/logger';
import { createAdapter } from '../../teams/cloud-adapter';
import { createServer } from '../../teams/http-server';
import { invokeCard } from '../../teams/responses';
import { serveForParent } from '../support/serve-for-parent';

class FloorBot extends ActivityHandler {
  constructor(private readonly answer: AdaptiveCardInvokeResponse) {
    super();
  }

  protected override onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    return Promise.resolve(this.answer);
  }
}

function addedCard(): AdaptiveCardInvokeResponse {
  const due = parseDueDate('23/03/22');
  const action = createAction(
    {
      area: 'Area 1',
      text: 'Benchmark action 1',
      owners: parseOwners('Programme (PMO)'),
      ...(due ? { due } : {}),
    },
    { groupCode: 'CCAG', meetingNumber: 3, sequence: 1 },
    { id: '29:member-0', name: 'Member 0' },
    new Date(),
  );
  return invokeCard(
    buildActionCard(action, {
      now: new Date(),
      notice: 'Added by Member 0',
      viewer: { canUpdate: true, canCancel: false, canReopen: false, canEdit: true },
    }),
  );
}

function main(): void {
  const log = createLogger('silent');
  const server = createServer({
    adapter: createAdapter(undefined, log),
    bot: new FloorBot(addedCard()),
    probeStorage: () => Promise.resolve(),
    log,
  });
  serveForParent(server);
}

main();
