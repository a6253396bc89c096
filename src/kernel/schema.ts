// Argument schemas for syscalls (kernel layer): every descriptor's arguments are a zod object
// (z.strictObject), the single source for the TypeScript type (z.infer), for validation in
// dispatch() and for the JSON Schema that the shell's intent compiler and the agents' tools
// send to the model. Validation failures are NlshError "sys.badArgs" naming the field.
import * as z from 'zod';
import { NlshError } from '../base/errors.js';

/** The argument schema of one syscall: an object that refuses unknown keys. */
export type ArgsSchema = z.ZodObject<z.ZodRawShape, z.core.$strict>;

/** A plain JSON Schema object (draft-07 subset: type, properties, required, description, enum, bounds). */
export interface JSONSchemaObject {
  type: 'object';
  properties: Record<string, JSONSchemaField>;
  required: string[];
  additionalProperties?: false;
  description?: string;
}

/** One property of a JSONSchemaObject. */
export interface JSONSchemaField {
  type?: string;
  description?: string;
  enum?: readonly (string | number)[];
  items?: JSONSchemaField;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

/** Builds an argument schema from a shape: z.strictObject, so an unknown argument is an error. */
export function argsSchema<S extends z.ZodRawShape>(shape: S): z.ZodObject<S, z.core.$strict> {
  return z.strictObject(shape);
}

const LAZY: unique symbol = Symbol('nlsh.lazyArgsSchema');

/** An argument schema that is built on first use (see lazyArgsSchema); defineSyscall turns it into a descriptor's `args`. */
export interface LazyArgsSchema<S extends ArgsSchema> {
  readonly [LAZY]: () => S;
}

/**
 * An argument schema built from shape() the first time it is needed, then kept. The kernel's
 * descriptors are defined when their modules load, and building their ~40 zod objects (each zod
 * schema is costly to construct) was a large share of the start-up of `nlsh -c pwd`, which
 * validates one.
 */
export function lazyArgsSchema<S extends z.ZodRawShape>(shape: () => S): LazyArgsSchema<z.ZodObject<S, z.core.$strict>> {
  let built: z.ZodObject<S, z.core.$strict> | undefined;
  return { [LAZY]: () => (built ??= z.strictObject(shape())) };
}

/** The argument type a caller passes (before defaults) to a lazy schema's syscall. */
export type LazyArgsInput<L> = L extends LazyArgsSchema<infer S> ? z.input<S> : never;

/** Returns the built schema of a lazy one (building it on first call), or the schema itself. */
export function argsSchemaOf<S extends ArgsSchema>(args: S | LazyArgsSchema<S>): S {
  return isLazyArgsSchema(args) ? args[LAZY]() : args;
}

/** True for a schema made by lazyArgsSchema. */
export function isLazyArgsSchema<S extends ArgsSchema>(args: S | LazyArgsSchema<S>): args is LazyArgsSchema<S> {
  return typeof args === 'object' && args !== null && LAZY in args;
}

/** Returns args parsed by schema; fails with sys.badArgs naming the first bad field and a hint. */
export function validateArgs<S extends z.ZodType>(syscall: string, schema: S, args: unknown): z.output<S> {
  if (args === undefined || args === null) args = {};
  if (typeof args !== 'object' || Array.isArray(args)) throw bad(syscall, '', 'arguments must be an object');
  const r = schema.safeParse(args);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw bad(syscall, fieldOf(issue), explain(issue, valueAt(args, issue.path), schema));
}

/** The JSON Schema of an argument schema, as plain data (no $schema; closed objects). */
export function jsonSchemaOf(schema: z.ZodType): JSONSchemaObject {
  const raw = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema: _s, ...rest } = raw;
  const out = rest as unknown as JSONSchemaObject;
  out.required ??= [];
  out.properties ??= {};
  return out;
}

function fieldOf(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
  if (issue.code === 'unrecognized_keys') return issue.keys[0] ?? path;
  return path;
}

function valueAt(args: unknown, path: readonly PropertyKey[]): unknown {
  let v = args;
  for (const p of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function explain(issue: z.core.$ZodIssue, v: unknown, schema: z.ZodType): string {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
      return `unknown argument; expected one of: ${keys.join(', ') || '(none)'}`;
    }
    case 'invalid_type':
      if (v === undefined) return 'is required';
      if (issue.expected === 'int') return typeof v === 'number' && Number.isFinite(v) ? 'must be a whole number' : `must be a finite number, got ${typeName(v)}`;
      if (issue.expected === 'number') return `must be a finite number, got ${typeName(v)}`;
      if (issue.expected === 'boolean') return `must be true or false, got ${typeName(v)}`;
      if (issue.expected === 'array') return `must be a list, got ${typeName(v)}`;
      return `must be a ${issue.expected}, got ${typeName(v)}`;
    case 'too_big':
      if (issue.origin === 'string') return `is too long (${typeof v === 'string' ? v.length : '?'} characters, at most ${issue.maximum})`;
      if (issue.origin === 'array') return `takes at most ${issue.maximum} items`;
      return `must be at most ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'must not be empty' : `must have at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `needs at least ${issue.minimum} items`;
      return `must be at least ${issue.minimum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return typeof v;
}

function bad(syscall: string, field: string, what: string): NlshError {
  const where = field ? `${syscall}: argument '${field}' ${what}` : `${syscall}: ${what}`;
  return new NlshError('sys.badArgs', where, { hint: `see 'help ${syscall}' for its arguments`, details: { syscall, field } });
}
