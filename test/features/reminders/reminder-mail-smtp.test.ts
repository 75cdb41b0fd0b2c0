import { SmtpMailer } from '../../../mail/smtp-mailer';
import { readMail } from '../../mail/received-mail';
import { startSmtpServer } from '../../mail/local-smtp-server';
import { createMeeting } from '../../../core/meeting';
import { ConnectorStub } from '../../support/connector-stub';
import {
  addDueAction,
  reminderStores,
  setUpGroup,
  sweepInstance,
} from '../../support/reminder-fixture';
import { freshTableStorage } from '../../support/test-storage';
import { InMemoryDirectory } from './people-fakes';

const NOW = new Date('2022-03-30T09:00:00Z');

/**
 * Owners outside Teams are e-mailed: the real sweep, the real SMTP adapter (nodemailer) and a
 * real SMTP server on loopback. Two instances sweeping at once send each reminder once.
 */
describe('reminders by e-mail through a local SMTP server', () => {
  it('reaches an owner outside Teams once, with the ref, the group and a UK date', async () => {
    const smtp = await startSmtpServer();
    const connector = await ConnectorStub.start();
    const mailer = new SmtpMailer({ url: smtp.url, from: 'Meeting Actions <actions@example.org>' });
    try {
      const stores = reminderStores(await freshTableStorage());
      await setUpGroup(stores, connector.serviceUrl);
      await stores.groups.createMeetingIfMissing(
        createMeeting({ groupCode: 'CCAG', number: 3, start: '2022-02-23T10:00:00Z' }),
      );
      await addDueAction(stores, 'CCAG03-01', [{ display: 'Ofgem (Andy MacFaul)' }], '2022-03-30');
      const people = new InMemoryDirectory({
        CCAG: [{ name: 'Andy MacFaul', organisation: 'Ofgem', email: 'andy@ofgem.example' }],
      });
      const a = sweepInstance(stores, 'instance-a', { now: () => NOW, people, mailer });
      const b = sweepInstance(stores, 'instance-b', { now: () => NOW, people, mailer });
      const [first, second] = await Promise.all([a.sweep.run(), b.sweep.run()]);

      expect(first.mailed + second.mailed).toBe(1);
      expect(smtp.received).toHaveLength(1);
      const [received] = smtp.received;
      expect(received?.to).toEqual(['andy@ofgem.example']);
      const mail = readMail(received?.raw ?? '');
      expect(mail.header('subject')).toMatch(/CCAG03-01/);
      expect(mail.header('subject')).toMatch(/Cross Code Advisory Group/);
      expect(mail.part('text/plain')).toMatch(/CCAG03-01[\s\S]*30\/03\/22/);
      expect(mail.part('text/html')).toContain('CCAG03-01');
      // A later sweep of the same day sends nothing again.
      expect(await a.sweep.run()).toMatchObject({ mailed: 0 });
      expect(smtp.received).toHaveLength(1);
    } finally {
      mailer.close();
      await smtp.stop();
      await connector.stop();
    }
  });
});
