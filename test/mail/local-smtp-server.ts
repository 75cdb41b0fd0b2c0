import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the local server accepted: the envelope and the raw RFC 5322 text. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
}

/** Options for {@link startSmtpServer}. */
export interface LocalSmtpOptions {
  /** When set, AUTH is required with exactly these credentials. */
  readonly login?: { readonly user: string; readonly password: string };
}

/**
 * A real SMTP server on loopback (the `smtp-server` package, port 0), for mail tests. It accepts
 * every recipient except those whose address starts with `nobody`, which it refuses with
 * `550 No such user here`, and records each message it takes.
 */
export async function startSmtpServer(options: LocalSmtpOptions = {}): Promise<{
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedMail[];
  stop(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: options.login ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.login,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const { login } = options;
      if (login && auth.username === login.user && auth.password === login.password) {
        callback(null, { user: auth.username });
        return;
      }
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody')) {
        callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
