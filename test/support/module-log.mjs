// Preloaded into a server process (`node --import tsx --import <this>`) by tests that check what a
// server loads: every module URL the process resolves is appended, one a line, to the file named
// by TAILOR_TEST_MODULE_LOG. Registered after tsx, so its hook runs first and sees every import.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const file = process.env.TAILOR_TEST_MODULE_LOG;
if (file) {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url) => appendFileSync(file, `${url}\n`));
  port1.unref();
  const hooks = `
    let port;
    export function initialize(data) { port = data.port; }
    export async function resolve(specifier, context, next) {
      const r = await next(specifier, context);
      port.postMessage(r.url);
      return r;
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { port: port2 }, transferList: [port2] });
}
