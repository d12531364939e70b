#!/usr/bin/env node
// `npm test`: every suite that can run here, in order, then one line `N passed, N failed`.
//   1. lint and typecheck of every project (each project's check counts as one test)
//   2. unit + integration specs of every project (one Vitest run over all projects)
//   3. end-to-end: the real server booted on a fresh database, driven by Chromium
// Set TEST_SKIP_E2E=1 to leave out step 3 locally (CI never does).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test-artifacts');
mkdirSync(outDir, { recursive: true });
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' };
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  return r.status === 0;
}

function nxChecks(target) {
  const projects = JSON.parse(
    spawnSync('npx', ['nx', 'show', 'projects', '--withTarget', target, '--json'], { cwd: root, env, encoding: 'utf8' }).stdout || '[]',
  );
  const ok = run(`${target} (${projects.length} projects)`, 'npx', ['nx', 'run-many', '-t', target, '--outputStyle=static', '--nxBail=false']);
  if (ok) {
    passed += projects.length;
    return;
  }
  // Count per project so the summary says how many failed.
  for (const p of projects) {
    const r = spawnSync('npx', ['nx', 'run', `${p}:${target}`, '--outputStyle=static', '--skipNxCache'], { cwd: root, env, stdio: 'ignore' });
    if (r.status === 0) passed++;
    else {
      failed++;
      failures.push(`${target} ${p}`);
    }
  }
}

function vitest(label, args, reportName) {
  const report = join(outDir, reportName);
  rmSync(report, { force: true });
  const ok = run(label, 'npx', ['vitest', 'run', ...args, '--reporter=default', `--reporter=json`, `--outputFile.json=${report}`]);
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    // A file that failed to load, or whose setup failed (its tests then report skipped), has no
    // failed test but is still a failure, and its skipped tests count as failed: none of them ran.
    const brokenFiles = (r.testResults ?? []).filter(
      (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
    );
    for (const f of brokenFiles) {
      const notRun = (f.assertionResults ?? []).filter((a) => a.status !== 'passed').length;
      failed += Math.max(1, notRun);
      failures.push(`${label}: ${f.name} failed to run${notRun ? ` (${notRun} tests did not run)` : ''}`);
    }
    for (const f of r.testResults ?? [])
      for (const a of f.assertionResults ?? []) if (a.status === 'failed') failures.push(`${label}: ${a.fullName}`);
    if (r.numTotalTests === 0) {
      failed++;
      failures.push(`${label}: ran no test`);
    }
  } catch {
    failed++;
    failures.push(`${label}: no report (${ok ? 'runner exited 0' : 'runner failed'})`);
  }
}

nxChecks('lint');
nxChecks('typecheck');
vitest('unit + integration', [], 'vitest-report.json');
if (process.env.TEST_SKIP_E2E !== '1') {
  if (!run('web build for e2e', 'npx', ['nx', 'run', '@streamscope/web:build', '--outputStyle=static'])) {
    failed++;
    failures.push('web build');
  } else {
    vitest('end-to-end', ['-c', 'apps/web/vitest.e2e.config.ts'], 'e2e-report.json');
  }
}

if (failures.length) console.log(`\nFailures:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
