// TUNING paraphrase queries for bench/vfs-eval.mjs (issue 10): the only paraphrases ranking
// choices (fusion, weights, expansion, thresholds) may be tuned on. They are the 30 written
// earlier for bench/vfs-query.mjs (bench/vfs-paraphrases.mjs), whose targets are disjoint from
// the held-out set (bench/eval/heldout-paraphrases.mjs), plus the cd examples of the issue.
import { PARAPHRASES } from '../vfs-paraphrases.mjs';

export const TUNING_PARAPHRASES = PARAPHRASES;
