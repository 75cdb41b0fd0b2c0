import { MailFailure, type MailMessage } from '../../core/mail';

/** A reminder as the sweep would mail it: the ref, the group and meeting, a UK date. */
export function reminderMail(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    to: 'zoe.lefevre@ofgem.gov.uk',
    subject: 'Reminder: CCAG03-04 is due on 23/03/2022 (CCAG, Zoë Lefèvre)',
    text:
      'Your action CCAG03-04 of the MHHS Cross Code Advisory Group (CCAG), meeting CCAG003, ' +
      'is due on 23/03/2022.\nProvide the Ofgem position on Smart Meters Act powers.',
    html:
      '<p>Your action <strong>CCAG03-04</strong> of the MHHS Cross Code Advisory Group (CCAG), ' +
      'meeting CCAG003, is due on 23/03/2022.</p><p>Provide the Ofgem position on Smart Meters ' +
      'Act powers.</p>',
    idempotencyKey: 'reminder|CCAG03-04|2022-03-16|zoe.lefevre@ofgem.gov.uk',
    ...overrides,
  };
}

/** Log lines captured from a real logger, to check what was (not) written. */
export function capturedLog(): { readonly lines: string[]; write(line: string): void } {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

/** The MailFailure a send ended with; fails the test when it succeeded or threw something else. */
export async function failureOf(sending: Promise<unknown>): Promise<MailFailure> {
  const error = await sending.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof MailFailure)) {
    throw new Error(`expected a MailFailure, got ${String(error)}`);
  }
  return error;
}
