/**
 * The baseline: a bare restify handler on the same machine. It parses the activity and, when
 * asked to (BARE_REPLY=1), posts one reply carrying the same help card to the connector, as the
 * bot does — so the ratio isolates what botbuilder, the handler and storage add.
 */
import restify from 'restify';
import { buildHelpCard } from '../../cards/help-card';
import { serveForParent } from '../support/serve-for-parent';

interface IncomingActivity {
  id: string;
  serviceUrl: string;
  conversation: { id: string };
}

async function main(): Promise<void> {
  const reply = process.env.BARE_REPLY === '1';
  const card = buildHelpCard();
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    const activity = req.body as IncomingActivity;
    if (reply) {
      const url = `${activity.serviceUrl}v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${encodeURIComponent(activity.id)}`;
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          replyToId: activity.id,
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
        }),
      });
    }
    res.send(200);
  });
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });
  serveForParent(server);
}

void main();
