import * as AdaptiveCards from 'adaptivecards';

/**
 * Parses a card with the official `adaptivecards` parser and returns every problem found. The
 * parser misses two mistakes Teams rejects, so they are checked here too: an empty TextBlock and
 * an Action.Execute without a verb.
 */
export function cardProblems(json: unknown): string[] {
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`validate: ${event.message}`);
  }
  walk(json, (node, path) => {
    if (node.type === 'TextBlock' && (typeof node.text !== 'string' || node.text.trim() === '')) {
      problems.push(`${path}: empty TextBlock`);
    }
    if (node.type === 'Action.Execute' && (typeof node.verb !== 'string' || node.verb === '')) {
      problems.push(`${path}: Action.Execute without a verb`);
    }
  });
  return problems;
}

/** Fails the test with every problem when a card does not parse cleanly. */
export function expectValidCard(json: unknown): void {
  const problems = cardProblems(json);
  if (problems.length > 0) {
    throw new Error(`The card has problems:\n  ${problems.join('\n  ')}\n${JSON.stringify(json)}`);
  }
}

function walk(
  node: unknown,
  visit: (node: Record<string, unknown>, path: string) => void,
  path = '$',
): void {
  if (Array.isArray(node)) {
    node.forEach((child, index) => walk(child, visit, `${path}[${index}]`));
  } else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>, path);
    for (const [key, child] of Object.entries(node)) walk(child, visit, `${path}.${key}`);
  }
}
