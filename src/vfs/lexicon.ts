// The words people use for computing things, and the words the documentation uses (vfs layer):
// rings of words that name one concept, so that "delete a document in this folder" also looks
// for "remove", "file" and "directory". General word vectors miss these (their nearest words to
// "delete" are "edit" and "insert"; to "folder", "click"), and WordNet's synonyms were measured
// and did not help (bench/results/vfs.md). Written from general knowledge of how users and
// manuals name things, not from any evaluation query; used for query expansion by
// query-groups.ts, weighted below a word's own forms.
import { stem } from './stem.js';

/**
 * Each ring: words (base forms) that can stand for one another. A word may be in several rings.
 * Kept to concepts, not topics: "compress" and "zip" are one thing, "compress" and "archive"
 * are not (tar archives without compressing).
 */
const RINGS: readonly string[] = [
  // files and the tree
  'file document',
  'folder directory dir',
  'subfolder subdirectory',
  'path pathname location',
  'filename name',
  'extension suffix',
  'shortcut link symlink alias',
  'hidden dotfile',
  'empty blank',
  'contents content data',
  'disk drive storage volume',
  'partition filesystem volume',
  'usb stick thumbdrive',
  'space room capacity',
  'size big large bytes',
  'free available unused',
  'mount attach',
  'unmount detach eject',
  'trash recycle',
  // operations on files
  'delete remove erase unlink rm wipe',
  'copy duplicate clone replicate',
  'move relocate rename',
  'create make new add',
  'change modify alter edit update',
  'open read load',
  'save write store',
  'show display print list view output',
  'find search locate lookup look seek hunt',
  'compare difference diff differ',
  'merge combine join integrate',
  'split divide break chop',
  'sort order arrange alphabetical',
  'count number tally total',
  'compress shrink squeeze deflate zip smaller',
  'decompress uncompress unzip extract inflate expand',
  'archive bundle pack package tarball',
  'unpack unarchive extract',
  'backup snapshot copy',
  'restore recover undo revert',
  'fingerprint checksum hash digest sum',
  'verify check validate confirm',
  'corrupt corrupted damaged broken',
  'encrypt encipher scramble cipher',
  'decrypt decipher',
  'sign signature',
  'convert transform translate transcode',
  'replace substitute swap',
  'truncate shorten cut shrink',
  'append add attach',
  'wrap fold',
  'indent tab',
  'tab tabulator',
  'whitespace space blank',
  'uppercase capital',
  'lowercase small',
  // text
  'line row record',
  'column field',
  'word token',
  'character char letter byte',
  'text plain ascii',
  'beginning start first head top',
  'end last tail bottom final',
  'duplicate repeated adjacent',
  'unique distinct',
  'pattern regex regexp expression',
  'number numeric digit integer',
  'calculate compute evaluate arithmetic math calculator',
  'random shuffle',
  'binary executable',
  'hexadecimal hex',
  'octal',
  'readable printable human',
  'format layout typeset',
  'spell spelling',
  'translation locale language',
  // programs and processes
  'program process application app executable command binary tool utility',
  'run execute start launch invoke',
  'stop kill terminate end quit abort halt',
  'pause suspend stop',
  'resume continue',
  'wait sleep delay pause',
  'priority niceness nice',
  'background daemon service',
  'schedule cron timer later',
  'running active live',
  'hang freeze stuck',
  'crash fail failure error',
  'memory ram',
  'cpu processor core',
  'trace debug',
  'parent ancestor',
  'child descendant',
  'tree hierarchy',
  'limit quota',
  'lock mutex exclusive',
  'signal interrupt',
  'pipe fifo',
  'environment variable variables env',
  'output stdout',
  'input stdin',
  'error stderr',
  'repeat loop forever',
  'time elapsed duration',
  'clock date time',
  'boot startup',
  'shutdown poweroff halt reboot restart',
  'log journal syslog',
  'message notice note',
  'kernel system',
  'version release',
  'install setup deploy',
  'uninstall remove purge',
  'upgrade update',
  'library module',
  'build compile make',
  'source code',
  // users and permissions
  'user account login person people',
  'group team',
  'owner ownership chown',
  'permission access mode rights privilege',
  'administrator admin root superuser',
  'password passphrase passwd secret credential',
  'key keypair',
  'identity id uid',
  'shell terminal console tty commandline',
  'screen display monitor',
  'window pane',
  'session login',
  // network
  'computer machine host system box server',
  'network net',
  'address ip',
  'hostname host name',
  'download fetch retrieve get',
  'upload send push transfer',
  'connect connection login',
  'remote distant',
  'port socket',
  'web http url',
  'mail email message',
  'ping reachable',
  'firewall filter',
  // version control
  'commit snapshot revision change changeset',
  'history log',
  'branch line fork',
  'repository repo project',
  'checkout worktree',
  'stage index',
  'untracked unversioned',
  'pull fetch',
  'push publish',
  'bug defect error fault',
  'conflict clash',
  'tag label',
  'patch diff',
];

let table: Map<string, Set<string>> | undefined;

/** Ring words by the stem of each member (so "folders" and "deleted" find their rings). */
function build(): Map<string, Set<string>> {
  const t = new Map<string, Set<string>>();
  for (const ring of RINGS) {
    const words = ring.split(' ');
    for (const w of words) {
      const key = stem(w);
      let set = t.get(key);
      if (!set) t.set(key, (set = new Set()));
      for (const o of words) if (stem(o) !== key) set.add(o);
    }
  }
  return t;
}

/** The words of the rings of a (lowercase) query word, its own forms excluded. */
export function lexiconWords(word: string): string[] {
  table ??= build();
  return [...(table.get(stem(word)) ?? [])];
}
