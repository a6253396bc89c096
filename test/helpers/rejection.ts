// Awaits a promise that must fail with an NlshError and returns that error (anything else
// thrown is rethrown; success fails the test).
import { isNlshError, type NlshError } from '../../src/base/errors.js';

export async function rejection(p: Promise<unknown>): Promise<NlshError> {
  try {
    await p;
  } catch (err) {
    if (isNlshError(err)) return err;
    throw err;
  }
  throw new Error('expected a failure');
}
