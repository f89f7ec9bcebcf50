/** A real local webhook receiver (node:http on 127.0.0.1, port 0) for tests and the benchmark. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Decides the status code of each request (default 200); may wait. */
  respond: (req: ReceivedRequest) => number | Promise<number>;
  close(): Promise<void>;
}

/** `record: false` keeps no request list (long benchmarks count in `respond` instead). */
export async function startReceiver(opts: { record?: boolean } = {}): Promise<Receiver> {
  const receiver: Receiver = { url: '', requests: [], respond: () => 200, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: ReceivedRequest = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      if (opts.record !== false) receiver.requests.push(r);
      void Promise.resolve(receiver.respond(r)).then((status) => {
        res.statusCode = status;
        res.end(status < 300 ? 'ok' : 'error');
      });
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
