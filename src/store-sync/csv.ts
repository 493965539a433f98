// A streaming CSV reader (RFC 4180: quoted fields with "" escapes, commas and line breaks
// inside quotes, CRLF or LF, a leading BOM). Text goes in as chunks of any size; whole records
// come out with the line they started on, so memory holds one record, not the file.
// A record that cannot be read (a stray quote, an unterminated quoted field) comes out as an
// error naming its line, and reading goes on with the next line.

export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

/** The longest record kept while looking for a closing quote: past it the quote is taken as broken. */
const MAX_RECORD_CHARS = 1_000_000;

export interface CsvParser {
  push(chunk: string): CsvRecord[];
  end(): CsvRecord[];
}

export function createCsvParser(): CsvParser {
  let buf = '';
  let line = 1; // the line `buf` starts on
  let first = true;
  const out: CsvRecord[] = [];

  // Parses as many whole records from `buf` as it holds; at end of input the last one too.
  function drain(final: boolean): void {
    let pos = 0;
    while (pos < buf.length) {
      const r = readRecord(buf, pos, final);
      if (!r) break;
      if (r.kind === 'error') {
        out.push({ line, error: r.error });
      } else if (!(r.fields.length === 1 && r.fields[0] === '')) {
        out.push({ line, fields: r.fields });
      }
      line += r.lines;
      pos = r.next;
    }
    buf = buf.slice(pos);
    if (!final && buf.length > MAX_RECORD_CHARS) {
      // An opening quote that never closes would otherwise swallow the rest of the file.
      const nl = buf.indexOf('\n');
      out.push({
        line,
        error: `unterminated quoted field (no closing quote within ${MAX_RECORD_CHARS} characters)`,
      });
      buf = nl >= 0 ? buf.slice(nl + 1) : '';
      line += 1;
    }
  }

  return {
    push(chunk) {
      if (first) {
        chunk = chunk.replace(/^\uFEFF/, '');
        first = false;
      }
      buf += chunk;
      drain(false);
      return out.splice(0);
    },
    end() {
      drain(true);
      if (buf.length) {
        out.push({ line, error: 'unterminated quoted field at end of file' });
        buf = '';
      }
      return out.splice(0);
    },
  };
}

type Read = { kind: 'ok'; fields: string[]; next: number; lines: number } | { kind: 'error'; error: string; next: number; lines: number };

/** One record starting at `pos`, or null when `buf` does not hold all of it yet. */
function readRecord(buf: string, pos: number, final: boolean): Read | null {
  const fields: string[] = [];
  let i = pos;
  let lines = 0;
  for (;;) {
    if (i >= buf.length) {
      if (!final) return null;
      fields.push('');
      return { kind: 'ok', fields, next: i, lines: lines + 1 };
    }
    if (buf[i] === '"') {
      const q = readQuoted(buf, i, final);
      if (q === null) return null;
      if ('error' in q) return { kind: 'error', error: q.error, next: buf.length, lines: lines + 1 + q.lines };
      lines += q.lines;
      i = q.end;
      const c = buf[i];
      if (c !== undefined && c !== ',' && c !== '\n' && c !== '\r')
        return skipLine(buf, i, lines, 'unexpected text after a closing quote', final);
      fields.push(q.value);
      const after = afterField(buf, i, fields, lines, final);
      if (typeof after !== 'number') return after;
      i = after;
      continue;
    }
    // An unquoted field: up to the next comma or line end; a quote inside it is broken quoting.
    let j = i;
    while (j < buf.length && buf[j] !== ',' && buf[j] !== '\n' && buf[j] !== '\r' && buf[j] !== '"') j++;
    if (j < buf.length && buf[j] === '"') return skipLine(buf, j, lines, 'stray quote inside an unquoted field', final);
    if (j >= buf.length && !final) return null;
    fields.push(buf.slice(i, j));
    const after = afterField(buf, j, fields, lines, final);
    if (typeof after !== 'number') return after;
    i = after;
  }
}

/**
 * After a field that ends at `i`: a comma continues the record (the next field's start is
 * returned), a line end or the end of the input ends it; null when `buf` does not hold enough yet.
 */
function afterField(buf: string, i: number, fields: string[], lines: number, final: boolean): Read | number | null {
  const c = buf[i];
  if (c === undefined) return final ? { kind: 'ok', fields, next: i, lines: lines + 1 } : null;
  if (c === ',') {
    if (i + 1 >= buf.length && final) {
      fields.push('');
      return { kind: 'ok', fields, next: i + 1, lines: lines + 1 };
    }
    return i + 1;
  }
  const end = eol(buf, i, final);
  if (end === null) return null;
  return { kind: 'ok', fields, next: end, lines: lines + 1 };
}

/** A quoted field from its opening quote at `i`: its value and the index after the closing quote; null when the buffer ends first. */
function readQuoted(
  buf: string,
  i: number,
  final: boolean,
): { value: string; end: number; lines: number } | { error: string; lines: number } | null {
  let j = i + 1;
  let value = '';
  for (;;) {
    const q = buf.indexOf('"', j);
    if (q < 0)
      return final
        ? {
            error: 'unterminated quoted field',
            lines: countLines(buf, i, buf.length),
          }
        : null;
    if (q + 1 >= buf.length && !final) return null; // "" or the end of the field? Need the next char.
    value += buf.slice(j, q);
    if (buf[q + 1] === '"') {
      value += '"';
      j = q + 2;
      continue;
    }
    return { value, end: q + 1, lines: countLines(buf, i, q) };
  }
}

/** Index after the line break at `i` (CRLF, LF or a lone CR); null when a CR ends the buffer mid-stream. */
function eol(buf: string, i: number, final: boolean): number | null {
  if (buf[i] === '\r') {
    if (i + 1 >= buf.length) return final ? i + 1 : null;
    return buf[i + 1] === '\n' ? i + 2 : i + 1;
  }
  return i + 1;
}

function countLines(buf: string, from: number, to: number): number {
  let n = 0;
  for (let k = buf.indexOf('\n', from); k >= 0 && k < to; k = buf.indexOf('\n', k + 1)) n++;
  return n;
}

/** A broken record: skipped to the end of its physical line, reported as an error. */
function skipLine(buf: string, from: number, lines: number, error: string, final: boolean): Read | null {
  const nl = buf.indexOf('\n', from);
  if (nl < 0) return final ? { kind: 'error', error, next: buf.length, lines: lines + 1 } : null;
  return { kind: 'error', error, next: nl + 1, lines: lines + 1 };
}
