import { addToOutbox } from '../../server/src/mail/outbox';
import { MAIL_OUTBOX_UID, type MailOutboxRow } from '../../server/src/models/mail-outbox';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance-process';
import { freshDatabase, removeDatabase, startApp, type TestApp } from '../helpers/strapi';

const MAILS = 30;

/**
 * The mail outbox with two Strapi instances on one server database, both running the plugin's
 * cron and sending through the same real SMTP server: instance A in this process, B in a child
 * process. Their crons fire on the same seconds and race for the same due rows; each mail must
 * reach the server once.
 */
describe('the mail outbox on two instances', () => {
  const database = freshDatabase();
  let smtp: TestSmtp;
  let a: TestApp;
  let b: SecondInstance | undefined;

  beforeAll(async () => {
    smtp = await startSmtp();
    a = await startApp({ database, keepDb: true, env: smtp.env });
    b = await startSecondInstance(database, { env: smtp.env });
  }, 120000);

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await smtp?.stop();
    await removeDatabase(database);
  });

  it('sends each queued mail once, whichever instance claims it', async () => {
    const recipients = Array.from({ length: MAILS }, (_, n) => `two-instances-${n}@example.com`);
    await addToOutbox(
      a.strapi,
      recipients.map((recipient) => ({
        dedupeKey: `test:${recipient}`,
        kind: 'mail' as const,
        topic: 'test',
        recipient,
        message: { subject: `For ${recipient}`, text: 'Hello', html: '<p>Hello</p>' },
      }))
    );
    const rows = () => a.strapi.db.query(MAIL_OUTBOX_UID as never);
    let done: MailOutboxRow[] = [];
    for (let wait = 0; wait < 120; wait += 1) {
      done = (await rows().findMany({
        where: { topic: 'test', doneAt: { $notNull: true } },
      })) as MailOutboxRow[];
      if (done.length === MAILS) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(done).toHaveLength(MAILS);
    const instances = new Set(done.map((row) => row.claimedBy));
    expect(instances.has(null)).toBe(false);
    expect(instances.size).toBeLessThanOrEqual(2);
    for (const recipient of recipients) {
      expect(smtp.to(recipient).map((mail) => mail.subject)).toEqual([`For ${recipient}`]);
    }
    for (const row of done) expect(row.error).toBeNull();
  }, 120000);
});
