// The hand-written argument validator that src/kernel/schema.ts had before the zod descriptors
// (git 9d61fa8), compiled to JS and kept only as bench/dispatch.mjs's same-process baseline.
// Argument schemas for syscalls (kernel layer): a small typed subset of JSON Schema that
// dispatch() validates against and that the shell's Ollama intent compiler sends as a
// structured-output format. Validation failures are NlshError "sys.badArgs".
import { NlshError } from '../../dist/base/errors.js';
/** Builds an object schema; `required` lists the mandatory keys. */
export function objectSchema(properties, required = []) {
    return { type: 'object', properties, required };
}
const MAX_STRING = 1 << 20; // 1 MiB: nothing a syscall takes is bigger unless its schema says so
/** Returns args as a plain object when they match schema; fails with sys.badArgs naming the field. */
export function validateArgs(syscall, schema, args) {
    if (args === undefined || args === null)
        args = {};
    if (typeof args !== 'object' || Array.isArray(args)) {
        throw bad(syscall, '', 'arguments must be an object');
    }
    const obj = args;
    for (const key of Object.keys(obj)) {
        if (!Object.hasOwn(schema.properties, key)) {
            throw bad(syscall, key, `unknown argument; expected one of: ${Object.keys(schema.properties).join(', ') || '(none)'}`);
        }
    }
    for (const key of schema.required) {
        if (obj[key] === undefined)
            throw bad(syscall, key, 'is required');
    }
    for (const [key, field] of Object.entries(schema.properties)) {
        const v = obj[key];
        if (v !== undefined)
            checkField(syscall, key, field, v);
    }
    return obj;
}
function checkField(syscall, path, f, v) {
    switch (f.type) {
        case 'string': {
            if (typeof v !== 'string')
                throw bad(syscall, path, `must be a string, got ${typeName(v)}`);
            const max = f.maxLength ?? MAX_STRING;
            if (v.length > max)
                throw bad(syscall, path, `is too long (${v.length} characters, at most ${max})`);
            if (f.minLength !== undefined && v.length < f.minLength) {
                throw bad(syscall, path, f.minLength === 1 ? 'must not be empty' : `must have at least ${f.minLength} characters`);
            }
            if (f.enum && !f.enum.includes(v))
                throw bad(syscall, path, `must be one of ${f.enum.join(', ')}`);
            return;
        }
        case 'integer':
        case 'number': {
            if (typeof v !== 'number' || !Number.isFinite(v))
                throw bad(syscall, path, `must be a finite number, got ${typeName(v)}`);
            if (f.type === 'integer' && !Number.isInteger(v))
                throw bad(syscall, path, 'must be a whole number');
            if (f.minimum !== undefined && v < f.minimum)
                throw bad(syscall, path, `must be at least ${f.minimum}`);
            if (f.maximum !== undefined && v > f.maximum)
                throw bad(syscall, path, `must be at most ${f.maximum}`);
            return;
        }
        case 'boolean':
            if (typeof v !== 'boolean')
                throw bad(syscall, path, `must be true or false, got ${typeName(v)}`);
            return;
        case 'array': {
            if (!Array.isArray(v))
                throw bad(syscall, path, `must be a list, got ${typeName(v)}`);
            if (f.minItems !== undefined && v.length < f.minItems)
                throw bad(syscall, path, `needs at least ${f.minItems} items`);
            if (f.maxItems !== undefined && v.length > f.maxItems)
                throw bad(syscall, path, `takes at most ${f.maxItems} items`);
            v.forEach((item, i) => checkField(syscall, `${path}[${i}]`, f.items, item));
            return;
        }
    }
}
function typeName(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'a list';
    return typeof v;
}
function bad(syscall, field, what) {
    const where = field ? `${syscall}: argument '${field}' ${what}` : `${syscall}: ${what}`;
    return new NlshError('sys.badArgs', where, { hint: `see 'help ${syscall}' for its arguments`, details: { syscall, field } });
}
