import type { AddressInfo } from 'net';

import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message the SMTP server accepted, as `mailparser` reads it. */
export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  parsed: ParsedMail;
  subject: string;
  text: string;
  html: string;
  /** A header's value, by its lower-case name. */
  header(name: string): string | undefined;
  /** The links of the text part, in order. */
  links(): string[];
}

export interface TestSmtp {
  port: number;
  received: ReceivedMail[];
  /** The environment the playground reads to send through this server. */
  env: Record<string, string>;
  /** Stops listening (a mail server that is down: connections are refused). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  /** Mails received for an address (envelope recipient), oldest first. */
  to(address: string): ReceivedMail[];
}

const read = (stream: NodeJS.ReadableStream) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

/** A header as it was sent (unfolded), not as mailparser interprets it (it rewrites `List-*`). */
const rawHeader = (parsed: ParsedMail, name: string): string | undefined => {
  const line = parsed.headerLines.find((header) => header.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
};

/**
 * A real SMTP server in this process (the `smtp-server` package) on a free loopback port. Each
 * message is parsed with `mailparser` before the server answers 250, so once a send has
 * resolved its mail is in `received`. No TLS and no authentication: a test server.
 */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let server: SMTPServer;

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        read(stream)
          .then((raw) => simpleParser(raw))
          .then((parsed) => {
            received.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
              parsed,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              header: (name) => rawHeader(parsed, name),
              links: () => (parsed.text ?? '').match(/https?:\/\/\S+/g) ?? [],
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = create();
      server.on('error', reject);
      server.listen(port, '127.0.0.1', () =>
        resolve((server.server.address() as AddressInfo).port)
      );
    });

  const port = await listen(0);
  return {
    port,
    received,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_IGNORE_TLS: 'true' },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    restart: async () => {
      await listen(port);
    },
    to: (address) => received.filter((mail) => mail.to.includes(address.toLowerCase())),
  };
}
