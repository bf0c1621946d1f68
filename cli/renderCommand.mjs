import { createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { importTypeScript } from './loadTypeScript.mjs';
import { lineWriter, numberedLines } from './lineFiles.mjs';

const usage = (message) => Object.assign(new Error(message), { code: 'USAGE' });

/** The template every excerpt is rendered with, or a usage error that says what is wrong. */
async function batchTemplate(core, { style, templateFile, version, label, placement }) {
  if ((style === undefined) === (templateFile === undefined)) throw usage('give exactly one of --style ID or --template FILE');
  let resolved;
  if (style !== undefined) {
    if (version !== undefined || label !== undefined) throw usage('--version and --label choose a version of a --template file');
    resolved = core.builtInBatchTemplate(style);
  } else {
    let text;
    try {
      text = await readFile(templateFile, 'utf8');
    } catch (error) {
      throw usage(`${templateFile}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    }
    const file = core.readTemplateFile(templateFile, text);
    if (!file.ok) throw usage(file.message);
    resolved = core.templateFileBatchTemplate(file.file, { version, label });
  }
  if (resolved.ok && placement !== undefined) resolved = core.withContextPlacement(resolved.value, placement);
  if (!resolved.ok) throw usage(resolved.message);
  return resolved.value;
}

/**
 * `mind-lab render`: renders every excerpt line of the inputs through one template version and writes one batch
 * line per excerpt. Like `chunk`, OUT is written beside itself and renamed at the end. Returns the exit code: 0 when
 * at least one excerpt was rendered, 1 when none was (and then OUT is not written).
 */
export async function runRender({ inputs, output, style, templateFile, version, label, placement }) {
  const core = await importTypeScript('cli/core.ts');
  const template = await batchTemplate(core, { style, templateFile, version, label, placement });

  const toStdout = output === '-';
  const partial = `${output}.partial`;
  const out = toStdout ? process.stdout : createWriteStream(partial);
  const write = lineWriter(out);
  const totals = { rendered: 0, rejected: 0, duplicates: 0 };
  // Batch APIs need a unique custom_id per line: the same excerpt twice is one request.
  const lineOfId = new Map();
  const started = performance.now();

  try {
    const onUnreadable = (name, reason) => {
      totals.rejected += 1;
      process.stderr.write(`${name}: ${reason}\n`);
    };
    for await (const { name, lineNumber, line } of numberedLines(inputs, onUnreadable)) {
      const result = core.renderExcerptLine(line, template);
      if (result.kind === 'blank') continue;
      if (result.kind === 'rejected') {
        totals.rejected += 1;
        process.stderr.write(`${name}:${lineNumber}: ${result.reason}\n`);
        continue;
      }
      const id = result.record.custom_id;
      const first = lineOfId.get(id);
      if (first !== undefined) {
        totals.duplicates += 1;
        process.stderr.write(`${name}:${lineNumber}: same excerpt as ${first}, skipped\n`);
        continue;
      }
      lineOfId.set(id, `${name}:${lineNumber}`);
      totals.rendered += 1;
      await write(JSON.stringify(result.record));
    }
  } catch (error) {
    if (!toStdout) {
      out.destroy();
      await rm(partial, { force: true });
    }
    throw error;
  }

  if (!toStdout) {
    out.end();
    await once(out, 'finish');
    if (totals.rendered > 0) await rename(partial, output);
    else await rm(partial, { force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `${totals.rendered} excerpts rendered with ${template.versionId} (${template.style}, context ${template.placement}, ` +
      `template ${template.hash.slice(0, 12)}), ${totals.duplicates} duplicates skipped, ${totals.rejected} rejected ` +
      `in ${seconds.toFixed(2)} s\n`,
  );
  return totals.rendered > 0 ? 0 : 1;
}
