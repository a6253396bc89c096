// The intents of layer 2 (shell layer; caller: matcher.ts): for every syscall (and the
// built-ins help, exit, top, history, clear) a handful of example utterances, embedded once
// per parser, and cue words that nudge the nearest-neighbour vote. Examples use no pids,
// paths or quotes: the matcher masks those in the input too, so only the wording counts.

/** An intent: a syscall name, or "builtin:<name>". */
export interface Intent {
  name: string;
  examples: readonly string[];
  /** Words (lowercase stems) that speak for this intent; matched as word prefixes. */
  cues: readonly string[];
}

export const INTENTS: readonly Intent[] = [
  { name: 'proc.spawn', cues: ['spawn', 'creat', 'launch', 'agent', 'spin', 'new'], examples: [
    'create a code-writing agent with python expertise', 'spawn an agent that reviews code', 'start a new agent to summarize documents',
    'launch a research assistant', 'make an agent that writes tests', 'i need an agent that knows about databases',
    'spin up a helper that translates text', 'create a new process for data analysis', 'start an assistant with high priority',
    'run a new writer agent', 'bring up an agent specialised in security'] },
  { name: 'proc.kill', cues: ['kill', 'terminat', 'stop', 'end', 'rid', 'abort'], examples: [
    'kill the reviewer', 'stop the reviewer', 'terminate process', 'end the coder process', 'get rid of the summarizer',
    'shut down the agent', 'abort the research process', 'kill it', 'destroy that process', 'take down the translator'] },
  { name: 'proc.suspend', cues: ['pause', 'suspend', 'freez', 'sleep', 'hold'], examples: [
    'pause process', 'suspend the coder', 'freeze the reviewer for a while', 'put the writer to sleep', 'hold the summarizer',
    'pause the agent', 'temporarily stop the tester'] },
  { name: 'proc.resume', cues: ['resum', 'continu', 'unpause', 'wake', 'restart'], examples: [
    'resume process', 'continue the coder', 'wake up the reviewer', 'unpause the writer', 'let the summarizer run again',
    'restart the paused agent', 'keep going with the tester'] },
  { name: 'proc.renice', cues: ['priorit', 'renice', 'nice', 'urgent', 'import'], examples: [
    'change the priority of the coder to high', 'set priority of process to low', 'make the reviewer high priority',
    'lower the priority of the writer', 'raise the priority of the tester', 'give the coder more priority', 'renice the agent',
    'make process more important', 'deprioritize the summarizer'] },
  { name: 'proc.ps', cues: ['running', 'process', 'ps', 'agents', 'list'], examples: [
    'what is running', 'show me the processes', 'list all processes', 'which agents are running', 'show running agents',
    'what processes are there', 'list the agents', 'who is alive', 'show all the processes including finished ones', 'what is going on'] },
  { name: 'proc.wait', cues: ['wait', 'finish', 'until', 'done'], examples: [
    'wait for the coder to finish', 'wait until process is done', 'block until the reviewer exits', 'wait for the build agent',
    'let me know when the tester finishes'] },
  { name: 'proc.merge', cues: ['merge', 'combin', 'fuse', 'join', 'generalist'], examples: [
    'merge the coder and the reviewer', 'combine these two agents', 'fuse the agents into a generalist', 'join two processes into one',
    'merge these specialists into one agent'] },
  { name: 'proc.split', cues: ['split', 'divid', 'break', 'specialist'], examples: [
    'split the coder into three specialists', 'divide the agent into parts', 'break the process into smaller agents',
    'split process into specialists', 'separate the generalist into specialists'] },
  { name: 'proc.lend', cues: ['lend', 'attention', 'borrow', 'percent', 'give'], examples: [
    'lend half of its attention to the coder', 'give some attention from the reviewer to the coder',
    'share percent of attention with the writer', 'let the coder borrow attention from the tester', 'transfer budget between agents',
    'give percent of the budget to another agent'] },

  { name: 'ipc.send', cues: ['send', 'ask', 'tell', 'messag', 'notify'], examples: [
    'ask the coder to analyze this code for bugs', 'send a message to the reviewer', 'tell the writer to add a summary',
    'message the tester that the build is ready', 'ping the coder with a question', 'let the reviewer know the code is done',
    'have the coder fix the tests', 'send the reviewer a note'] },
  { name: 'ipc.broadcast', cues: ['everyone', 'everybody', 'broadcast', 'announc', 'all'], examples: [
    'tell everyone the system is shutting down', 'broadcast that we are going offline', 'announce to all agents that the build passed',
    'notify everybody about the update', 'let all processes know the deadline moved', 'send a message to everyone', 'warn all agents'] },
  { name: 'ipc.multicast', cues: ['group', 'multicast'], examples: [
    'send a message to the reviewers group', 'tell the testers group that tests failed', 'multicast to the team group'] },
  { name: 'ipc.group', cues: ['group', 'team'], examples: [
    'put these agents in a group called reviewers', 'create a group of agents', 'make a team with these processes', 'form a group'] },
  { name: 'ipc.receive', cues: ['inbox', 'messag', 'receiv', 'mail', 'check'], examples: [
    'check my messages', 'do i have any messages', 'read my inbox', 'receive messages', 'any new mail',
    'show me the messages', 'what messages came in'] },

  { name: 'mem.malloc', cues: ['alloc', 'memory', 'reserve', 'region'], examples: [
    'allocate memory for storing user preferences', 'reserve some memory for the cache', 'i need a memory region for session notes',
    'set aside memory to hold results', 'allocate a region for conversation history', 'create memory for storing facts'] },
  { name: 'mem.free', cues: ['free', 'releas', 'dealloc'], examples: [
    'free memory region', 'release that memory', 'deallocate the region', 'free up the memory block', 'give back the memory'] },
  { name: 'mem.share', cues: ['share', 'memory', 'access'], examples: [
    'share memory with the coder', 'give the reviewer access to the memory region', 'let the writer use this memory', 'share the region with another agent'] },
  { name: 'mem.stat', cues: ['memory', 'usage', 'mem', 'tier', 'ram'], examples: [
    'how much memory is used', 'show memory usage', 'memory statistics', 'what is the memory status', 'how full are the memory tiers',
    'show me the memory'] },

  { name: 'fs.pwd', cues: ['where', 'current', 'pwd'], examples: [
    'where am i', 'what directory am i in', 'show the current directory', 'print working directory', 'which folder is this'] },
  { name: 'fs.cd', cues: ['go', 'cd', 'navigat', 'switch', 'directory', 'folder', 'take'], examples: [
    'go to the directory about machine learning', 'take me to the folder with the docs', 'change directory to the knowledge base',
    'navigate to the logs', 'switch to the apps folder', 'go back home', 'move into the models directory', 'enter the tools folder',
    'go up one level'] },
  { name: 'fs.ls', cues: ['list', 'files', 'ls', 'show', 'contents'], examples: [
    'show me files like neural networks', 'list the files here', 'what files are in this directory', 'show the contents of this folder',
    'list files related to optimization', 'which files are about databases', 'show me what is in here', 'list everything'] },
  { name: 'fs.tree', cues: ['tree', 'structure', 'hierarchy', 'layout'], examples: [
    'show the directory tree', 'display the folder structure', 'what does the file hierarchy look like', 'show the tree two levels deep',
    'draw the layout of the file system'] },
  { name: 'fs.cat', cues: ['read', 'show', 'open', 'cat', 'contents', 'print', 'display'], examples: [
    'show me the file', 'read the readme', 'print the contents of the notes file', 'open the file', 'display the config file',
    'what is in that file'] },
  { name: 'fs.write', cues: ['write', 'save', 'append', 'put'], examples: [
    'write hello world to the notes file', 'save this text into a file', 'append a line to the log', 'put this text in the file',
    'add a line to the todo file'] },
  { name: 'fs.mkdir', cues: ['director', 'folder', 'mkdir', 'creat', 'make'], examples: [
    'make a directory called projects', 'create a folder named experiments', 'create a new directory', 'make a new folder for the reports'] },
  { name: 'fs.rm', cues: ['delet', 'remov', 'rm', 'eras', 'trash'], examples: [
    'delete the file', 'remove the old notes', 'erase that directory', 'trash the draft', 'get rid of the temporary file',
    'delete the folder and everything in it'] },
  { name: 'fs.mv', cues: ['mov', 'renam', 'mv'], examples: [
    'move the file to the archive', 'rename the notes', 'move this into the other folder', 'rename the draft to final'] },
  { name: 'fs.cp', cues: ['copy', 'cp', 'duplicat', 'clone'], examples: [
    'copy the file to the backup folder', 'duplicate the notes', 'make a copy of the directory', 'clone the folder'] },
  { name: 'fs.grep', cues: ['grep', 'regex', 'pattern', 'lines', 'contain', 'occurrenc'], examples: [
    'find lines containing the pattern', 'search the files for the regex', 'grep for the text', 'which files contain the word',
    'show every occurrence of the string'] },
  { name: 'fs.grepMeaning', cues: ['mention', 'discuss', 'talk', 'lines', 'passages', 'meaning'], examples: [
    'which lines talk about optimization techniques', 'find passages about gradient descent', 'grep by meaning for error handling',
    'show text that discusses performance', 'find lines mentioning memory leaks', 'where do the docs talk about security'] },
  { name: 'fs.find', cues: ['find', 'locat', 'files', 'director', 'where'], examples: [
    'find files about neural networks', 'locate the directory for machine learning', 'find folders related to testing',
    'where are the files about databases', 'find documents on optimization'] },
  { name: 'fs.embed', cues: ['store', 'rememb', 'embed', 'vector', 'knowledge', 'fact', 'memoriz'], examples: [
    'store this knowledge as a vector', 'remember that the api key rotates weekly', 'save this fact for later', 'embed this text',
    'memorize that the server runs on port eight thousand', 'add this to the knowledge base', 'note that tests run nightly'] },
  { name: 'fs.search', cues: ['search', 'similar', 'concept', 'related', 'know'], examples: [
    'find similar concepts to neural networks', 'search for knowledge about databases', 'what do we know about caching',
    'look up things related to security', 'search everything about embeddings', 'find ideas similar to attention'] },
  { name: 'fs.mount', cues: ['mount', 'import', 'index', 'load', 'ingest'], examples: [
    'mount my docs folder', 'import the documents from disk', 'index all documents in the folder', 'load the project files into the knowledge base',
    'ingest the manuals', 'bring the host directory in'] },
  { name: 'fs.export', cues: ['export', 'disk', 'host', 'out'], examples: [
    'export the app to a folder on disk', 'write the project out to the host', 'save the web app to my disk', 'export the files to the host directory'] },
  { name: 'agent.build', cues: ['build', 'develop', 'implement', 'code', 'app', 'server', 'website'], examples: [
    'build a web server with authentication and logging', 'make me a todo app', 'develop a command line tool that counts words',
    'write a python script that parses csv files', 'implement a rest api for users', 'create a website for my bakery'] },
  { name: 'sys.audit', cues: ['audit', 'log', 'history', 'happened'], examples: [
    'show the audit log', 'what happened recently', 'who did what', 'list the audit records', 'show me the security log'] },
  { name: 'sys.auditVerify', cues: ['verify', 'tamper', 'integrit', 'check', 'chain'], examples: [
    'verify the audit log', 'check the audit chain for tampering', 'is the audit log intact', 'check the integrity of the log'] },

  { name: 'builtin:help', cues: ['help', 'how', 'command', 'usage'], examples: [
    'help', 'how do i use this', 'what commands are there', 'what can you do', 'show me the help', 'i am lost'] },
  { name: 'builtin:exit', cues: ['exit', 'quit', 'bye', 'leave', 'goodbye'], examples: [
    'exit', 'quit the shell', 'goodbye', 'i am done', 'leave', 'close the shell'] },
  { name: 'builtin:top', cues: ['top', 'monitor', 'live', 'dashboard'], examples: [
    'open the live view', 'show the dashboard', 'monitor the system', 'show live stats'] },
  { name: 'builtin:history', cues: ['history', 'previous', 'typed', 'earlier'], examples: [
    'show my command history', 'what did i type before', 'list previous commands'] },
  { name: 'builtin:clear', cues: ['clear', 'clean', 'wipe', 'screen'], examples: [
    'clear the screen', 'wipe the terminal', 'clean the screen'] },
];
