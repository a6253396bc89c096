// What a test opened, closed after it: one line in afterEach instead of the same close-and-forget
// block in every file. Items close in the order given (an agent runtime before its kernel); a
// string is a temporary directory, removed. The undefineds returned reset the test's variables:
//   afterEach(async () => { [rt, kit] = await teardown(rt, kit); });
import { rmSync } from 'node:fs';

type Closable = { stop(): Promise<unknown> } | { close(): unknown } | string | undefined;

export async function teardown(...items: Closable[]): Promise<undefined[]> {
  for (const item of items) {
    if (item === undefined) continue;
    if (typeof item === 'string') rmSync(item, { recursive: true, force: true });
    else if ('stop' in item) await item.stop();
    else await item.close();
  }
  return items.map(() => undefined);
}
