// Model backend types (llm layer), shared by agents, the kernel's inference path, the shell's
// intent compiler and the ollama embedder. Only src/llm/ollama.ts imports the 'ollama' package.
import type { ModelCapabilities } from './capabilities.js';

export type { ModelCapabilities } from './capabilities.js';

/** A tool call the model asked for; `arguments` is whatever the server sent (validated by the caller). */
export interface ToolCall {
  name: string;
  arguments: unknown;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** On an assistant turn: the tool calls it made. */
  toolCalls?: ToolCall[];
  /** On a tool turn: which tool's result this is. */
  toolName?: string;
}

/** A tool offered to the model (Ollama's `tools` entry, function kind). */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export interface ChatRequest {
  model?: string;
  messages: ChatMessage[];
  /** Tools the model may call (Ollama's `tools`). */
  tools?: ToolSpec[];
  /** A JSON schema for structured output (Ollama's `format`). */
  format?: Record<string, unknown>;
  temperature?: number;
  /** Upper bound on generated tokens (num_predict); a stream that goes past it is cut. */
  maxTokens?: number;
  signal?: AbortSignal;
}

export interface ChatChunk {
  content: string;
  done: boolean;
  /** Tool calls carried by this chunk (Ollama sends them whole, usually in one chunk). */
  toolCalls?: ToolCall[];
  /** Token counts, present on the final chunk and validated (see checkCounts in ollama.ts). */
  promptTokens?: number;
  completionTokens?: number;
  /** Why generation stopped, on the final chunk: 'stop', 'length' (num_predict reached), ... */
  doneReason?: string;
}

export interface ChatResult {
  content: string;
  toolCalls?: ToolCall[];
  promptTokens: number;
  completionTokens: number;
  doneReason?: string;
  /** Wall time of the whole call, in ms. */
  latencyMs: number;
}

export interface ModelBackend {
  readonly host: string;
  readonly model: string;
  /** One full reply; fails with llm.* NlshErrors (unreachable, timeout, badResponse, badCounts, modelMissing). */
  chat(req: ChatRequest): Promise<ChatResult>;
  /** Streams a reply chunk by chunk; same failures as chat(), plus llm.streamTooLong past maxTokens. */
  chatStream(req: ChatRequest): AsyncIterable<ChatChunk>;
  /** Embeddings from an embedding model, batched. */
  embed(model: string, input: string[], signal?: AbortSignal): Promise<number[][]>;
  /** True when the server answers (a cheap call), false when it does not. */
  ping(signal?: AbortSignal): Promise<boolean>;
  /**
   * What the model (default: the backend's) can do, asked of the server once per model and
   * remembered; fails like chat(). Optional: a backend without it is taken to support tools.
   */
  capabilities?(model?: string, signal?: AbortSignal): Promise<ModelCapabilities>;
  /** True when the model accepts tools; agents on a model without them answer in text only. Fails like capabilities(). */
  supportsTools?(model?: string, signal?: AbortSignal): Promise<boolean>;
}
