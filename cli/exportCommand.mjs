import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { once } from 'node:events';
import { basename, dirname, join, resolve } from 'node:path';
import { importTypeScript } from './loadTypeScript.mjs';
import { loadRecipe } from './batchCommand.mjs';
import { lines } from './lineFiles.mjs';

const usage = (message) => Object.assign(new Error(message), { code: 'USAGE' });

/** Dialogues read from the file a page at a time; the file is read again for every file the export writes. */
const PAGE = 500;

/** A folder as the export's file tree: each file streamed to disk, waiting for the disk when it lags. */
function folderTree(root) {
  return {
    async open(path) {
      const target = join(root, path);
      await mkdir(dirname(target), { recursive: true });
      const stream = createWriteStream(target);
      return {
        async write(bytes) {
          if (!stream.write(bytes)) await once(stream, 'drain');
        },
        async close() {
          stream.end();
          await once(stream, 'finish');
        },
      };
    },
    async close() {},
  };
}

/** The dialogues of a dialogue pack or a JSONL of dialogue records, a page at a time; a bad line stops the export. */
async function* dialoguePages(core, file, thresholds) {
  let page = [];
  let number = 0;
  for await (const line of lines(file)) {
    number += 1;
    if (!line.trim()) continue;
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${number}: not valid JSON`);
    }
    let item;
    try {
      item = core.exportItemOfLine(value, thresholds);
    } catch (error) {
      throw new Error(`${file}:${number}: ${error.message}`);
    }
    if (!item) continue;
    page.push(item);
    if (page.length === PAGE) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

async function emptyOrMissing(dir) {
  try {
    if (!(await stat(dir)).isDirectory()) return false;
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if (error.code === 'ENOENT') return true;
    throw error;
  }
}

/** "first=user,second=assistant,others=system" and "Teacher=assistant" flags as a role map. */
function roleMapFrom(roles, speakerRoles) {
  const map = {};
  for (const part of (roles ?? '').split(',').filter(Boolean)) {
    const [key, role] = part.split('=');
    if (!['first', 'second', 'others'].includes(key)) throw usage(`--roles takes first=, second= and others=, got "${part}"`);
    map[key] = role;
  }
  map.bySpeaker = {};
  for (const pair of speakerRoles) {
    const at = pair.lastIndexOf('=');
    if (at <= 0) throw usage(`--speaker-role takes NAME=ROLE, got "${pair}"`);
    map.bySpeaker[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return map;
}

/** The first line of the file that is not blank, parsed; null when there is none or it is not JSON. */
async function firstJsonLine(file) {
  for await (const line of lines(file)) {
    if (!line.trim()) continue;
    try {
      return JSON.parse(line);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * A lab backup, checked whole by the lab's own reader first (header, every row against today's schema, counts,
 * checksum), then read in passes: the review tables once, the dialogues once per file written. Only backups of the
 * lab's current database version are read here: an older one is migrated by restoring it in the lab.
 */
async function backupSource(core, file) {
  let current = 1;
  while (core.backedUpTables(current + 1)) current += 1;
  const header = await firstJsonLine(file);
  if (Number.isInteger(header?.schemaVersion) && header.schemaVersion < current) {
    throw new Error(`${file}:1: a backup of database version ${header.schemaVersion}; restore it in the lab (which migrates it to version ${current}) and back it up again to export it here`);
  }
  let unreadable;
  try {
    const contents = await core.readBackupLines(lines(file), core.backupRules(current));
    unreadable = [...contents.unreadable.values()].reduce((sum, rows) => sum + rows.size, 0);
  } catch (error) {
    if (!(error instanceof core.BackupRefused)) throw error;
    throw new Error(error.line === null ? `${file}: ${error.reason}` : `${file}:${error.line}: ${error.reason}`);
  }
  if (unreadable > 0) process.stderr.write(`${file}: ${unreadable} rows the lab that wrote it could not read are left out\n`);
  return core.backupExportSource(() => lines(file));
}

const readText = async (file) => {
  let bytes;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw usage(`${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  }
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};

/** Lines that did not become dialogues, named FILE:LINE on stderr (the first 20, then how many more). */
function reportProblems(problems) {
  for (const problem of problems.slice(0, 20)) process.stderr.write(`${problem.file}:${problem.line}: ${problem.message}\n`);
  if (problems.length > 20) process.stderr.write(`… and ${problems.length - 20} more lines that did not become dialogues\n`);
}

/**
 * A batch output file joined on custom_id with its request files (and source files, for urls and excerpt ids) into
 * dialogues with the recipe's provenance, as the lab's import does; the filters run with the recipe's thresholds.
 * The files and the dialogues are held in memory, as in the lab's import.
 */
async function batchSource(core, file, { requestFiles, sourceFiles, recipeFile }) {
  if (requestFiles.length === 0) throw usage(`${file} is a batch output file: give the request files it answers with --requests REQ.jsonl and the recipe with --recipe`);
  const recipe = await loadRecipe(core, recipeFile);
  const named = async (files) => Promise.all(files.map(async (name) => ({ name, text: await readText(name) })));
  const joined = core.joinBatchResults({ recipe, outputs: await named([file]), requests: await named(requestFiles), sources: await named(sourceFiles) });
  reportProblems(joined.problems);
  const { requests, outputs, dialogues, errors, unanswered } = joined.counts;
  process.stderr.write(`${file}: ${outputs} answers to ${requests} requests: ${dialogues} dialogues, ${errors} errors, ${unanswered} requests unanswered\n`);
  if (dialogues === 0) throw new Error(`${file}: no answer became a dialogue; nothing written`);
  const thresholds = recipe.filters;
  const items = joined.dialogues.map((dialogue) => core.exportItemOfLine(dialogue, thresholds));
  async function* readPages() {
    for (let at = 0; at < items.length; at += PAGE) yield items.slice(at, at + PAGE);
  }
  return core.pagedSource({ rubric: core.DEFAULT_RUBRIC, thresholds, readPages });
}

/** What IN is, from its first line: a lab backup, a batch output file, or dialogues (a pack or dialogue records). */
async function exportSource(core, input, batch) {
  const first = await firstJsonLine(input);
  if (first?.format === core.BACKUP_FORMAT) {
    if (batch.requestFiles.length || batch.sourceFiles.length || batch.recipeFile) throw usage(`${input} is a lab backup: --requests, --sources and --recipe are for a batch output file`);
    return backupSource(core, input);
  }
  if (batch.requestFiles.length || core.batchLineKind(first) === 'outputs') return batchSource(core, input, batch);
  const thresholds = core.DEFAULT_FILTER_THRESHOLDS;
  return core.pagedSource({ rubric: core.DEFAULT_RUBRIC, thresholds, readPages: () => dialoguePages(core, input, thresholds) });
}

/**
 * `mind-lab export`: the app's export from a file, with the same core code, into a folder: the chosen formats and
 * README.md, the dataset card. The folder is written beside itself and renamed at the end, so a failed export
 * leaves nothing. Returns the exit code: 0 when written.
 */
export async function runExport({ input, output, formats, select, style, model, run, filter, layout, labels, roles, speakerRoles, name, requestFiles = [], sourceFiles = [], recipeFile }) {
  const core = await importTypeScript('cli/core.ts');
  const parsed = core.exportOptionsSchema.safeParse({
    formats,
    selection: { verdict: select ?? 'any', styles: style, modelKeys: model, runIds: run, filterOutcome: filter ?? 'any' },
    text: { layout, speakerLabels: labels },
    roles: roleMapFrom(roles, speakerRoles),
    ...(name ? { prettyName: name } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usage(`${issue.path.join('.') || 'options'}: ${issue.message}`);
  }
  if (!(await emptyOrMissing(output))) throw usage(`${output} exists and is not an empty folder`);
  try {
    await stat(input);
  } catch {
    throw usage(`${input}: no such file`);
  }

  const source = await exportSource(core, input, { requestFiles, sourceFiles, recipeFile });
  const partial = join(dirname(resolve(output)), `.${basename(output)}.partial-${process.pid}`);
  const started = performance.now();
  let last = 0;
  try {
    const result = await core.writeExport(source, parsed.data, folderTree(partial), {
      onProgress(progress) {
        const now = performance.now();
        if (now - last < 1000) return;
        last = now;
        process.stderr.write(`${progress.file}: ${progress.rowsWritten}/${progress.totalRows} rows\n`);
      },
    });
    await rm(output, { recursive: true, force: true });
    await rename(partial, output);
    for (const file of result.files) process.stderr.write(`${join(output, file.path)}: ${file.rows} rows\n`);
    process.stderr.write(`${result.summary?.dialogues ?? 'The'} dialogues exported in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
