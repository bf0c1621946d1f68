import { readFile } from 'node:fs/promises';
import { importTypeScript } from './loadTypeScript.mjs';

/**
 * `mind-lab agreement FILE --level L`: reads a raters × units CSV and prints Krippendorff's α (plus Cohen's or
 * Fleiss' κ where they apply) as JSON on standard output. Returns the exit code: 0, or 1 when the file cannot be
 * read or is not such a table (the message names the file and line).
 */
export async function runAgreement({ file, level }) {
  const core = await importTypeScript('cli/core.ts');
  if (!core.MEASUREMENT_LEVELS.includes(level)) {
    throw Object.assign(new Error(`--level must be one of ${core.MEASUREMENT_LEVELS.join(', ')}${level === undefined ? '' : `, got "${level}"`}`), { code: 'USAGE' });
  }
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(`mind-lab: ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}\n`);
    return 1;
  }
  const read = core.readRatersTable(text, level);
  if (!read.ok) {
    process.stderr.write(`${file}:${read.line}: ${read.message}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(core.summarizeAgreement(read.table, level), null, 2)}\n`);
  return 0;
}
