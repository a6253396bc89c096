// Messages and tools as Ollama's chat API spells them (llm layer): tool_calls, tool_name and
// function tools. Used by ollama.ts only; it imports nothing from the 'ollama' package.
import type { ChatMessage, ToolSpec } from './types.js';

/** Returns a message as Ollama's API spells it (tool_calls, tool_name). */
export function wireMessage(m: ChatMessage): { role: string; content: string; tool_calls?: { function: { name: string; arguments: Record<string, unknown> } }[]; tool_name?: string } {
  return {
    role: m.role,
    content: m.content,
    ...(m.toolCalls ? { tool_calls: m.toolCalls.map((c) => ({ function: { name: c.name, arguments: asObject(c.arguments) } })) } : {}),
    ...(m.toolName ? { tool_name: m.toolName } : {}),
  };
}

// tool arguments sent back to the server must be an object; anything else is wrapped
function asObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
}

/** Returns a tool as Ollama's `tools` entry (function kind). */
export function wireTool(t: ToolSpec): { type: 'function'; function: { name: string; description: string; parameters: Record<string, unknown> } } {
  return { type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } };
}
