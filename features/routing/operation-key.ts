import { createHash, randomBytes } from 'node:crypto';
import type { AdaptiveCard } from '../../cards/adaptive-card';
import type { Turn } from './turn';

/** The data field that carries a card button's nonce: one per button of one card instance. */
export const OPERATION_FIELD = 'op';

/**
 * The operation key of a changing request. A card button carries a nonce of its own (stamped on
 * every card the bot sends), so a double click or a repeated invoke of that button is one
 * operation, while the same button on the card that replaced it is a new one. A button without a
 * nonce (a card from before nonces, a forged one) is keyed by the clicked message and its data;
 * a typed command by its activity id.
 */
export function operationKeyOf(
  turn: Turn,
  request:
    | { readonly verb: string; readonly data: Readonly<Record<string, unknown>> }
    | { readonly text: string },
): string | undefined {
  if ('text' in request) return turn.activityId ? `msg-${digest(turn.activityId)}` : undefined;
  const nonce = request.data[OPERATION_FIELD];
  if (typeof nonce === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(nonce)) {
    return `op-${request.verb}-${nonce}`;
  }
  const { [OPERATION_FIELD]: _nonce, ...data } = request.data;
  void _nonce;
  return `card-${digest(`${turn.cardMessageId ?? ''}|${request.verb}|${canonicalJson(data)}`)}`;
}

/**
 * The card with a nonce in the data of every `Action.Execute` (a new card; the one given is not
 * changed): fresh ones, or — given the operation key of the request the card answers — ones
 * derived from it, the same for the same key. Keys are unique per click, so derived nonces are too.
 */
export function stampOperations<C extends AdaptiveCard>(card: C, seed?: string): C {
  // Keys are unique per click, so one digest of the key and a counter make unique nonces.
  const base = seed === undefined ? undefined : digest(seed).slice(0, 16);
  let buttons = 0;
  const nonce = () =>
    base === undefined ? randomBytes(12).toString('base64url') : `${base}${buttons++}`;
  // Copied only along the paths to the buttons: the rest of the card is shared, never changed.
  const stamp = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) {
      let copy: unknown[] | undefined;
      node.forEach((item: unknown, index) => {
        const stamped = stamp(item);
        if (stamped !== item) (copy ??= [...node])[index] = stamped;
      });
      return copy ?? node;
    }
    const record = node as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key in record) {
      const value = record[key];
      const stamped = stamp(value);
      if (stamped !== value) (copy ??= { ...record })[key] = stamped;
    }
    if (record.type === 'Action.Execute' && !isRefresh(record)) {
      copy ??= { ...record };
      copy.data = {
        ...((copy.data as Record<string, unknown> | undefined) ?? {}),
        [OPERATION_FIELD]: nonce(),
      };
    }
    return copy ?? record;
  };
  return stamp(card) as C;
}

// A refresh is a read Teams sends on its own; a nonce would only make every refresh look new.
function isRefresh(action: Record<string, unknown>): boolean {
  const verb = action.verb;
  return typeof verb === 'string' && /refresh/i.test(verb);
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

/** JSON with keys sorted, so the same data always gives the same key. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
