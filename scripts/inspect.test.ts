import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const EXPECTED: [string, string, number][] = [
  ['single_top.root', 'heptutorial', 5684],
  ['ww.root', 'heptutorial', 4580],
  ['wz.root', 'heptutorial', 3367],
  ['zz.root', 'heptutorial', 2421],
  ['qcd.root', 'heptutorial', 142],
  ['powheg-box-v2-W.lhe', 'lhe', 100],
];

function inspect(...args: string[]) {
  const run = spawnSync(
    'node_modules/.bin/tsx',
    ['scripts/inspect.ts', ...args],
    {
      encoding: 'utf8',
    },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function sample(name: string): string {
  return join('public/samples', name);
}

describe('npm run inspect', () => {
  it('prints one JSON object per sample', () => {
    const run = inspect('--json', ...EXPECTED.map(([file]) => sample(file)));
    expect(run.status).toBe(0);
    const reports = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(reports).toHaveLength(EXPECTED.length);
    EXPECTED.forEach(([file, layout, events], i) => {
      expect(reports[i].file).toBe(sample(file));
      expect(reports[i].layout).toBe(layout);
      expect(reports[i].events).toBe(events);
    });
    expect(reports[0].tree).toBe('events');
    expect(reports[0].objects.met).toBe(5684);
  });

  it('reports a broken file and exits with 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
    const broken = join(dir, 'wz.root');
    writeFileSync(broken, readFileSync(sample('wz.root')).subarray(0, 120_000));
    const run = inspect('--json', broken, sample('qcd.root'));
    expect(run.status).toBe(1);
    const [bad, good] = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(bad.error.code).toBe('io/invalid-root');
    expect(bad.error.message).toContain('truncated');
    expect(bad.events).toBe(0);
    expect(good.events).toBe(142);
  });

  it('writes the events as CSV with --out', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'inspect-')), 'qcd.csv');
    const run = inspect('--out', out, '--class', 'QCD', sample('qcd.root'));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('layout heptutorial');
    const again = inspect('--json', out);
    expect(JSON.parse(again.stdout).events).toBe(142);
  });

  it('passes LHE events through the detector with --detector', () => {
    const run = inspect(
      '--json',
      '--detector',
      'full',
      '--sample',
      '30',
      sample('powheg-box-v2-W.lhe'),
    );
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.layout).toBe('lhe+detector');
    expect(report.events).toBe(30);
    expect(report.objects.met).toBe(30);
  });

  it('rejects an unknown detector name', () => {
    const run = inspect('--detector', 'medium', sample('qcd.root'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('use fast or full');
  });
});
