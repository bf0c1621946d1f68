// Runs every benchmark suite in bench/suites (or those named on the command line) and writes
// bench/report.json and bench/report.md. Benchmarks report figures against goals; they never fail a test run.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(join(here, 'suites'))).filter((f) => f.endsWith('.mjs')).sort();
const suites = [];
for (const file of files) {
  const name = file.replace(/\.mjs$/, '');
  if (only.length && !only.includes(name)) continue;
  const suite = await import(join(here, 'suites', file));
  const started = Date.now();
  process.stdout.write(`bench ${name}… `);
  try {
    const figures = await suite.run();
    suites.push({ name, title: suite.title, measuredAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000, figures });
    console.log('done');
  } catch (error) {
    suites.push({ name, title: suite.title, measuredAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000, error: String(error?.stack ?? error), figures: [] });
    console.log(`failed: ${error?.message ?? error}`);
  }
}

// Naming suites re-measures those only: the report keeps every other suite's last figures (each says when it ran).
if (only.length) {
  const previousReport = await readFile(join(here, 'report.json'), 'utf8').then((text) => JSON.parse(text), () => ({ suites: [] }));
  const previous = previousReport.suites.map((s) => ({ measuredAt: previousReport.createdAt, ...s }));
  const fresh = new Map(suites.map((s) => [s.name, s]));
  const merged = previous.map((s) => fresh.get(s.name) ?? s);
  for (const s of suites) if (!previous.some((p) => p.name === s.name)) merged.push(s);
  suites.splice(0, suites.length, ...merged.sort((a, b) => a.name.localeCompare(b.name)));
}

const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
const report = { createdAt: new Date().toISOString(), machine, suites };
await writeFile(join(here, 'report.json'), JSON.stringify(report, null, 2) + '\n');

const lines = [`# MIND Lab benchmark report`, '', `${report.createdAt} · ${machine.cpus} cores (${machine.cpuModel}) · ${machine.memoryGiB} GiB · Node ${machine.node}`, ''];
for (const s of suites) {
  lines.push(`## ${s.title ?? s.name}`, '');
  if (s.measuredAt) lines.push(`Measured ${s.measuredAt} in ${Math.round(s.seconds)} s.`, '');
  if (s.error) lines.push('```', s.error, '```', '');
  if (s.figures.length) {
    lines.push('| figure | value | goal | met | how |', '| --- | --- | --- | --- | --- |');
    for (const f of s.figures) {
      const value = typeof f.value === 'number' ? `${+f.value.toFixed(3)} ${f.unit ?? ''}` : String(f.value);
      const met = f.met === undefined ? '' : f.met ? 'yes' : 'no';
      lines.push(`| ${f.label} | ${value} | ${f.goal ?? ''} | ${met} | ${f.how ?? ''} |`);
    }
    lines.push('');
  }
}
await writeFile(join(here, 'report.md'), lines.join('\n'));
console.log(`wrote bench/report.json and bench/report.md (${suites.length} suites)`);
