import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './api-server';
import { renderMarkdown, type BenchReport } from './report';

/** Rewrites BENCHMARKS.md from a stored result (after editing analysis.md). Usage: tsx tools/bench/render.ts bench/results/<file>.json */
const file = process.argv[2];
if (!file) throw new Error('usage: tsx tools/bench/render.ts bench/results/<file>.json');
const report = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as BenchReport;
const notesFile = join(ROOT, 'tools/bench/analysis.md');
const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : '';
writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderMarkdown(report, file, notes));
console.log(`wrote BENCHMARKS.md from ${file}`);
