import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join, resolve } from 'node:path';
import { importTypeScript } from './loadTypeScript.mjs';
import { lines } from './renderCommand.mjs';

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

/**
 * `mind-lab export`: the app's export from a file, with the same core code, into a folder: the chosen formats and
 * README.md, the dataset card. The folder is written beside itself and renamed at the end, so a failed export
 * leaves nothing. Returns the exit code: 0 when written.
 */
export async function runExport({ input, output, formats, select, style, model, run, filter, layout, labels, roles, speakerRoles, name }) {
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

  const thresholds = core.DEFAULT_FILTER_THRESHOLDS;
  const source = core.pagedSource({ rubric: core.DEFAULT_RUBRIC, thresholds, readPages: () => dialoguePages(core, input, thresholds) });
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
