// Structured JSON logs, one line each. Message text and emails never go in at info level:
// callers pass ids and counts, not content.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * A failed query's bound values, as drizzle's async SQLite session (D1's) writes them into an error's
 * message and stack ("Failed query: …\nparams: …"): the shopper's words being stored, among others.
 * They run to the stack's frames at the end, or to the end: words of the shopper's that look like a
 * line of a stack ("\n\nat the moment …") are withheld with the rest.
 */
const PARAMS_MARK = '\nparams: ';
/** The stack's frames ending the text ("    at f (file.js:1:2)", "    at new Promise (<anonymous>)", "(index 0)"). */
const TRAILING_FRAMES = /(?:\n {4}at [^\n]*(?::\d+:\d+\)?|\((?:<anonymous>|native|index \d+)\)))+$/;

function withholdParams(v: string): string {
  const at = v.indexOf(PARAMS_MARK);
  const rest = v.slice(at + PARAMS_MARK.length);
  return `${v.slice(0, at)}${PARAMS_MARK}[withheld]${TRAILING_FRAMES.exec(rest)?.[0] ?? ''}`;
}

/** The fields, with any failed query's bound values withheld (error and stack are top-level fields). */
function withheld(fields: LogFields | undefined): LogFields | undefined {
  let out = fields;
  for (const key in fields) {
    const v = fields[key];
    if (typeof v === 'string' && v.includes(PARAMS_MARK)) out = { ...out, [key]: withholdParams(v) };
  }
  return out;
}

export function createLogger(level: LogLevel = 'info', sink: (line: string) => void = (l) => console.log(l)): Logger {
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < ORDER[level]) return;
    sink(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...withheld(fields) }));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = createLogger('silent');
