// `npm run eval -- [options]` — see src/eval/options.ts for the flags.
import { runEvalCli } from '../eval/node.js';

const code = await runEvalCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  tty: !!process.stderr.isTTY,
});
process.exitCode = code;
