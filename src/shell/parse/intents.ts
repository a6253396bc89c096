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
  /** Leading verb phrases of imperative sentences that speak strongly for this intent (whole words). */
  heads?: readonly string[];
}

export const INTENTS: readonly Intent[] = [
  { name: 'proc.spawn', heads: ['spawn', 'launch', 'fire up', 'spin up', 'create an agent', 'create a new agent', 'start an agent', 'start a new agent', 'bring up'], cues: ['spawn', 'creat', 'launch', 'agent', 'spin', 'new'], examples: [
    'start an agent that cleans up logs with low priority', 'create a helper agent with a budget of tokens',
    'create a code-writing agent with python expertise', 'spawn an agent that reviews code', 'start a new agent to summarize documents',
    'launch a research assistant', 'make an agent that writes tests', 'i need an agent that knows about databases',
    'spin up a helper that translates text', 'create a new process for data analysis', 'start an assistant with high priority',
    'run a new writer agent', 'bring up an agent specialised in security'] },
  { name: 'proc.kill', heads: ['kill', 'terminate', 'shut down', 'abort', 'get rid of', 'stop'], cues: ['kill', 'terminat', 'stop', 'end', 'rid', 'abort'], examples: [
    'kill the reviewer', 'stop the reviewer', 'terminate process', 'end the coder process', 'get rid of the summarizer',
    'shut down the agent', 'abort the research process', 'kill it', 'destroy that process', 'take down the translator'] },
  { name: 'proc.suspend', heads: ['pause', 'suspend', 'freeze', 'hold', 'put to sleep'], cues: ['pause', 'suspend', 'freez', 'sleep', 'hold'], examples: [
    'put the process to sleep', 'pause it for now',
    'pause process', 'suspend the coder', 'freeze the reviewer for a while', 'put the writer to sleep', 'hold the summarizer',
    'pause the agent', 'temporarily stop the tester'] },
  { name: 'proc.resume', heads: ['resume', 'continue', 'unpause', 'wake up', 'carry on', 'restart', 'unfreeze'], cues: ['resum', 'continu', 'unpause', 'wake', 'restart'], examples: [
    'resume process', 'continue the coder', 'wake up the reviewer', 'unpause the writer', 'let the summarizer run again',
    'restart the paused agent', 'keep going with the tester'] },
  { name: 'proc.renice', heads: ['renice', 'reprioritize', 'deprioritize', 'set priority', 'change priority', 'change the priority', 'set the priority', 'raise the priority', 'lower the priority', 'bump up the priority', 'bump the priority'], cues: ['priorit', 'renice', 'nice', 'urgent', 'import'], examples: [
    'change the priority of the coder to high', 'set priority of process to low', 'make the reviewer high priority',
    'lower the priority of the writer', 'raise the priority of the tester', 'give the coder more priority', 'renice the agent',
    'make process more important', 'deprioritize the summarizer'] },
  { name: 'proc.ps', cues: ['running', 'process', 'ps', 'agents', 'list'], examples: [
    'show me what agents are alive', 'are any processes running', 'list every agent',
    'what is running', 'show me the processes', 'list all processes', 'which agents are running', 'show running agents',
    'what processes are there', 'list the agents', 'who is alive', 'show all the processes including finished ones', 'what is going on'] },
  { name: 'proc.wait', heads: ['wait', 'block until'], cues: ['wait', 'finish', 'until', 'done'], examples: [
    'wait for the coder to finish', 'wait until process is done', 'block until the reviewer exits', 'wait for the build agent',
    'let me know when the tester finishes'] },
  { name: 'proc.merge', heads: ['merge', 'combine', 'fuse'], cues: ['merge', 'combin', 'fuse', 'join', 'generalist'], examples: [
    'combine process and process into one agent', 'fuse process with process', 'merge process and process',
    'merge the coder and the reviewer', 'combine these two agents', 'fuse the agents into a generalist', 'join two processes into one',
    'merge these specialists into one agent'] },
  { name: 'proc.split', heads: ['split', 'divide'], cues: ['split', 'divid', 'break', 'specialist'], examples: [
    'split the coder into three specialists', 'divide the agent into parts', 'break the process into smaller agents',
    'split process into specialists', 'separate the generalist into specialists'] },
  { name: 'proc.lend', heads: ['lend'], cues: ['lend', 'attention', 'borrow', 'percent', 'give'], examples: [
    'give percent of process attention to process', 'lend percent of the budget from process to process', 'let process borrow percent attention from process',
    'lend half of its attention to the coder', 'give some attention from the reviewer to the coder',
    'share percent of attention with the writer', 'let the coder borrow attention from the tester', 'transfer budget between agents',
    'give percent of the budget to another agent'] },

  { name: 'ipc.send', heads: ['send', 'ask', 'message', 'ping', 'tell'], cues: ['send', 'ask', 'tell', 'messag', 'notify'], examples: [
    'message process please hurry up', 'send process a message', 'tell process to do the task',
    'ask the coder to analyze this code for bugs', 'send a message to the reviewer', 'tell the writer to add a summary',
    'message the tester that the build is ready', 'ping the coder with a question', 'let the reviewer know the code is done',
    'have the coder fix the tests', 'send the reviewer a note'] },
  { name: 'ipc.broadcast', heads: ['broadcast', 'announce', 'tell everyone', 'tell everybody', 'tell all', 'notify everyone', 'notify all', 'let everyone', 'let everybody', 'let all'], cues: ['everyone', 'everybody', 'broadcast', 'announc', 'all'], examples: [
    'tell everybody', 'send everyone', 'announce to everybody lunch break',
    'tell everyone the system is shutting down', 'broadcast that we are going offline', 'announce to all agents that the build passed',
    'notify everybody about the update', 'let all processes know the deadline moved', 'send a message to everyone', 'warn all agents'] },
  { name: 'ipc.multicast', cues: ['group', 'multicast'], examples: [
    'send a message to the reviewers group', 'tell the testers group that tests failed', 'multicast to the team group'] },
  { name: 'ipc.group', cues: ['group', 'team'], examples: [
    'put process and process in a group called writers', 'group these processes together',
    'put these agents in a group called reviewers', 'create a group of agents', 'make a team with these processes', 'form a group'] },
  { name: 'ipc.receive', heads: ['check my messages', 'check messages', 'check the inbox', 'check my inbox', 'receive', 'read my messages', 'read messages'], cues: ['inbox', 'messag', 'receiv', 'mail', 'check'], examples: [
    'check my messages', 'do i have any messages', 'read my inbox', 'receive messages', 'any new mail',
    'show me the messages', 'what messages came in'] },

  { name: 'mem.malloc', heads: ['allocate', 'reserve memory', 'reserve some memory', 'set aside', 'malloc'], cues: ['alloc', 'memory', 'reserve', 'region'], examples: [
    'allocate memory for storing user preferences', 'reserve some memory for the cache', 'i need a memory region for session notes',
    'set aside memory to hold results', 'allocate a region for conversation history', 'create memory for storing facts'] },
  { name: 'mem.free', heads: ['free', 'release', 'deallocate'], cues: ['free', 'releas', 'dealloc'], examples: [
    'deallocate memory', 'release memory', 'delete memory', 'remove the memory region',
    'free memory region', 'release that memory', 'deallocate the region', 'free up the memory block', 'give back the memory'] },
  { name: 'mem.share', heads: ['share'], cues: ['share', 'memory', 'access'], examples: [
    'share memory with the coder', 'give the reviewer access to the memory region', 'let the writer use this memory', 'share the region with another agent'] },
  { name: 'mem.stat', cues: ['memory', 'usage', 'mem', 'tier', 'ram'], examples: [
    'how much memory is used', 'show memory usage', 'memory statistics', 'what is the memory status', 'how full are the memory tiers',
    'show me the memory'] },

  { name: 'fs.pwd', cues: ['where', 'current', 'pwd'], examples: [
    'where am i', 'what directory am i in', 'show the current directory', 'print working directory', 'which folder is this'] },
  { name: 'fs.cd', heads: ['go to', 'go into', 'go back', 'cd', 'navigate', 'take me', 'switch to', 'head over to', 'head to', 'change directory', 'change to', 'move to the directory', 'move into'], cues: ['go', 'cd', 'navigat', 'switch', 'directory', 'folder', 'take'], examples: [
    'change directory to folder', 'go to folder',
    'go to the directory about machine learning', 'take me to the folder with the docs', 'change directory to the knowledge base',
    'navigate to the logs', 'switch to the apps folder', 'go back home', 'move into the models directory', 'enter the tools folder',
    'go up one level'] },
  { name: 'fs.ls', heads: ['list', 'ls'], cues: ['list', 'files', 'ls', 'show', 'contents'], examples: [
    'show me what is in folder', 'list the files in folder', 'what is inside this folder',
    'show me files like neural networks', 'list the files here', 'what files are in this directory', 'show the contents of this folder',
    'list files related to optimization', 'which files are about databases', 'show me what is in here', 'list everything'] },
  { name: 'fs.tree', heads: ['tree'], cues: ['tree', 'structure', 'hierarchy', 'layout'], examples: [
    'show the folder structure of folder', 'show the tree of folder',
    'show the directory tree', 'display the folder structure', 'what does the file hierarchy look like', 'show the tree two levels deep',
    'draw the layout of the file system'] },
  { name: 'fs.cat', heads: ['cat', 'read', 'print the contents', 'open'], cues: ['read', 'show', 'open', 'cat', 'contents', 'print', 'display'], examples: [
    'show me the file', 'read the readme', 'print the contents of the notes file', 'open the file', 'display the config file',
    'what is in that file'] },
  { name: 'fs.write', heads: ['write to', 'append', 'add a line', 'save into'], cues: ['write', 'save', 'append', 'put'], examples: [
    'append to file', 'save into file', 'write to file', 'append a line to the file',
    'write hello world to the notes file', 'save this text into a file', 'append a line to the log', 'put this text in the file',
    'add a line to the todo file'] },
  { name: 'fs.mkdir', heads: ['mkdir', 'make a directory', 'make a folder', 'create a directory', 'create a folder', 'create a new directory', 'create a new folder', 'make a new folder', 'make a new directory', 'new folder', 'new directory'], cues: ['director', 'folder', 'mkdir'], examples: [
    'make a directory called projects', 'create a folder named folder', 'create a folder named experiments', 'create a new directory', 'make a new folder for the reports'] },
  { name: 'fs.rm', heads: ['delete', 'remove', 'erase', 'rm', 'trash'], cues: ['delet', 'remov', 'rm', 'eras', 'trash'], examples: [
    'remove the directory folder and everything in it', 'delete file',
    'delete the file', 'remove the old notes', 'erase that directory', 'trash the draft', 'get rid of the temporary file',
    'delete the folder and everything in it'] },
  { name: 'fs.mv', heads: ['move', 'rename', 'mv'], cues: ['mov', 'renam', 'mv'], examples: [
    'move the file to the archive', 'rename the notes', 'move this into the other folder', 'rename the draft to final'] },
  { name: 'fs.cp', heads: ['copy', 'duplicate', 'cp', 'clone', 'make a copy'], cues: ['copy', 'cp', 'duplicat', 'clone'], examples: [
    'make a copy of folder at folder', 'copy file to file',
    'copy the file to the backup folder', 'duplicate the notes', 'make a copy of the directory', 'clone the folder'] },
  { name: 'fs.grep', heads: ['grep'], cues: ['grep', 'regex', 'pattern', 'lines', 'contain', 'occurrenc'], examples: [
    'find lines containing the pattern', 'search the files for the regex', 'grep for the text', 'which files contain the word',
    'show every occurrence of the string'] },
  { name: 'fs.grepMeaning', cues: ['mention', 'discuss', 'talk', 'lines', 'passages', 'meaning'], examples: [
    'which lines talk about optimization techniques', 'find passages about gradient descent', 'grep by meaning for error handling',
    'show text that discusses performance', 'find lines mentioning memory leaks', 'where do the docs talk about security'] },
  { name: 'fs.find', heads: ['find', 'locate'], cues: ['find', 'locat', 'files', 'director', 'where'], examples: [
    'find files about neural networks', 'locate the directory for machine learning', 'find folders related to testing',
    'where are the files about databases', 'find documents on optimization'] },
  { name: 'fs.embed', heads: ['remember', 'store', 'memorize', 'memorise', 'embed', 'note that'], cues: ['store', 'rememb', 'embed', 'vector', 'knowledge', 'fact', 'memoriz'], examples: [
    'store this knowledge as a vector', 'remember that the api key rotates weekly', 'save this fact for later', 'embed this text',
    'memorize that the server runs on port eight thousand', 'add this to the knowledge base', 'note that tests run nightly'] },
  { name: 'fs.search', heads: ['search', 'look up'], cues: ['search', 'similar', 'concept', 'related', 'know'], examples: [
    'find similar concepts to neural networks', 'search for knowledge about databases', 'what do we know about caching',
    'look up things related to security', 'search everything about embeddings', 'find ideas similar to attention'] },
  { name: 'fs.mount', heads: ['mount', 'import', 'ingest', 'index', 'load'], cues: ['mount', 'import', 'index', 'load', 'ingest'], examples: [
    'mount my docs folder', 'import the documents from disk', 'index all documents in the folder', 'load the project files into the knowledge base',
    'ingest the manuals', 'bring the host directory in'] },
  { name: 'fs.export', heads: ['export'], cues: ['export', 'disk', 'host', 'out'], examples: [
    'export the app to a folder on disk', 'save folder to my disk at folder', 'write the project out to the host', 'save the web app to my disk', 'export the files to the host directory'] },
  { name: 'agent.build', heads: ['build', 'develop', 'implement'], cues: ['build', 'develop', 'implement', 'code', 'app', 'server', 'website'], examples: [
    'implement a cache in rust',
    'build a web server with authentication and logging', 'make me a todo app', 'develop a command line tool that counts words',
    'write a python script that parses csv files', 'implement a rest api for users', 'create a website for my bakery'] },
  { name: 'sys.audit', heads: ['audit'], cues: ['audit', 'happened'], examples: [
    'show the audit log', 'what happened recently', 'who did what', 'list the audit records', 'show me the security log'] },
  { name: 'sys.auditVerify', heads: ['verify'], cues: ['verify', 'tamper', 'integrit', 'check', 'chain', 'intact'], examples: [
    'verify the audit log', 'check the audit chain for tampering', 'is the audit log intact', 'check the integrity of the log'] },

  { name: 'builtin:help', heads: ['help'], cues: ['help', 'how', 'command', 'usage'], examples: [
    'help', 'how do i use this', 'what commands are there', 'what can you do', 'show me the help', 'i am lost'] },
  { name: 'builtin:exit', heads: ['exit', 'quit', 'bye', 'goodbye'], cues: ['exit', 'quit', 'bye', 'leave', 'goodbye'], examples: [
    'exit', 'quit the shell', 'goodbye', 'i am done', 'leave', 'close the shell'] },
  { name: 'builtin:top', cues: ['top', 'monitor', 'live', 'dashboard'], examples: [
    'open the live view', 'show the dashboard', 'monitor the system', 'show live stats'] },
  { name: 'builtin:history', cues: ['history', 'previous', 'typed', 'earlier'], examples: [
    'show my command history', 'what did i type before', 'list previous commands'] },
  { name: 'builtin:clear', heads: ['clear', 'wipe'], cues: ['clear', 'clean', 'wipe', 'screen'], examples: [
    'clear the screen', 'wipe the terminal', 'clean the screen'] },
];
