// The eval module's surface for its Node command line (`npm run eval`): files, reports, exit codes.
export { runEvalCli } from './cli-main.js';
