#!/usr/bin/env node
/**
 * mind-lab command line. It runs the TypeScript of src/core directly through Vite's module runner
 * (cli/loadTypeScript.mjs), so it works right after `npm install` / `npm ci` with no build step.
 */
import { parseArgs } from 'node:util';
import { runAgreement } from './agreementCommand.mjs';
import { runBatch } from './batchCommand.mjs';
import { runChunk } from './chunkCommand.mjs';
import { runExport } from './exportCommand.mjs';
import { flagOf, runFilter, THRESHOLD_KEYS } from './filterCommand.mjs';
import { DEFAULT_MAX_ATTEMPTS, runGenerate } from './generateCommand.mjs';
import { runRender } from './renderCommand.mjs';
import { runStyles } from './stylesCommand.mjs';

const HELP = `Usage:
  mind-lab chunk IN [IN ...] -o OUT [options]
  mind-lab styles [--style ID]
  mind-lab render (--style ID | --template FILE) IN [IN ...] -o OUT [options]
  mind-lab agreement FILE --level nominal|ordinal|interval|ratio
  mind-lab filter IN [IN ...] -o OUT [thresholds]
  mind-lab batch --recipe R IN [IN ...] -o DIR [--excerpts] [--gzip]
  mind-lab generate --recipe R IN [IN ...] --endpoint URL [--endpoint URL ...] --out OUT [options]
  mind-lab export IN --format FORMAT [--format FORMAT ...] -o DIR [options]   (IN: backup, batch output, pack)

mind-lab chunk IN [IN ...] -o OUT
Split OpenWebMath-style documents into MIND excerpts (contexts near a target token count, never cut inside
math, code or tables) and write one JSON line per excerpt:
  {"documentId","url","index","text","tokens","start","end","mathSpans"}
plus "oversized": true when a formula, code block or table longer than --max-tokens was kept whole.
documentId is the SHA-256 of the normalized document text; start/end are character offsets into it.

IN    .jsonl / .ndjson / .json (a JSON array), optionally .gz; .parquet; .txt / .md (one document each)
Options:
  -o, --output FILE        where to write the excerpts (JSONL); "-" for standard output
      --target-tokens N    target excerpt size in tokens (default 500)
      --min-tokens N       smallest excerpt (default 100)
      --max-tokens N       largest excerpt, unless one formula/code block/table alone is larger (default 800)
      --short-chunks MODE  merge (default) or drop excerpts still under --min-tokens
      --text-field NAME    JSON field or Parquet column holding the text (default "text")
      --keep-duplicates    also chunk documents whose normalized text was already seen
      --keep-partial       keep the records of a file read before it failed (a corrupt or cut-off gzip, an
                           unclosed JSON array, a damaged Parquet page); by default such a file adds nothing
      --stall-timeout S    stop when no record is read for S seconds (default 60): a damaged file can make a
                           reader loop forever; the run then exits 137 and leaves no output
      --threads N          worker threads that hash and chunk inputs of 16 MiB or more (default: one per core;
                           1 keeps everything on the main thread)

mind-lab styles [--style ID]
Print the seven built-in MIND styles as a JSON array on standard output:
  [{"id","name","description","system","template","placement","variables","knowledgeGap","versionId","templateHash"}]
template is the user message; {{context}} marks the excerpt and the other {{names}} take their values from
variables. placement says whether the context comes before or after the instruction.
Options:
      --style ID           print only this style's object (TWO_STUDENTS, TEACHER_STUDENT, TWO_PROFESSORS, DEBATE,
                           INTERVIEW, PROBLEM_SOLVING, LAYMAN_KNOWALL)

mind-lab render (--style ID | --template FILE) IN [IN ...] -o OUT
Render every excerpt line (as written by "mind-lab chunk", or any JSON line with a string "text" and an optional
"excerptId" or "id") through one template version and write one JSON line per excerpt:
  {"custom_id","messages":[{"role","content"}],"style","templateHash","templateVersionId","placement",
   "excerptId"?,"documentId"?,"url"?,"index"?}
custom_id is the lab's stable work item id for that excerpt and template version (no run, no model yet, default
sampling, sample 0): the same input always gives the same ids. The same excerpt twice is written once.
IN    JSONL, optionally .gz; "-" for standard input
Options:
  -o, --output FILE        where to write the batch (JSONL); "-" for standard output
      --style ID           a built-in style (see "mind-lab styles")
      --template FILE      a template file exported by the lab; renders the version labelled "latest" unless
      --version N          picks version N, or
      --label NAME         picks the version this label points at (e.g. approved)
      --placement WHERE    before or after: move the context before or after the instruction (templateHash and
                           custom_id change with it)

mind-lab agreement FILE --level LEVEL
Inter-rater agreement of a raters × units CSV: a header row naming the units (its first cell names the rater
column and may be empty), then one row per rater starting with the rater's name. An empty cell is missing; a
value is a number or a label (labels only at the nominal level); quoted fields as in RFC 4180. Prints
  {"alpha","level","units","raters","reason"?,"kappa"?}
alpha is Krippendorff's alpha, or null with a reason when it is undefined; units counts the units with two or
more values (the others drop out). kappa is {"method","weights"?,"value","units"}: Cohen's kappa when there are
exactly two raters (weights none for nominal, linear for ordinal, quadratic for interval and ratio), Fleiss'
kappa for nominal data with more raters when no cell is missing. See docs/agreement.md. Exits 1 when the
file cannot be read or is not such a table (FILE:LINE: reason on stderr).
Options:
      --level LEVEL        nominal, ordinal, interval or ratio: how values differ (required)

mind-lab filter IN [IN ...] -o OUT
Run MIND's filters on every dialogue line and write each line back unchanged, with two fields added:
  "filters": {"pass","reasons":[{"filter","message"}]}  filter is too-short, speakers, turns, truncated,
                                                         repetition, meta or garbage; one reason per failed filter
  "signals": {"numbers","formulas","variables","terms","mathCoverage","lengthRatio","newNumberRate"}
             only on lines that carry their excerpt: what the dialogue keeps of the excerpt and what it brings in
A line holds its dialogue as "text" (or "dialogue"), its excerpt as "excerpt" (or "context"), and may carry
"finishReason" and "completionTokens" from the engine. Chat lines work too: "messages" [{role, content}] or
ShareGPT "conversations" [{from, value}]. A prompt and its answer (system/user messages, then one assistant
message) is a generation: its dialogue is the assistant's answer. Any other chat is itself the dialogue, one
"role: content" turn per message. See docs/review-filters.md.
IN    JSONL, optionally .gz; "-" for standard input
All or nothing: one line that is not JSON or holds no dialogue is reported as FILE:LINE and OUT is not written
(to standard output, nothing more is written after it); exits 1 then, 0 when every line was analyzed.
Options:
  -o, --output FILE        where to write the lines (JSONL); "-" for standard output
Thresholds (a number; 0 turns that check off):
      --min-tokens N               too-short: fewer tokens fail (default 50; the line's completionTokens, else an estimate)
      --min-speakers N             speakers: fewer distinct speaker labels fail (default 2)
      --min-turns N                turns: fewer labelled turns fail, a speaker's consecutive turns counting once (default 3)
      --require-ending true|false  truncated: also fail a text that ends mid-sentence (default true)
      --max-line-repeats N         repetition: the same line of 4+ words more often fails (default 4)
      --max-repeated-ngram-share S repetition: a larger share of repeated word 4-grams fails (default 0.45)
      --max-loop-repeats N         repetition: the same 1-4 words back to back more often fails (default 8)
      --max-char-repeats N         repetition: the same 1-8 characters back to back more often fail (default 30)
      --meta-edge-lines N          meta: non-blank lines searched at each end (default 2)
      --max-bad-char-share S       garbage: a larger share of control/replacement characters fails (default 0.01)
      --min-letter-share S         garbage: a smaller share of letters fails (default 0.4)
      --long-word-chars N          garbage: words longer than this are very long (default 40)
      --max-long-word-share S      garbage: a larger share of text in very long words fails (default 0.3)
      --min-function-word-share S  garbage: a smaller share of words like "the", "is" fails (default 0.08)

mind-lab batch --recipe R IN [IN ...] -o DIR
Chunk IN as the recipe says (as "mind-lab chunk" does), render each excerpt with the recipe's styles and write
OpenAI Batch input files into DIR (an empty folder):
  requests-00000.jsonl  {"custom_id","method":"POST","url":"/v1/chat/completions","body":{"model","messages",
                        "temperature","top_p","max_tokens","seed",...}}  runs unchanged on vllm run-batch, the
                        OpenAI Batch API and LiteLLM; at most 50,000 lines and 100 MB a file
  sources-00000.jsonl   {"custom_id","style","templateVersionId","templateHash","sampleIndex","documentId"?,"url"?,
                        "index"?} what the lab needs to take the results back (where each excerpt came from)
custom_id is the lab's work item id (recipe run id, excerpt, template hash, model, sampling, sample), so the same
recipe and input always give the same ids. Memory stays flat; run one process per input shard to scale out.
Options:
      --recipe FILE        a recipe.json exported by the lab (required)
  -o, --output DIR         where to write the shards
      --excerpts           IN is already excerpt JSONL (from "mind-lab chunk"): render it without chunking
      --gzip               write .jsonl.gz shards

mind-lab export IN --format FORMAT -o DIR
Export dialogues as the lab's Export tab does (same code, same files) into DIR (created; must be empty if it exists):
  pretraining.jsonl {"text", ...provenance}          --format jsonl
  chat.jsonl        {"messages":[{role,content}], "text", ...provenance}   --format chat
  sharegpt.jsonl    {"conversations":[{from,value}], "text", ...provenance}   --format sharegpt
  preferences.jsonl {"prompt","chosen","rejected", ...}   --format dpo (pairs need reviews: none in a pack)
  data/train-00000-of-00001.parquet   every dialogue form in one table   --format parquet
  nemotron/STYLE/part-00000.jsonl     {"Conversational Style","Document ID","Text", ...}   --format nemotron
  README.md         the Hugging Face dataset card (YAML front matter and a summary)
provenance: id, source_url, document_id, document_hash, excerpt_sha256, style, template_version_id,
template_hash, engine, model, temperature, top_p, max_tokens, seed, stop, run_id, edited, ratings_submitted,
keep_votes, reject_votes, verdict, rating_means, filter_pass, filter_reasons. See docs/export.md.
IN    one of (optionally .gz):
      - a lab backup (Export tab, "Back up the lab"): checked whole first (a cut or damaged file is refused at
        its line), then exported with its ratings, edits, filter outcomes and pairwise preferences;
      - a batch output file (vllm run-batch, an OpenAI-style batch, mind-lab generate) with --requests and
        --recipe: joined on custom_id into dialogues with the recipe's provenance (no ratings);
      - a dialogue pack exported by the Review tab, or JSONL of dialogue records.
      The MIND filters run on each dialogue that has no outcome yet (the backup's or recipe's thresholds, else
      the defaults), on its edited turns when it has an edit
Options:
      --format FORMAT      jsonl, chat, sharegpt, dpo, parquet or nemotron (repeat, or comma-separate)
  -o, --output DIR         the folder to write
      --select VERDICT     any (default), kept, rejected or undecided (majority of submitted keep answers;
                           only a backup has ratings: from other inputs kept and rejected select nothing)
      --style ID           only this style (repeat for more); --model KEY (engine:model) and --run ID likewise
      --filter pass|fail   only dialogues that pass (or fail) the MIND filters
      --layout LAYOUT      dialogue (default) or excerpt-then-dialogue: the pretraining text (MIND's two layouts)
      --labels plain|bold  speaker labels as "Name: text" (default) or "**Name:** text"
      --roles MAP          chat roles by speaker order, default first=user,second=assistant,others=user
      --speaker-role N=R   give speaker N the role R (user, assistant or system) whatever its order (repeat)
      --name NAME          the dataset card's pretty_name
      --requests FILE      a batch output IN: the request file(s) it answers (repeat for each shard)
      --sources FILE       a batch output IN: the sources-NNNNN.jsonl beside them, for urls (repeat)
      --recipe FILE        a batch output IN: the recipe.json the requests were made from

mind-lab generate --recipe R IN [IN ...] --endpoint URL --out OUT
Chunk and render IN as the recipe says and send the requests to OpenAI-compatible servers (vLLM, llama-server,
Ollama), spread over every --endpoint, appending each answer to OUT in the OpenAI Batch output format:
  {"id","custom_id","response":{"status_code","request_id","body"},"error":null}
Progress (done, failed, rate, ETA) goes to stderr. 429 and 5xx answers and dropped connections are retried with
backoff (Retry-After honoured); a request that keeps failing is left out of OUT. Other HTTP errors are written as
answers with their status. Stopped by Ctrl-C or a crash, the same command resumes: custom_ids already in OUT are
skipped and a cut-off last line is cut away, so every custom_id ends up in OUT exactly once.
Options:
      --recipe FILE        a recipe.json exported by the lab (required, unless --requests)
      --endpoint URL       an OpenAI-compatible API root, e.g. http://localhost:8000/v1 (repeat for replicas)
      --out FILE           the batch output file (created, or resumed when it exists)
      --model NAME         the model name the servers serve (default: the recipe's); custom_ids stay the recipe's
      --concurrency N      requests in flight at once, over all endpoints (default 4)
      --api-key-env VAR    send the key held in environment variable VAR as "Authorization: Bearer"
      --excerpts           IN is already excerpt JSONL (from "mind-lab chunk")
      --requests           IN is request shards from "mind-lab batch" (or any chat completion batch input): send
                           them as they are
      --max-attempts N     tries per request for passing failures before it is left for the next run (default ${DEFAULT_MAX_ATTEMPTS})
Exits 0 when every request has its line in OUT, 1 when some were left (run again), 130 when interrupted.

  -h, --help               show this help

Rejected records and lines are reported on stderr as FILE:LINE: reason. chunk and render exit with 0 when at
least one document or excerpt went through, 1 when nothing could be, 2 on a usage error.`;

function usageError(message) {
  process.stderr.write(`mind-lab: ${message}\nRun "mind-lab --help" for usage.\n`);
  process.exit(2);
}

function positiveInteger(name, value) {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) usageError(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

const help = { type: 'boolean', short: 'h', default: false };
const OPTIONS = {
  chunk: {
    output: { type: 'string', short: 'o' },
    'target-tokens': { type: 'string' },
    'min-tokens': { type: 'string' },
    'max-tokens': { type: 'string' },
    'short-chunks': { type: 'string' },
    'text-field': { type: 'string' },
    'keep-duplicates': { type: 'boolean', default: false },
    'keep-partial': { type: 'boolean', default: false },
    'stall-timeout': { type: 'string' },
    threads: { type: 'string' },
    help,
  },
  styles: { style: { type: 'string' }, help },
  agreement: { level: { type: 'string' }, help },
  filter: {
    output: { type: 'string', short: 'o' },
    ...Object.fromEntries(THRESHOLD_KEYS.map((key) => [flagOf(key), { type: 'string' }])),
    help,
  },
  batch: {
    output: { type: 'string', short: 'o' },
    recipe: { type: 'string' },
    excerpts: { type: 'boolean', default: false },
    gzip: { type: 'boolean', default: false },
    help,
  },
  export: {
    output: { type: 'string', short: 'o' },
    format: { type: 'string', multiple: true, default: [] },
    select: { type: 'string' },
    style: { type: 'string', multiple: true, default: [] },
    model: { type: 'string', multiple: true, default: [] },
    run: { type: 'string', multiple: true, default: [] },
    filter: { type: 'string' },
    layout: { type: 'string' },
    labels: { type: 'string' },
    roles: { type: 'string' },
    'speaker-role': { type: 'string', multiple: true, default: [] },
    name: { type: 'string' },
    requests: { type: 'string', multiple: true, default: [] },
    sources: { type: 'string', multiple: true, default: [] },
    recipe: { type: 'string' },
    help,
  },
  generate: {
    recipe: { type: 'string' },
    endpoint: { type: 'string', multiple: true, default: [] },
    out: { type: 'string' },
    model: { type: 'string' },
    concurrency: { type: 'string' },
    'api-key-env': { type: 'string' },
    excerpts: { type: 'boolean', default: false },
    requests: { type: 'boolean', default: false },
    'max-attempts': { type: 'string' },
    help,
  },
  render: {
    output: { type: 'string', short: 'o' },
    style: { type: 'string' },
    template: { type: 'string' },
    version: { type: 'string' },
    label: { type: 'string' },
    placement: { type: 'string' },
    help,
  },
};

// The command picks which options are valid, so an option of another command is refused, not ignored.
const firstArgument = process.argv[2];
const options = OPTIONS[firstArgument] ?? { help };
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options });
} catch (error) {
  usageError(error.message);
}

const { values, positionals } = parsed;
const [command, ...inputs] = positionals;
if (values.help || command === 'help') {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
if (!(command in OPTIONS)) usageError(command ? `unknown command "${command}"` : 'missing command');

async function run() {
  if (command === 'agreement') {
    if (inputs.length !== 1) usageError(inputs.length === 0 ? 'missing input file' : 'agreement takes one file');
    return runAgreement({ file: inputs[0], level: values.level });
  }
  if (command === 'styles') {
    if (inputs.length > 0) usageError(`styles takes no files, got "${inputs[0]}"`);
    return runStyles({ style: values.style });
  }
  if (inputs.length === 0) usageError('missing input file');
  if (command === 'generate') {
    if (!values.out) usageError('missing --out OUT');
    return runGenerate({
      inputs,
      recipeFile: values.recipe,
      endpoints: values.endpoint,
      model: values.model,
      out: values.out,
      concurrency: positiveInteger('concurrency', values.concurrency),
      apiKeyEnv: values['api-key-env'],
      excerpts: values.excerpts,
      requestFiles: values.requests,
      maxAttempts: positiveInteger('max-attempts', values['max-attempts']),
    });
  }
  if (!values.output) usageError('missing -o OUT');
  if (command === 'export') {
    if (inputs.length !== 1) usageError('export takes one input file');
    return runExport({
      input: inputs[0],
      output: values.output,
      formats: values.format.flatMap((format) => format.split(',')).filter(Boolean),
      select: values.select,
      style: values.style,
      model: values.model,
      run: values.run,
      filter: values.filter,
      layout: values.layout,
      labels: values.labels,
      roles: values.roles,
      speakerRoles: values['speaker-role'],
      name: values.name,
      requestFiles: values.requests,
      sourceFiles: values.sources,
      recipeFile: values.recipe,
    });
  }
  if (command === 'batch') return runBatch({ inputs, output: values.output, recipeFile: values.recipe, excerpts: values.excerpts, gzip: values.gzip });
  if (command === 'filter') {
    const flags = Object.fromEntries(THRESHOLD_KEYS.map((key) => [key, values[flagOf(key)]]));
    return runFilter({ inputs, output: values.output, flags });
  }
  if (command === 'render') {
    const placement = values.placement;
    if (placement !== undefined && placement !== 'before' && placement !== 'after') usageError('--placement must be "before" or "after"');
    const version = positiveInteger('version', values.version);
    return runRender({
      inputs,
      output: values.output,
      style: values.style,
      templateFile: values.template,
      version,
      label: values.label,
      placement,
    });
  }
  const shortChunks = values['short-chunks'] ?? 'merge';
  if (shortChunks !== 'merge' && shortChunks !== 'drop') usageError('--short-chunks must be "merge" or "drop"');
  const chunkOptions = Object.fromEntries(
    Object.entries({
      targetTokens: positiveInteger('target-tokens', values['target-tokens']),
      minTokens: positiveInteger('min-tokens', values['min-tokens']),
      maxTokens: positiveInteger('max-tokens', values['max-tokens']),
      shortChunks,
    }).filter(([, value]) => value !== undefined),
  );
  return runChunk({
    inputs,
    output: values.output,
    chunkOptions,
    textField: values['text-field'],
    keepDuplicates: values['keep-duplicates'],
    keepPartial: values['keep-partial'],
    stallSeconds: positiveInteger('stall-timeout', values['stall-timeout']),
    threads: positiveInteger('threads', values.threads),
  });
}

try {
  process.exit(await run());
} catch (error) {
  process.stderr.write(`mind-lab: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error?.code === 'USAGE') process.stderr.write('Run "mind-lab --help" for usage.\n');
  process.exit(error?.code === 'USAGE' ? 2 : 1);
}
