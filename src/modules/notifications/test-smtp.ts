/** A real local SMTP server (smtp-server on 127.0.0.1, ephemeral port) for tests; messages parsed with mailparser. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface TestSmtp {
  port: number;
  messages: ParsedMail[];
  /** Usernames that authenticated. */
  logins: string[];
  /** Return an SMTP error (e.g. `451 Try again later`) to refuse the next message, or null to accept it. */
  reject: (() => { code: number; message: string } | null) | null;
  close(): Promise<void>;
}

export async function startTestSmtp(opts: { user?: string; password?: string } = {}): Promise<TestSmtp> {
  const t: TestSmtp = { port: 0, messages: [], logins: [], reject: null, close: async () => {} };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: opts.user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !opts.user,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.password) {
        t.logins.push(auth.username ?? '');
        return cb(null, { user: auth.username });
      }
      return cb(new Error('535 Authentication failed'));
    },
    onData(stream, _session, cb) {
      const refusal = t.reject?.() ?? null;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusal) {
          const err = new Error(refusal.message) as Error & { responseCode: number };
          err.responseCode = refusal.code;
          return cb(err);
        }
        void simpleParser(Buffer.concat(chunks)).then((m) => {
          t.messages.push(m);
          cb();
        }, cb);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.port = (server.server.address() as AddressInfo).port;
  t.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return t;
}
