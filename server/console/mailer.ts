import nodemailer from 'nodemailer';

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface Mailer {
  /** True when an SMTP server took the mail; false when it was written to the log instead. */
  send(mail: OutgoingMail): Promise<boolean>;
}

export interface MailerOptions {
  /** smtp:// or smtps:// URL of the administrator's SMTP server; none: the log gets the mail. */
  readonly smtpUrl: string | undefined;
  readonly from: string;
  /** Where a mail goes when no SMTP server is configured (the server's log, with a warning). */
  readonly warn: (message: string) => void;
}

/**
 * Mail through any SMTP server the administrator configures (SALW_SMTP_URL). With none, the mail,
 * code included, is written to the server's log with a warning: a first run needs nothing else,
 * and whoever reads the log is the administrator who could have issued the code anyway.
 */
export function createMailer(options: MailerOptions): Mailer {
  if (options.smtpUrl === undefined) {
    return {
      async send(mail) {
        options.warn(
          `No SMTP server is configured (SALW_SMTP_URL), so this mail was not sent. To ${mail.to}: ${mail.subject}\n${mail.text}`,
        );
        return false;
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from: options.from, ...mail });
      return true;
    },
  };
}

/**
 * The console's address for the links in mails sent without a request to take it from (the
 * command line's `invite`): SALW_PUBLIC_URL, else the address the server listens on.
 */
export function configuredConsoleUrl(config: {
  publicUrl?: string | undefined;
  host: string;
  port: number;
  tlsCertFile?: string | undefined;
}): string {
  if (config.publicUrl !== undefined) return config.publicUrl;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const scheme = config.tlsCertFile === undefined ? 'http' : 'https';
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${String(config.port)}/console/`;
}
