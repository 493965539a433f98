// A tiny in-process metrics registry and its Prometheus text exposition (format 0.0.4):
// counters and histograms with fixed label names. Children are kept per label-value tuple;
// label values come from our own code (segment ids, tool names, causes), never from a request.

export interface Counter {
  inc(labels: readonly string[], by?: number): void;
  get(labels: readonly string[]): number;
  /** The series for these label values, to keep and bump without a lookup. */
  child(labels: readonly string[]): { inc(by?: number): void };
}

export interface Histogram {
  observe(labels: readonly string[], value: number): void;
  child(labels: readonly string[]): { observe(value: number): void };
}

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  labelNames: readonly string[];
  render(out: string[]): void;
}

export interface Registry {
  counter(name: string, help: string, labelNames?: readonly string[]): Counter;
  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): Histogram;
  /** A value read at scrape time (a gauge, or a counter kept elsewhere). */
  collect(
    name: string,
    help: string,
    type: 'counter' | 'gauge',
    labelNames: readonly string[],
    read: () => Iterable<readonly [readonly string[], number]>,
  ): void;
  render(): string;
}

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const escapeHelp = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeValue = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function labelText(names: readonly string[], values: readonly string[], extra?: string): string {
  const parts: string[] = [];
  for (let i = 0; i < names.length; i++) parts.push(`${names[i]}="${escapeValue(values[i] ?? '')}"`);
  if (extra) parts.push(extra);
  return parts.length ? `{${parts.join(',')}}` : '';
}

const keyOf = (labels: readonly string[]) => (labels.length === 1 ? labels[0]! : labels.join('\u0001'));

function counterFamily(name: string, help: string, labelNames: readonly string[]): { family: Family; counter: Counter } {
  const values = new Map<string, { labels: readonly string[]; n: number }>();
  // A counter without labels is exposed from the start, at 0.
  if (labelNames.length === 0) values.set('', { labels: [], n: 0 });
  const series = (labels: readonly string[]) => {
    const key = keyOf(labels);
    let v = values.get(key);
    if (!v) values.set(key, (v = { labels: [...labels], n: 0 }));
    return v;
  };
  const family: Family = {
    name,
    help,
    type: 'counter',
    labelNames,
    render(out) {
      for (const { labels, n } of values.values()) out.push(`${name}${labelText(labelNames, labels)} ${formatNumber(n)}`);
    },
  };
  const counter: Counter = {
    inc(labels, by = 1) {
      series(labels).n += by;
    },
    get: (labels) => values.get(keyOf(labels))?.n ?? 0,
    child(labels) {
      const v = series(labels);
      return {
        inc(by = 1) {
          v.n += by;
        },
      };
    },
  };
  return { family, counter };
}

function histogramFamily(
  name: string,
  help: string,
  labelNames: readonly string[],
  buckets: readonly number[],
): { family: Family; histogram: Histogram } {
  const bounds = [...buckets].sort((a, b) => a - b);
  const values = new Map<string, { labels: readonly string[]; counts: number[]; sum: number; count: number }>();
  const series = (labels: readonly string[]) => {
    const key = keyOf(labels);
    let v = values.get(key);
    if (!v)
      values.set(
        key,
        (v = {
          labels: [...labels],
          counts: new Array<number>(bounds.length).fill(0),
          sum: 0,
          count: 0,
        }),
      );
    return v;
  };
  const observe = (v: ReturnType<typeof series>, value: number) => {
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    if (i < bounds.length) v.counts[i]!++;
    v.sum += value;
    v.count++;
  };
  const family: Family = {
    name,
    help,
    type: 'histogram',
    labelNames,
    render(out) {
      for (const { labels, counts, sum, count } of values.values()) {
        // Stored per bucket, exposed cumulatively as the format requires.
        let acc = 0;
        for (let i = 0; i < bounds.length; i++) {
          acc += counts[i]!;
          out.push(`${name}_bucket${labelText(labelNames, labels, `le="${formatNumber(bounds[i]!)}"`)} ${acc}`);
        }
        out.push(`${name}_bucket${labelText(labelNames, labels, 'le="+Inf"')} ${count}`);
        out.push(`${name}_sum${labelText(labelNames, labels)} ${formatNumber(sum)}`);
        out.push(`${name}_count${labelText(labelNames, labels)} ${count}`);
      }
    },
  };
  const histogram: Histogram = {
    observe: (labels, value) => observe(series(labels), value),
    child(labels) {
      const v = series(labels);
      return { observe: (value: number) => observe(v, value) };
    },
  };
  return { family, histogram };
}

export function createRegistry(): Registry {
  const families: Family[] = [];
  const names = new Set<string>();
  const add = (f: Family) => {
    if (names.has(f.name)) throw new Error(`metric ${f.name} registered twice`);
    names.add(f.name);
    families.push(f);
  };
  return {
    counter(name, help, labelNames = []) {
      const { family, counter } = counterFamily(name, help, labelNames);
      add(family);
      return counter;
    },
    histogram(name, help, labelNames, buckets) {
      const { family, histogram } = histogramFamily(name, help, labelNames, buckets);
      add(family);
      return histogram;
    },
    collect(name, help, type, labelNames, read) {
      add({
        name,
        help,
        type,
        labelNames,
        render(out) {
          for (const [labels, n] of read()) out.push(`${name}${labelText(labelNames, labels)} ${formatNumber(n)}`);
        },
      });
    },
    render() {
      const out: string[] = [];
      for (const f of families) {
        out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`);
        out.push(`# TYPE ${f.name} ${f.type}`);
        f.render(out);
      }
      return `${out.join('\n')}\n`;
    },
  };
}

/** One metric family as exposition text, for values kept outside a registry. */
export function formatSamples(
  name: string,
  help: string,
  type: 'counter' | 'gauge',
  labelNames: readonly string[],
  rows: Iterable<readonly [readonly string[], number]>,
): string {
  const out = [`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`];
  for (const [labels, n] of rows) out.push(`${name}${labelText(labelNames, labels)} ${formatNumber(n)}`);
  return `${out.join('\n')}\n`;
}
