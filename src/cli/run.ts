// Every CLI ends the same way: its exit code, or one line (never a stack) and exit 1. `--help`
// (or `-h`) prints the usage and exits 0; an option it does not know prints the usage and exits 2.
import { ConfigError } from '../core/index.js';

export function runCli(name: string, main: () => Promise<number> | number, usage: string): void {
  if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
    console.log(usage);
    process.exit(0);
  }
  Promise.resolve()
    .then(main)
    .then(
      (code) => process.exit(code),
      (err: unknown) => {
        // node:util parseArgs: unknown option, missing value, stray positional.
        if (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
          console.error(`${name}: ${err.message.split('. ')[0]}.\n${usage}`);
          process.exit(2);
        }
        console.error(err instanceof ConfigError ? err.message : `${name} failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
}
