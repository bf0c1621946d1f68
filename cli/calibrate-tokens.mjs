#!/usr/bin/env node
/**
 * Calibrates the token estimate (src/core/chunking/estimateTokens.ts) against a real tokenizer: the Llama 2
 * SentencePiece vocabulary inside ../shared/models/llama-2-tiny-random.gguf, through node-llama-cpp (installed
 * for the e2e test server). Fits the feature weights by least squares on the paragraphs of even-numbered
 * documents, and reports the mean absolute percentage error on the odd-numbered documents, on their chunks,
 * and for the weights currently in the code.
 *
 *   node cli/calibrate-tokens.mjs [--data FILE.jsonl] [--model FILE.gguf] [--write-fixture]
 *
 * --write-fixture rewrites src/core/chunking/tokenCounts.fixture.json (texts with their real counts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importTypeScript, repoRoot } from './loadTypeScript.mjs';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(repoRoot, '../shared/data/owm_sample.jsonl') },
    model: { type: 'string', default: resolve(repoRoot, '../shared/models/llama-2-tiny-random.gguf') },
    'write-fixture': { type: 'boolean', default: false },
  },
});

const { getLlama } = await import(resolve(repoRoot, 'e2e/llama-server/node_modules/node-llama-cpp/dist/index.js'));
const { countTokenFeatures, TOKEN_WEIGHTS_MILLI, chunkDocument } = await importTypeScript('cli/core.ts');

const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });
const model = await llama.loadModel({ modelPath: values.model, gpuLayers: 0 });
const countReal = (text) => model.tokenize(text).length;

const features = Object.keys(TOKEN_WEIGHTS_MILLI);
const documents = readFileSync(values.data, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
const sample = (text, url = null) => ({ text, url, real: countReal(text), counts: countTokenFeatures(text) });

const training = documents
  .filter((_, index) => index % 2 === 0)
  .flatMap(({ text }) => text.split(/\n\s*\n/).filter((paragraph) => paragraph.trim().length > 0))
  .map((text) => sample(text));
const heldOutDocuments = documents.filter((_, index) => index % 2 === 1).map(({ text, url }) => sample(text, url));

/** Least squares with non-negative weights: solve, drop features that come out negative, solve again. */
function fit(samples) {
  let active = [...features];
  for (;;) {
    const size = active.length;
    const matrix = Array.from({ length: size }, () => new Array(size + 1).fill(0));
    for (const { real, counts } of samples) {
      for (let row = 0; row < size; row += 1) {
        const x = counts[active[row]];
        for (let column = 0; column < size; column += 1) matrix[row][column] += x * counts[active[column]];
        matrix[row][size] += x * real;
      }
    }
    for (let row = 0; row < size; row += 1) matrix[row][row] += 1e-6;
    for (let pivot = 0; pivot < size; pivot += 1) {
      for (let row = pivot + 1; row < size; row += 1) {
        const factor = matrix[row][pivot] / matrix[pivot][pivot];
        for (let column = pivot; column <= size; column += 1) matrix[row][column] -= factor * matrix[pivot][column];
      }
    }
    const solution = new Array(size).fill(0);
    for (let row = size - 1; row >= 0; row -= 1) {
      let sum = matrix[row][size];
      for (let column = row + 1; column < size; column += 1) sum -= matrix[row][column] * solution[column];
      solution[row] = sum / matrix[row][row];
    }
    const negative = active.filter((_, index) => solution[index] < 0);
    const weights = Object.fromEntries(features.map((name) => [name, 0]));
    active.forEach((name, index) => (weights[name] = Math.max(0, solution[index])));
    if (negative.length === 0) return weights;
    active = active.filter((name) => !negative.includes(name));
  }
}

const estimate = (counts, weights) => features.reduce((sum, name) => sum + counts[name] * weights[name], 0);
const meanAbsPercentError = (samples, weights) =>
  (100 * samples.reduce((sum, { real, counts }) => sum + Math.abs(estimate(counts, weights) - real) / real, 0)) /
  samples.length;

const fitted = fit(training);
const rounded = Object.fromEntries(features.map((name) => [name, Math.round(fitted[name] * 1000) / 1000]));
const current = Object.fromEntries(features.map((name) => [name, TOKEN_WEIGHTS_MILLI[name] / 1000]));

const heldOutChunks = heldOutDocuments
  .flatMap(({ text, url }) => chunkDocument(text).map((chunk) => sample(chunk.text, url)));
const wordsOnly = (samples) => {
  const ratio = training.reduce((s, x) => s + x.real, 0) / training.reduce((s, x) => s + x.text.split(/\s+/).length, 0);
  return (100 * samples.reduce((sum, x) => sum + Math.abs(x.text.split(/\s+/).length * ratio - x.real) / x.real, 0)) / samples.length;
};

const report = {
  tokenizer: 'Llama 2 SentencePiece (32k), llama-2-tiny-random.gguf, no BOS',
  trainingParagraphs: training.length,
  heldOutDocuments: heldOutDocuments.length,
  heldOutChunks: heldOutChunks.length,
  fittedWeights: rounded,
  fitted: {
    mapeDocuments: meanAbsPercentError(heldOutDocuments, fitted),
    mapeChunks: meanAbsPercentError(heldOutChunks, fitted),
  },
  inCode: {
    weights: current,
    mapeDocuments: meanAbsPercentError(heldOutDocuments, current),
    mapeChunks: meanAbsPercentError(heldOutChunks, current),
  },
  wordsTimesRatioBaseline: { mapeDocuments: wordsOnly(heldOutDocuments), mapeChunks: wordsOnly(heldOutChunks) },
};
console.log(JSON.stringify(report, null, 2));

if (values['write-fixture']) {
  const picks = [...heldOutChunks].sort((a, b) => a.real - b.real);
  const chosen = [0.1, 0.3, 0.5, 0.7, 0.9, 0.99].map((q) => picks[Math.floor(q * (picks.length - 1))]);
  const fixture = chosen.map(({ text, url, real }) => ({ url, text, llama2Tokens: real }));
  writeFileSync(resolve(repoRoot, 'src/core/chunking/tokenCounts.fixture.json'), `${JSON.stringify(fixture, null, 2)}\n`);
  console.error(`wrote ${fixture.length} texts to src/core/chunking/tokenCounts.fixture.json`);
}
await model.dispose();
await llama.dispose();
