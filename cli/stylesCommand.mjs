import { importTypeScript } from './loadTypeScript.mjs';

/**
 * `mind-lab styles`: prints the built-in MIND styles (or one, with --style) as JSON on standard output.
 * Returns the exit code: 0, or 2 for an unknown style.
 */
export async function runStyles({ style }) {
  const core = await importTypeScript('cli/core.ts');
  const styles = core.builtInStyleSummaries();
  if (style === undefined) {
    process.stdout.write(`${JSON.stringify(styles, null, 2)}\n`);
    return 0;
  }
  const resolved = core.builtInBatchTemplate(style);
  if (!resolved.ok) throw Object.assign(new Error(resolved.message), { code: 'USAGE' });
  const one = styles.find((summary) => summary.id === resolved.value.style);
  process.stdout.write(`${JSON.stringify(one, null, 2)}\n`);
  return 0;
}
