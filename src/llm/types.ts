// Model backend types (llm layer), shared by agents, the shell's intent compiler and the
// ollama embedder. Only src/llm/ollama.ts imports the 'ollama' package.
import type { ModelCapabilities } from './capabilities.js';

export type { ModelCapabilities } from './capabilities.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
}

export interface ChatRequest {
  model?: string;
  messages: ChatMessage[];
  /** A JSON schema for structured output (Ollama's `format`). */
  format?: Record<string, unknown>;
  temperature?: number;
  /** Upper bound on generated tokens (num_predict). */
  maxTokens?: number;
  signal?: AbortSignal;
}

export interface ChatChunk {
  content: string;
  done: boolean;
  /** Token counts, present on the final chunk. */
  promptTokens?: number;
  completionTokens?: number;
}

export interface ChatResult {
  content: string;
  promptTokens: number;
  completionTokens: number;
  /** Wall time of the whole call, in ms. */
  latencyMs: number;
}

export interface ModelBackend {
  readonly host: string;
  readonly model: string;
  /** One full reply; fails with llm.* NlshErrors (unreachable, timeout, badResponse, modelMissing). */
  chat(req: ChatRequest): Promise<ChatResult>;
  /** Streams a reply chunk by chunk; same failures as chat(). */
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
