// Every command's English side, one file each (shell layer; callers: intents.ts, extract.ts,
// phrases.ts): the list the intent matcher, the slot extractors and the phrasebook are built
// from. The order is the phrasebook's: an earlier command's phrases are tried first.
import type { CommandSpec } from './kit.js';
import { command as c0 } from './proc-spawn.js';
import { command as c1 } from './proc-kill.js';
import { command as c2 } from './proc-suspend.js';
import { command as c3 } from './proc-resume.js';
import { command as c4 } from './proc-renice.js';
import { command as c5 } from './proc-ps.js';
import { command as c6 } from './proc-wait.js';
import { command as c7 } from './proc-merge.js';
import { command as c8 } from './proc-split.js';
import { command as c9 } from './proc-lend.js';
import { command as c10 } from './ipc-send.js';
import { command as c11 } from './ipc-broadcast.js';
import { command as c12 } from './ipc-multicast.js';
import { command as c13 } from './ipc-group.js';
import { command as c14 } from './ipc-receive.js';
import { command as c15 } from './mem-malloc.js';
import { command as c16 } from './mem-free.js';
import { command as c17 } from './mem-share.js';
import { command as c18 } from './mem-stat.js';
import { command as c19 } from './fs-pwd.js';
import { command as c20 } from './fs-cd.js';
import { command as c21 } from './fs-ls.js';
import { command as c22 } from './fs-tree.js';
import { command as c23 } from './fs-cat.js';
import { command as c24 } from './fs-write.js';
import { command as c25 } from './fs-mkdir.js';
import { command as c26 } from './fs-rm.js';
import { command as c27 } from './fs-mv.js';
import { command as c28 } from './fs-cp.js';
import { command as c29 } from './fs-grep.js';
import { command as c30 } from './fs-grep-meaning.js';
import { command as c31 } from './fs-find.js';
import { command as c32 } from './fs-embed.js';
import { command as c33 } from './fs-search.js';
import { command as c34 } from './fs-mount.js';
import { command as c35 } from './fs-export.js';
import { command as c36 } from './agent-build.js';
import { command as c37 } from './sys-audit.js';
import { command as c38 } from './sys-audit-verify.js';
import { command as c39 } from './builtin-help.js';
import { command as c40 } from './builtin-exit.js';
import { command as c41 } from './builtin-top.js';
import { command as c42 } from './builtin-history.js';
import { command as c43 } from './builtin-clear.js';
import { command as c44 } from './ipc-ask.js';
import { command as c45 } from './mem-read.js';
import { command as c46 } from './mem-write.js';
import { command as c47 } from './sys-grant.js';
import { command as c48 } from './sys-revoke.js';
import { command as c49 } from './builtin-config.js';

/** Every command spec: each kernel syscall, agent.build and the shell built-ins, once. */
export const COMMAND_SPECS: readonly CommandSpec[] = [
  c0,
  c1,
  c2,
  c3,
  c4,
  c5,
  c6,
  c7,
  c8,
  c9,
  c10,
  c11,
  c12,
  c13,
  c14,
  c15,
  c16,
  c17,
  c18,
  c19,
  c20,
  c21,
  c22,
  c23,
  c24,
  c25,
  c26,
  c27,
  c28,
  c29,
  c30,
  c31,
  c32,
  c33,
  c34,
  c35,
  c36,
  c37,
  c38,
  c39,
  c40,
  c41,
  c42,
  c43,
  c44,
  c45,
  c46,
  c47,
  c48,
  c49,
];
