import type { AdaptiveCard } from '../../../cards/adaptive-card';
import { OPERATION_FIELD, stampOperations } from '../../../features/routing/operation-key';

/** A card with buttons at the top, inside a container and inside a Show card, and a refresh. */
function cardWithButtons(): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    refresh: { action: { type: 'Action.Execute', verb: 'refreshAction', data: { ref: 'A' } } },
    body: [
      { type: 'TextBlock', text: 'CCAG03-01' },
      {
        type: 'ActionSet',
        actions: [{ type: 'Action.Execute', verb: 'markDone', data: { ref: 'A' } }],
      },
    ],
    actions: [
      { type: 'Action.Execute', verb: 'addAnother' },
      {
        type: 'Action.ShowCard',
        title: 'Add update',
        card: {
          type: 'AdaptiveCard',
          body: [{ type: 'Input.Text', id: 'update' }],
          actions: [{ type: 'Action.Execute', verb: 'addUpdate', data: { ref: 'A' } }],
        },
      },
    ],
  } as unknown as AdaptiveCard;
}

function noncesOf(card: unknown): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  JSON.stringify(card, (key, value: unknown) => {
    const record = value as { type?: string; verb?: string; data?: Record<string, unknown> };
    if (record && record.type === 'Action.Execute' && record.verb) {
      found[record.verb] = record.data?.[OPERATION_FIELD];
    }
    return value;
  });
  return found;
}

describe('stampOperations', () => {
  it('gives every button its own nonce, wherever it sits, and none to the refresh', () => {
    const nonces = noncesOf(stampOperations(cardWithButtons()));

    expect(Object.keys(nonces).sort()).toEqual(
      ['addAnother', 'addUpdate', 'markDone', 'refreshAction'].sort(),
    );
    expect(nonces.refreshAction).toBeUndefined();
    const stamped = [nonces.markDone, nonces.addAnother, nonces.addUpdate];
    for (const nonce of stamped) expect(nonce).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(new Set(stamped).size).toBe(3);
  });

  it('derives the same nonces from the same key and other ones from another key', () => {
    const card = cardWithButtons();

    const first = noncesOf(stampOperations(card, 'op-addAction-abc'));
    expect(noncesOf(stampOperations(card, 'op-addAction-abc'))).toEqual(first);
    const other = noncesOf(stampOperations(card, 'op-addAction-abd'));
    expect(other.markDone).not.toBe(first.markDone);
  });

  it('leaves the card it was given as it was, and keeps the data of each button', () => {
    const card = cardWithButtons();
    const before = JSON.stringify(card);

    const stamped = stampOperations(card, 'key') as unknown as {
      body: [unknown, { actions: [{ data: Record<string, unknown> }] }];
    };

    expect(JSON.stringify(card)).toBe(before);
    expect(stamped.body[1].actions[0].data).toEqual({
      ref: 'A',
      [OPERATION_FIELD]: expect.any(String),
    });
  });
});
