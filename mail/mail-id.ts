import { createHash } from 'node:crypto';

/**
 * The id a mail carries, derived from its {@link MailMessage.idempotencyKey}: the same reminder
 * sent twice (a retry after an unknown outcome) carries the same id, so mail systems and readers
 * can tell it is one message. 32 hex digits of SHA-256, so nothing of the key leaks into headers.
 */
export function mailIdOf(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 32);
}

/** The RFC 5322 Message-ID for a mail sent from `from`: `<id@sender's domain>`. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  const domain = address.split('@').pop()?.trim() || 'meeting-actions.invalid';
  return `<${mailIdOf(idempotencyKey)}@${domain}>`;
}

/** The id as a UUID, for request ids (Graph's `client-request-id`). */
export function mailIdAsUuid(idempotencyKey: string): string {
  const hex = mailIdOf(idempotencyKey);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** `text` with every occurrence of each secret replaced, for messages built from a server's words. */
export function withoutSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let safe = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 3) safe = safe.split(secret).join('[redacted]');
  }
  return safe;
}
