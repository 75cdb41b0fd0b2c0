import type { ActionExecute } from './adaptive-card';

/**
 * Every object in a card's JSON, depth first: elements, inlines, actions, shown cards and the
 * refresh action. For checks over a whole card, e.g. that every verb it can send has a handler.
 */
export function cardNodes(json: unknown): Record<string, unknown>[] {
  const nodes: Record<string, unknown>[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      nodes.push(node as Record<string, unknown>);
      Object.values(node).forEach(visit);
    }
  };
  visit(json);
  return nodes;
}

/** Every Action.Execute a card holds, including those in shown cards and its refresh. */
export function executeActionsOf(json: unknown): ActionExecute[] {
  return cardNodes(json).filter(
    (node): node is Record<string, unknown> & ActionExecute => node.type === 'Action.Execute',
  );
}
