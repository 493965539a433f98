// What a source's rows become: a record (still to be validated) with the line it came from, or
// that line's rejection; and a row read by column name.
import type { StoreRecordInput } from './records.js';

export type Mapped = { line: number; record: StoreRecordInput } | { line: number; error: string };
export type Row = { line: number; get(name: string): string };
