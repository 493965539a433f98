// The registry's check of every tool result against its output schema (outputs.ts), compiled once
// per schema into a plain predicate that reads the value and builds nothing. zod's own parse of a
// result builds a copy of it (a new object per object, a new array per array, an issue list per
// field): about 6 KB and a fortieth of a JSON-mode turn's CPU for one lookup_order result, on data
// our own code just built. The predicate is never looser than zod: it knows only the plain kinds
// the output schemas are made of (objects, strict or not, arrays, records, unions, literals,
// enums, strings, finite numbers, booleans, null, optional, readonly), and a schema with anything
// else in it (a refinement, a length check, a transform, coercion) compiles to nothing, so zod checks
// it. When the predicate says no, zod checks the value anyway and has the last word (and the message).
import type { z } from 'zod';

export type ValueCheck = (value: unknown) => boolean;

/** What this file reads of a zod 4 schema: its definition, and the value sets of literals and enums. */
interface ZodInternals {
  _zod: {
    def: {
      type: string;
      checks?: unknown[];
      coerce?: boolean;
      shape?: Record<string, ZodInternals>;
      catchall?: ZodInternals;
      element?: ZodInternals;
      innerType?: ZodInternals;
      options?: ZodInternals[];
      keyType?: ZodInternals;
      valueType?: ZodInternals;
    };
    values?: Set<unknown>;
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A predicate that holds only for values `schema.safeParse` accepts, or null when the schema has kinds it does not know. */
export function compileCheck(schema: z.ZodType): ValueCheck | null {
  try {
    return compile(schema as unknown as ZodInternals);
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

class Unsupported extends Error {}

function compile(schema: ZodInternals): ValueCheck {
  const def = schema._zod?.def;
  if (!def || def.checks?.length || def.coerce) throw new Unsupported();
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'literal':
    case 'enum': {
      const values = schema._zod.values;
      if (!values) throw new Unsupported();
      return (v) => values.has(v);
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return (v) => v === null || inner(v);
    }
    case 'optional': {
      const inner = compile(def.innerType!);
      return (v) => v === undefined || inner(v);
    }
    case 'readonly':
      return compile(def.innerType!);
    case 'array':
      return arrayOf(compile(def.element!));
    case 'union':
      return anyOf(def.options!.map(compile));
    case 'record':
      return recordOf(def.keyType!, def.valueType!);
    case 'object':
      return objectOf(def.shape!, def.catchall);
    default:
      throw new Unsupported();
  }
}

function arrayOf(element: ValueCheck): ValueCheck {
  return (v) => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
    return true;
  };
}

function anyOf(options: ValueCheck[]): ValueCheck {
  return (v) => {
    for (const option of options) if (option(v)) return true;
    return false;
  };
}

function recordOf(keyType: ZodInternals, valueType: ZodInternals): ValueCheck {
  if (keyType._zod.def.type !== 'string' || keyType._zod.def.checks?.length) throw new Unsupported();
  const value = compile(valueType);
  return (v) => {
    // Plain objects only (zod's own test is looser, never stricter); every own key a string.
    if (!isObject(v)) return false;
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const key of Reflect.ownKeys(v)) {
      if (typeof key !== 'string') return false;
      if (key !== '__proto__' && !value(v[key])) return false;
    }
    return true;
  };
}

function objectOf(shape: Record<string, ZodInternals>, catchall: ZodInternals | undefined): ValueCheck {
  const keys = Object.keys(shape);
  const fields = keys.map((k) => compile(shape[k]!));
  // Strict (catchall never): no key beyond the shape's. No catchall: extra keys pass (zod strips them).
  const rest = catchall?._zod.def.type;
  if (rest !== undefined && rest !== 'never') throw new Unsupported();
  const known = new Set(keys);
  const strict = rest === 'never';
  return (v) => {
    if (!isObject(v)) return false;
    for (let i = 0; i < keys.length; i++) if (!fields[i]!(v[keys[i]!])) return false;
    // for-in also walks inherited enumerable keys (there are none on plain objects unless
    // Object.prototype was tampered with); one of them only makes the check stricter than zod's.
    if (strict) for (const key in v) if (!known.has(key)) return false;
    return true;
  };
}
