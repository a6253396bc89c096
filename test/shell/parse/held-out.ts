// Held-out set C (issue 12): plain English as new users type it — questions, requests, typos,
// politeness — with the reading each one means. Written in one sitting BEFORE any tuning of the
// parser for issue 12 and never edited to match the parser afterwards (git history shows it).
// Tuning uses utterances.ts only. No imports: bench/parse.mjs transpiles this file standalone.
// `expect: 'refused'` = the line is too vague to act on: the parser must fail, not guess.
// `also` lists other readings that mean the same thing (e.g. grep or grep meaning for
// "which files mention X?"); any of them counts as right.

export interface HeldOut {
  input: string;
  expect: string;
  args: Record<string, unknown>;
  also?: readonly { expect: string; args: Record<string, unknown> }[];
}

const h = (input: string, expect: string, args: Record<string, unknown> = {}, ...also: { expect: string; args: Record<string, unknown> }[]): HeldOut =>
  also.length > 0 ? { input, expect, args, also } : { input, expect, args };
const or = (expect: string, args: Record<string, unknown> = {}): { expect: string; args: Record<string, unknown> } => ({ expect, args });
const refused = (input: string): HeldOut => ({ input, expect: 'refused', args: {} });

export const HELD_OUT_C: readonly HeldOut[] = [
  // proc.spawn
  h('spawn an agent that writes documentation', 'proc.spawn', { description: 'an agent that writes documentation' }),
  h('I need a helper that checks spelling', 'proc.spawn', { description: 'a helper that checks spelling' }),
  h('can you create an agent to triage bug reports?', 'proc.spawn', { description: 'an agent to triage bug reports' }),
  h('start a python expert', 'proc.spawn', { description: 'a python expert' }),
  h('launch an agent that monitors the logs with priority low', 'proc.spawn', { description: 'an agent that monitors the logs', priority: 15 }),
  h('please spawn "a SQL tutor" budget 3000', 'proc.spawn', { description: 'a SQL tutor', budget: 3000 }),
  h('spwan a poetry writer', 'proc.spawn', { description: 'a poetry writer' }),
  h('fire up an agent that answers support tickets', 'proc.spawn', { description: 'an agent that answers support tickets' }),
  h('create a new agent for translating french to english', 'proc.spawn', { description: 'a new agent for translating french to english' }),
  h('would you start a reviewer agent with high priority please', 'proc.spawn', { description: 'a reviewer agent', priority: 5 }),
  h('spawn a researcher with a budget of 8000 tokens', 'proc.spawn', { description: 'a researcher', budget: 8000 }),
  h('I want an agent that summarizes meeting notes', 'proc.spawn', { description: 'an agent that summarizes meeting notes' }),
  h('bring up a security auditor', 'proc.spawn', { description: 'a security auditor' }),
  h('make a new agent that plans sprints', 'proc.spawn', { description: 'a new agent that plans sprints' }),

  // proc.kill
  h('kill the python agent', 'proc.kill', { pid: 'the python' }),
  h('stop the writer', 'proc.kill', { pid: 'the writer' }),
  h('get rid of the summarizer', 'proc.kill', { pid: 'the summarizer' }),
  h('terminate p9', 'proc.kill', { pid: 'p9' }),
  h('shut down process 5', 'proc.kill', { pid: 'p5' }),
  h('kill process number 8', 'proc.kill', { pid: 'p8' }),
  h('please stop p3', 'proc.kill', { pid: 'p3' }),
  h('end the translator', 'proc.kill', { pid: 'the translator' }),
  h('klil p4', 'proc.kill', { pid: 'p4' }),
  h('can you kill the reviewer?', 'proc.kill', { pid: 'the reviewer' }),
  h('take down p10', 'proc.kill', { pid: 'p10' }),
  h('abort the research agent', 'proc.kill', { pid: 'the research' }),

  // proc.suspend
  h('pause the writer', 'proc.suspend', { pid: 'the writer' }),
  h('suspend process 6', 'proc.suspend', { pid: 'p6' }),
  h('put the coder on hold', 'proc.suspend', { pid: 'the coder' }),
  h('freeze p2 for a bit', 'proc.suspend', { pid: 'p2' }),
  h('could you pause p7?', 'proc.suspend', { pid: 'p7' }),
  h('hold p5', 'proc.suspend', { pid: 'p5' }),
  h('pasue p3', 'proc.suspend', { pid: 'p3' }),
  h('temporarily stop the tester', 'proc.suspend', { pid: 'the tester' }),

  // proc.resume
  h('resume the writer', 'proc.resume', { pid: 'the writer' }),
  h('unpause process 6', 'proc.resume', { pid: 'p6' }),
  h('continue p2 please', 'proc.resume', { pid: 'p2' }),
  h('wake p5 up', 'proc.resume', { pid: 'p5' }),
  h('let the coder carry on', 'proc.resume', { pid: 'the coder' }),
  h('unfreeze p4', 'proc.resume', { pid: 'p4' }),
  h('resme p1', 'proc.resume', { pid: 'p1' }),

  // proc.renice
  h('renice p2 low', 'proc.renice', { pid: 'p2', priority: 15 }),
  h('set the priority of p3 to 2', 'proc.renice', { pid: 'p3', priority: 2 }),
  h('make the coder urgent', 'proc.renice', { pid: 'the coder', priority: 0 }),
  h('give p6 high priority', 'proc.renice', { pid: 'p6', priority: 5 }),
  h('lower the priority of the summarizer', 'proc.renice', { pid: 'the summarizer', priority: 15 }),
  h('change priority of process 4 to normal', 'proc.renice', { pid: 'p4', priority: 10 }),
  h('raise p7 priority', 'proc.renice', { pid: 'p7', priority: 5 }),

  // proc.ps
  h('show me the process table', 'proc.ps'),
  h('is anything stuck or blocked?', 'proc.ps'),
  h('what processes are running right now?', 'proc.ps'),
  h('list agents', 'proc.ps'),
  h('which agents are alive?', 'proc.ps'),
  h('ps aux', 'proc.ps', { all: true }),
  h('show all processes, even the dead ones', 'proc.ps', { all: true }),
  h('who is running?', 'proc.ps'),
  h('how many agents are there?', 'proc.ps'),
  h('what is everyone doing?', 'proc.ps'),
  h('status of my agents', 'proc.ps'),
  h('show processes', 'proc.ps'),

  // proc.wait
  h('wait for p3', 'proc.wait', { pid: 'p3' }),
  h('wait until the coder finishes', 'proc.wait', { pid: 'the coder' }),
  h('wait for p2 --timeout 5000', 'proc.wait', { pid: 'p2', timeoutMs: 5000 }),
  h('hold on until process 9 is done', 'proc.wait', { pid: 'p9' }),
  h('block until p1 finishes', 'proc.wait', { pid: 'p1' }),

  // proc.merge / split / lend
  h('merge p2 and p5', 'proc.merge', { pids: ['p2', 'p5'] }),
  h('combine p1 with p4', 'proc.merge', { pids: ['p1', 'p4'] }),
  h('merge p3 p6 as fullstack', 'proc.merge', { pids: ['p3', 'p6'], name: 'fullstack' }),
  h('fuse processes 2 and 3', 'proc.merge', { pids: ['p2', 'p3'] }),
  h('split p4 into 3', 'proc.split', { pid: 'p4', into: 3 }),
  h('break process 5 into two agents', 'proc.split', { pid: 'p5', into: 2 }),
  h('divide p1 into 4 specialists', 'proc.split', { pid: 'p1', into: 4 }),
  h('split p2 in two', 'proc.split', { pid: 'p2', into: 2 }),
  h('lend 30% from p1 to p2', 'proc.lend', { from: 'p1', to: 'p2', percent: 30 }),
  h('give 25 percent of p3 attention to p4', 'proc.lend', { from: 'p3', to: 'p4', percent: 25 }),
  h('let p6 borrow 40% from p5', 'proc.lend', { from: 'p5', to: 'p6', percent: 40 }),
  h('lend half of p2 attention to p7', 'proc.lend', { from: 'p2', to: 'p7', percent: 50 }),

  // ipc.send
  h('send p4 "status?"', 'ipc.send', { to: 'p4', message: 'status?' }),
  h('tell p2 to hurry up', 'ipc.send', { to: 'p2', message: 'hurry up' }),
  h('ask the reviewer to check the login page', 'ipc.send', { to: 'the reviewer', message: 'check the login page' }),
  h('message p5 that the deploy is done', 'ipc.send', { to: 'p5', message: 'the deploy is done' }),
  h('let p3 know the tests are green', 'ipc.send', { to: 'p3', message: 'the tests are green' }),
  h('send a note to the coder: please add logging', 'ipc.send', { to: 'the coder', message: 'please add logging' }),
  h('ping p1', 'ipc.send', { to: 'p1', message: 'ping' }),
  h('tell the writer "use shorter sentences"', 'ipc.send', { to: 'the writer', message: 'use shorter sentences' }),
  h('sned p2 "hello"', 'ipc.send', { to: 'p2', message: 'hello' }),

  // ipc.broadcast
  h('broadcast "deploy starts at noon"', 'ipc.broadcast', { message: 'deploy starts at noon' }),
  h('tell all agents to stop what they are doing', 'ipc.broadcast', { message: 'stop what they are doing' }),
  h('announce that the server will restart', 'ipc.broadcast', { message: 'the server will restart' }),
  h('let everyone know the build is broken', 'ipc.broadcast', { message: 'the build is broken' }),
  h('notify all processes: new data arrived', 'ipc.broadcast', { message: 'new data arrived' }),
  h('broadcast to everyone that lunch is served', 'ipc.broadcast', { message: 'lunch is served' }),

  // ipc.multicast / ipc.group
  h('multicast reviewers "please look at PR 12"', 'ipc.multicast', { group: 'reviewers', message: 'please look at PR 12' }),
  h('send the writers group "deadline moved"', 'ipc.multicast', { group: 'writers', message: 'deadline moved' }),
  h('tell the qa group that staging is up', 'ipc.multicast', { group: 'qa', message: 'staging is up' }),
  h('group backend p1 p2 p3', 'ipc.group', { name: 'backend', members: ['p1', 'p2', 'p3'] }),
  h('make a group named frontend with p4 and p5', 'ipc.group', { name: 'frontend', members: ['p4', 'p5'] }),
  h('create a group called ops with p6 and p7', 'ipc.group', { name: 'ops', members: ['p6', 'p7'] }),

  // ipc.receive
  h('any messages for me?', 'ipc.receive'),
  h('check my messages', 'ipc.receive'),
  h('read my inbox', 'ipc.receive'),
  h('receive -n 5', 'ipc.receive', { max: 5 }),
  h('show the messages for p3', 'ipc.receive', { pid: 'p3' }),
  h('did anyone write to me?', 'ipc.receive'),
  h('what messages did p2 get?', 'ipc.receive', { pid: 'p2' }),

  // mem.malloc / free / share / stat
  h('malloc "scratch space for the coder"', 'mem.malloc', { description: 'scratch space for the coder' }),
  h('allocate a memory region for chat history', 'mem.malloc', { description: 'chat history' }),
  h('reserve memory for storing embeddings', 'mem.malloc', { description: 'storing embeddings' }),
  h('I need some memory to keep the user profile', 'mem.malloc', { description: 'the user profile' }),
  h('make room for a cache of search results', 'mem.malloc', { description: 'a cache of search results' }),
  h('free m4', 'mem.free', { id: 'm4' }),
  h('release memory region m2', 'mem.free', { id: 'm2' }),
  h('deallocate region m7', 'mem.free', { id: 'm7' }),
  h('drop m3, I no longer need it', 'mem.free', { id: 'm3' }),
  h('give back m6', 'mem.free', { id: 'm6' }),
  h('let p2 use memory region m3', 'mem.share', { id: 'm3', with: 'p2' }),
  h('share m5 with the coder', 'mem.share', { id: 'm5', with: 'the coder' }),
  h('give p4 access to region m1', 'mem.share', { id: 'm1', with: 'p4' }),
  h('share memory m2 with process 6', 'mem.share', { id: 'm2', with: 'p6' }),
  h('allow p3 to read m8', 'mem.share', { id: 'm8', with: 'p3' }),
  h('how much memory is used?', 'mem.stat'),
  h('mem', 'mem.stat'),
  h('show me the memory tiers', 'mem.stat'),
  h('memory stats please', 'mem.stat'),
  h('is the cache getting hits?', 'mem.stat'),

  // fs.pwd
  h('where am I?', 'fs.pwd'),
  h('which folder am I in', 'fs.pwd'),
  h('current directory?', 'fs.pwd'),
  h('show me where I am', 'fs.pwd'),

  // fs.cd
  h('cd /knowledge', 'fs.cd', { path: '/knowledge' }),
  h('go into /apps', 'fs.cd', { path: '/apps' }),
  h('take me to /logs', 'fs.cd', { path: '/logs' }),
  h('switch to the folder about databases', 'fs.cd', { path: 'the folder about databases' }),
  h('go back to the root', 'fs.cd', { path: '/' }),
  h('go up one level', 'fs.cd', { path: '..' }),
  h('open the directory /models', 'fs.cd', { path: '/models' }),
  h('cd ..', 'fs.cd', { path: '..' }),

  // fs.ls
  h("what's in /agents?", 'fs.ls', { path: '/agents' }),
  h('ls -l', 'fs.ls', { long: true }),
  h('ls -l /apps', 'fs.ls', { path: '/apps', long: true }),
  h('show me the files in /knowledge/facts', 'fs.ls', { path: '/knowledge/facts' }),
  h('what files are here?', 'fs.ls'),
  h('list this directory', 'fs.ls'),
  h('show files similar to "sorting algorithms"', 'fs.ls', { similarTo: 'sorting algorithms' }),
  h('what is inside /tools', 'fs.ls', { path: '/tools' }),
  h('list the contents of /logs', 'fs.ls', { path: '/logs' }),
  h('dir /apps', 'fs.ls', { path: '/apps' }),
  h('show me files like machine learning', 'fs.ls', { similarTo: 'machine learning' }),

  // fs.tree
  h('tree /knowledge', 'fs.tree', { path: '/knowledge' }),
  h('show me the folder structure', 'fs.tree'),
  h('draw the tree of /apps', 'fs.tree', { path: '/apps' }),
  h('tree -L 2', 'fs.tree', { depth: 2 }),

  // fs.cat
  h('cat notes.md', 'fs.cat', { path: 'notes.md' }),
  h('show me /knowledge/facts/sky.md', 'fs.cat', { path: '/knowledge/facts/sky.md' }),
  h('what does notes.md say?', 'fs.cat', { path: 'notes.md' }),
  h('print todo.txt', 'fs.cat', { path: 'todo.txt' }),
  h('display the file /apps/web/index.js', 'fs.cat', { path: '/apps/web/index.js' }),
  h('open /logs/today.log', 'fs.cat', { path: '/logs/today.log' }),
  h("what's in notes.md?", 'fs.cat', { path: 'notes.md' }),
  h('read me README.md', 'fs.cat', { path: 'README.md' }),

  // fs.write
  h('add "buy milk" to the end of notes.md', 'fs.write', { path: 'notes.md', content: 'buy milk\n', append: true }),
  h('echo "hello" >> notes.md', 'fs.write', { path: 'notes.md', content: 'hello\n', append: true }),
  h('echo "first line" > new.md', 'fs.write', { path: 'new.md', content: 'first line\n' }),
  h('write "meeting at 3" to calendar.md', 'fs.write', { path: 'calendar.md', content: 'meeting at 3' }),
  h('append "call bob" to todo.md', 'fs.write', { path: 'todo.md', content: 'call bob\n', append: true }),
  h('save "draft one" as draft.md', 'fs.write', { path: 'draft.md', content: 'draft one' }),
  h('put "v1.2" in version.txt', 'fs.write', { path: 'version.txt', content: 'v1.2' }),

  // fs.mkdir
  h('mkdir /apps/api', 'fs.mkdir', { path: '/apps/api' }),
  h('make a folder called drafts', 'fs.mkdir', { path: 'drafts' }),
  h('create a new directory /knowledge/recipes', 'fs.mkdir', { path: '/knowledge/recipes' }),
  h('mkdir -p /x/y/z', 'fs.mkdir', { path: '/x/y/z', parents: true }),
  h('new folder /tmp/work', 'fs.mkdir', { path: '/tmp/work' }),

  // fs.rm
  h('rm notes.md', 'fs.rm', { path: 'notes.md' }),
  h('delete /logs/old.log', 'fs.rm', { path: '/logs/old.log' }),
  h('get rid of draft.md', 'fs.rm', { path: 'draft.md' }),
  h('remove the folder /tmp/work with everything in it', 'fs.rm', { path: '/tmp/work', recursive: true }),
  h('rm -rf /apps/legacy', 'fs.rm', { path: '/apps/legacy', recursive: true }),
  h('please delete todo.md', 'fs.rm', { path: 'todo.md' }),
  h('trash /knowledge/facts/wrong.md', 'fs.rm', { path: '/knowledge/facts/wrong.md' }),

  // fs.mv / fs.cp
  h('mv a.md b.md', 'fs.mv', { from: 'a.md', to: 'b.md' }),
  h('rename notes.md to ideas.md', 'fs.mv', { from: 'notes.md', to: 'ideas.md' }),
  h('move draft.md into /archive', 'fs.mv', { from: 'draft.md', to: '/archive' }),
  h('move /apps/old.js to /apps/legacy/old.js', 'fs.mv', { from: '/apps/old.js', to: '/apps/legacy/old.js' }),
  h('relocate report.md to /docs', 'fs.mv', { from: 'report.md', to: '/docs' }),
  h('copy notes.md to backup.md', 'fs.cp', { from: 'notes.md', to: 'backup.md' }),
  h('duplicate /apps/web as /apps/web2', 'fs.cp', { from: '/apps/web', to: '/apps/web2' }),
  h('cp -r /apps/web /apps/site', 'fs.cp', { from: '/apps/web', to: '/apps/site', recursive: true }),
  h('make a copy of todo.md called todo-old.md', 'fs.cp', { from: 'todo.md', to: 'todo-old.md' }),

  // fs.grep
  h('look for the word TODO in /apps', 'fs.grep', { pattern: 'TODO', path: '/apps' }),
  h('grep TODO', 'fs.grep', { pattern: 'TODO' }),
  h('grep -i "error" /logs', 'fs.grep', { pattern: 'error', path: '/logs', ignoreCase: true }),
  h('search for "FIXME" in /apps', 'fs.grep', { pattern: 'FIXME', path: '/apps' }),
  h('find the string "api_key" in /apps', 'fs.grep', { pattern: 'api_key', path: '/apps' }),
  h('which lines contain "deprecated"?', 'fs.grep', { pattern: 'deprecated' }),
  h('which files mention python?', 'fs.grep', { pattern: 'python', filesOnly: true }, or('fs.grepMeaning', { query: 'python', filesOnly: true })),
  h('which files contain "password"?', 'fs.grep', { pattern: 'password', filesOnly: true }),

  // fs.grepMeaning
  h('which files talk about photosynthesis?', 'fs.grepMeaning', { query: 'photosynthesis', filesOnly: true }, or('fs.find', { query: 'photosynthesis', kind: 'file' }), or('fs.find', { query: 'photosynthesis' })),
  h('what does README.md say about installation?', 'fs.grepMeaning', { query: 'installation', path: 'README.md' }),
  h('what does notes.md say about the budget?', 'fs.grepMeaning', { query: 'the budget', path: 'notes.md' }),
  h('grep meaning "rate limiting" in /apps', 'fs.grepMeaning', { query: 'rate limiting', path: '/apps' }),
  h('find passages about authentication', 'fs.grepMeaning', { query: 'authentication' }),
  h('where do we talk about caching in /knowledge?', 'fs.grepMeaning', { query: 'caching', path: '/knowledge' }),
  h('find lines about error handling in /apps', 'fs.grepMeaning', { query: 'error handling', path: '/apps' }),
  h('which paragraphs discuss retries?', 'fs.grepMeaning', { query: 'retries' }),
  h('grep for things related to security in /apps', 'fs.grepMeaning', { query: 'security', path: '/apps' }),

  // fs.find
  h('find similar-to "neural nets"', 'fs.find', { query: 'neural nets' }),
  h('find /apps similar-to "login"', 'fs.find', { query: 'login', path: '/apps' }),
  h('find files about deployment', 'fs.find', { query: 'deployment', kind: 'file' }, or('fs.find', { query: 'deployment' })),
  h('locate the folder about physics', 'fs.find', { query: 'physics', kind: 'dir' }, or('fs.find', { query: 'physics' })),
  h('where is the file about the budget?', 'fs.find', { query: 'the budget', kind: 'file' }, or('fs.find', { query: 'the budget' })),

  // fs.embed
  h('embed "the API runs on port 3000"', 'fs.embed', { text: 'the API runs on port 3000' }),
  h('remember that bob is on vacation', 'fs.embed', { text: 'bob is on vacation' }),
  h('store "tokens expire after one hour" as /knowledge/facts/tokens.md', 'fs.embed', { text: 'tokens expire after one hour', as: '/knowledge/facts/tokens.md' }),
  h('note that the release is on friday', 'fs.embed', { text: 'the release is on friday' }),

  // fs.search
  h('search "vector databases"', 'fs.search', { query: 'vector databases' }),
  h('search for anything about quantum computing', 'fs.search', { query: 'quantum computing' }),
  h('what do we have on climate change?', 'fs.search', { query: 'climate change' }),
  h('find concepts similar to "graph theory"', 'fs.search', { query: 'graph theory' }),
  h('look up machine learning', 'fs.search', { query: 'machine learning' }),
  h('anything about docker?', 'fs.search', { query: 'docker' }),

  // fs.mount / fs.export
  h('mount ~/projects/site', 'fs.mount', { host: '~/projects/site' }),
  h('mount ./docs at /knowledge/docs', 'fs.mount', { host: './docs', at: '/knowledge/docs' }),
  h('import ~/notes', 'fs.mount', { host: '~/notes' }),
  h('index the folder ./papers', 'fs.mount', { host: './papers' }),
  h('export /apps to ./build', 'fs.export', { path: '/apps', host: './build' }),
  h('export /knowledge/facts ~/facts-out', 'fs.export', { path: '/knowledge/facts', host: '~/facts-out' }),
  h('save /apps/web out to ./site', 'fs.export', { path: '/apps/web', host: './site' }),
  h('write /apps/api to the disk at ./api', 'fs.export', { path: '/apps/api', host: './api' }),

  // agent.build
  h('build "a blog with comments"', 'agent.build', { goal: 'a blog with comments' }),
  h('build a CLI that converts csv to json', 'agent.build', { goal: 'a CLI that converts csv to json' }),
  h('create a web server with authentication and logging', 'agent.build', { goal: 'a web server with authentication and logging' }),
  h('make me a snake game', 'agent.build', { goal: 'a snake game' }),
  h('develop a url shortener', 'agent.build', { goal: 'a url shortener' }),

  // sys.audit / sys.auditVerify
  h('audit', 'sys.audit'),
  h('show the audit log', 'sys.audit'),
  h('what happened recently?', 'sys.audit'),
  h('show the last 5 audit entries', 'sys.audit', { limit: 5 }),
  h('audit verify', 'sys.auditVerify'),
  h('has the audit log been tampered with?', 'sys.auditVerify'),
  h('check the audit chain', 'sys.auditVerify'),

  // built-ins
  h('help', 'builtin:help'),
  h('help spawn', 'builtin:help', { topic: 'spawn' }),
  h('how do I use grep?', 'builtin:help', { topic: 'grep' }),
  h('what commands are there?', 'builtin:help'),
  h('quit', 'builtin:exit'),
  h("bye, that's all", 'builtin:exit'),
  h('exit the shell', 'builtin:exit'),
  h('top', 'builtin:top'),
  h('show me the dashboard', 'builtin:top'),
  h('open the monitor', 'builtin:top'),
  h('history', 'builtin:history'),
  h('what did I type before?', 'builtin:history'),
  h('show previous commands', 'builtin:history'),
  h('clear', 'builtin:clear'),
  h('clear the screen', 'builtin:clear'),
  h('cls', 'builtin:clear'),

  // too vague to act on: refused, never guessed
  refused('clean everything up'),
  refused('do it'),
  refused('fix the bug'),
  refused('make it faster'),
  refused('get rid of everything'),
  refused('delete'),
  refused('stop'),
  refused('the weather is nice today'),
];
