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

  /**
   * The one-time code (XXXX-XXXX-XXXX) of the newest mail to this address, waiting for it to
   * arrive when `after` mails to it were already read.
   */
  async codeFor(address: string, after = 0, timeoutMs = 10_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const mails = this.mails.filter((mail) => mail.to.includes(address));
      const mail = mails[after];
      if (mail !== undefined) {
        const code = /\b[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}\b/.exec(mail.raw)?.[0];
        if (code === undefined) throw new Error(`No code in the mail to ${address}`);
        return code;
      }
      if (Date.now() > until) throw new Error(`No mail to ${address} arrived`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  countFor(address: string): number {
    return this.mails.filter((mail) => mail.to.includes(address)).length;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
