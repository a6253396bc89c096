// What a model can do (llm layer): the capabilities Ollama reports for a model on /api/show
// (['completion', 'tools', 'vision', 'embedding', ...]) and its context length (model_info's
// "<arch>.context_length"). Servers older than the `capabilities` field are judged by the
// chat template, as Ollama itself did: a template that uses .Tools supports tools.
// Used by ollama.ts (capabilities(), supportsTools()) and, through it, agents and `nlsh doctor`.

/** A model's capabilities as the server reports them. */
export interface ModelCapabilities {
  model: string;
  /** As reported; inferred from the template when the server is too old to report them. */
  capabilities: string[];
  /** True when the model accepts tools (function calling). */
  tools: boolean;
  /** The context window in tokens, when the server says. */
  contextLength: number | null;
  /** Where `capabilities` came from. */
  source: 'reported' | 'template';
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** Reads one entry of model_info, which the client may hand over as a plain object or a Map. */
function infoEntries(info: unknown): Array<[string, unknown]> {
  if (info instanceof Map) return [...(info as Map<string, unknown>).entries()];
  if (isObj(info)) return Object.entries(info);
  return [];
}

/** Returns the capabilities in a /api/show reply; never fails (an odd reply gives no capabilities). */
export function parseShow(model: string, show: unknown): ModelCapabilities {
  const r = isObj(show) ? show : {};
  let contextLength: number | null = null;
  for (const [k, v] of infoEntries(r.model_info)) {
    if (k.endsWith('.context_length') && typeof v === 'number' && Number.isInteger(v) && v > 0) contextLength = v;
  }
  if (Array.isArray(r.capabilities)) {
    const caps = r.capabilities.filter((c): c is string => typeof c === 'string').map((c) => c.slice(0, 64)).slice(0, 32);
    return { model, capabilities: caps, tools: caps.includes('tools'), contextLength, source: 'reported' };
  }
  const template = typeof r.template === 'string' ? r.template : '';
  const tools = /\.Tools\b/.test(template);
  return { model, capabilities: ['completion', ...(tools ? ['tools'] : [])], tools, contextLength, source: 'template' };
}
