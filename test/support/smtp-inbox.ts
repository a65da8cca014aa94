import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createMailer, type Mailer } from '../../server/console/mailer.ts';

export interface ReceivedMail {
  readonly to: string[];
  /** The whole message as the SMTP server received it (headers and body). */
  readonly raw: string;
}

/**
 * A real SMTP server on loopback that keeps what it receives, and the server's mailer pointed at
 * it through nodemailer (SMTP as an administrator's SALW_SMTP_URL would configure it).
 */
export class SmtpInbox {
  readonly mails: ReceivedMail[] = [];
  private waiters: (() => void)[] = [];
  private readonly server: SMTPServer;
  readonly url: string;
  private constructor(server: SMTPServer, url: string) {
    this.server = server;
    this.url = url;
  }

  static async start(): Promise<SmtpInbox> {
    // The server needs its handler before the inbox (which needs the server) exists.
    const holder: { inbox?: SmtpInbox } = {};
    const server = new SMTPServer({
      // Plain SMTP on loopback: no certificate to trust, no login.
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          holder.inbox?.receive({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    const inbox = new SmtpInbox(server, `smtp://127.0.0.1:${String(port)}`);
    holder.inbox = inbox;
    return inbox;
  }

  private receive(mail: ReceivedMail): void {
    this.mails.push(mail);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  mailer(): Mailer {
    return createMailer({ smtpUrl: this.url, from: 'console@salw.test', warn: () => {} });
  }

  /** The mail to this address after `after` were already read, waiting for it to arrive. */
  private async mailFor(address: string, after: number, timeoutMs: number): Promise<ReceivedMail> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const mail = this.mails.filter((candidate) => candidate.to.includes(address))[after];
      if (mail !== undefined) return mail;
      if (Date.now() > until) throw new Error(`No mail to ${address} arrived`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /**
   * The one-time code (XXXX-XXXX-XXXX) of the newest mail to this address, waiting for it to
   * arrive when `after` mails to it were already read.
   */
  async codeFor(address: string, after = 0, timeoutMs = 10_000): Promise<string> {
    const mail = await this.mailFor(address, after, timeoutMs);
    // In the decoded text: a mail in Cyrillic or Arabic travels in base64.
    const code = /\b[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}\b/.exec(readableMail(mail.raw).text)?.[0];
    if (code === undefined) throw new Error(`No code in the mail to ${address}`);
    return code;
  }

  /** That mail as its reader sees it: the subject and the text, decoded from MIME. */
  async readFor(
    address: string,
    after = 0,
    timeoutMs = 10_000,
  ): Promise<{ subject: string; text: string }> {
    return readableMail((await this.mailFor(address, after, timeoutMs)).raw);
  }

  countFor(address: string): number {
    return this.mails.filter((mail) => mail.to.includes(address)).length;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Bytes written as =XX (quoted-printable, and the Q encoding of headers) and plain ASCII. */
function quotedBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const hex = text[index] === '=' ? text.slice(index + 1, index + 3) : '';
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(text.charCodeAt(index));
    }
  }
  return Buffer.from(bytes);
}

/**
 * A received message's subject and text (a single text part, as the console's mailer sends):
 * encoded words joined before decoding (a letter may be split between two), the body by its
 * transfer encoding.
 */
function readableMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
  const words = [...header('Subject').matchAll(/=\?[^?]+\?([QB])\?([^?]*)\?=/gi)];
  const subject =
    words.length === 0
      ? header('Subject')
      : Buffer.concat(
          words.map(([, kind, text = '']) =>
            kind?.toUpperCase() === 'B'
              ? Buffer.from(text, 'base64')
              : quotedBytes(text.replaceAll('_', ' ')),
          ),
        ).toString('utf8');
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? quotedBytes(body.replace(/=\r\n/g, '')).toString('utf8')
        : body;
  return { subject, text: text.replace(/\r\n/g, '\n') };
}
