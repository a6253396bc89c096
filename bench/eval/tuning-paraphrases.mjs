// TUNING paraphrase queries for bench/vfs-eval.mjs (issue 10): the only paraphrases ranking
// choices (fusion, weights, expansion, thresholds) may be tuned on. They are the 30 written
// earlier for bench/vfs-query.mjs (bench/vfs-paraphrases.mjs) and 60 more written before this
// round's changes (tuning-paraphrases-more.mjs); targets are disjoint from the held-out set
// (bench/eval/heldout-paraphrases.mjs).
import { PARAPHRASES } from '../vfs-paraphrases.mjs';
import { MORE_TUNING_PARAPHRASES } from './tuning-paraphrases-more.mjs';

export const TUNING_PARAPHRASES = [...PARAPHRASES, ...MORE_TUNING_PARAPHRASES];
