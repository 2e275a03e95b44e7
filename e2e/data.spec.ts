import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, readState, test, waitForEngine } from './fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => path.join(here, 'fixtures', name);
const screenshots = path.join(here, 'screenshots');

test('shows the forced backend and loads a bundled sample', async ({
  page,
  backend,
}, info) => {
  await page.goto(`/?backend=${backend}`);
  const report = await waitForEngine(page);
  expect(report.backend).toBe(backend);
  expect(report.forced).toBe(true);
  expect(report.crossOriginIsolated).toBe(true);
  if (backend === 'wasm') {
    // One XNNPACK thread per logical core, not tfjs's default of half.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(report.wasmThreads).toBe(Math.min(cores, 8));
  }
  await expect(page.getByTestId('engine.backend')).toHaveAttribute(
    'data-backend',
    backend,
  );

  await page.getByTestId('data.sample.heptutorial-ww').click();
  const card = page.locator('[data-testid="data.set"][data-name="ww"]');
  await expect(card).toHaveAttribute('data-events', '4580');
  await expect(card.getByTestId('data.set.classes')).toContainText('ww');
  const jets = card.locator(
    '[data-testid="data.set.objects"] tr[data-type="jet"]',
  );
  expect(Number(await jets.getAttribute('data-count'))).toBeGreaterThan(0);
  await page.screenshot({
    path: path.join(screenshots, `data-page-${info.project.name}.png`),
    fullPage: true,
  });
});

test('starts WASM on the thread count given in the address', async ({
  page,
  backend,
}) => {
  test.skip(backend !== 'wasm', 'the thread count applies to WASM only');
  await page.goto('/?backend=wasm&threads=1');
  const report = await waitForEngine(page);
  expect(report.wasmThreads).toBe(1);
});

test('prefers WASM over a software GPU unless forced', async ({ page }) => {
  await page.goto('/');
  const report = await waitForEngine(page);
  expect(report.forced).toBe(false);
  expect(['wasm', 'webgpu', 'webgl']).toContain(report.backend);
  if (report.backend === 'wasm') {
    // Headless Chromium's GPU is SwiftShader, which must be refused by name.
    const reasons = report.refused.map((r) => r.reason).join(' ');
    expect(reasons.length).toBeGreaterThan(0);
  }
});

test('names the line of a malformed CSV and keeps working', async ({
  page,
  backend,
}) => {
  await page.goto(`/?backend=${backend}`);
  await waitForEngine(page);
  const input = page.getByTestId('data.file-input');

  await input.setInputFiles(fixture('dijet.csv'));
  await expect(
    page.locator('[data-testid="data.set"][data-name="dijet"]'),
  ).toHaveAttribute('data-events', '3');

  await input.setInputFiles(fixture('malformed.csv'));
  const error = page.getByTestId('errors.item');
  await expect(error).toContainText('malformed.csv, line 5');
  await expect(error).toContainText('"not-a-number" is not a number');
  await expect(error).toHaveAttribute('data-code', 'io/invalid-value');

  // What was loaded before the bad file is still there.
  expect((await readState(page)).sets.map((s) => s.summary.name)).toEqual([
    'dijet',
  ]);

  await page.getByTestId('errors.skip-invalid').click();
  const skipped = page.locator(
    '[data-testid="data.set"][data-name="malformed"]',
  );
  await expect(skipped).toHaveAttribute('data-events', '2');
  await expect(skipped.getByTestId('data.set.skipped')).toContainText(
    '2 rows skipped',
  );
  await expect(page.getByTestId('errors.item')).toHaveCount(0);

  await input.setInputFiles(fixture('dijet.csv'));
  await expect(
    page.locator('[data-testid="data.set"][data-name="dijet"]'),
  ).toHaveCount(2);
});

test('rejects an empty file and a file of unknown format', async ({
  page,
  backend,
}) => {
  await page.goto(`/?backend=${backend}`);
  await waitForEngine(page);
  const input = page.getByTestId('data.file-input');
  await input.setInputFiles({
    name: 'empty.csv',
    mimeType: 'text/csv',
    buffer: Buffer.alloc(0),
  });
  await expect(page.getByTestId('errors.item').first()).toHaveAttribute(
    'data-code',
    'io/empty-file',
  );
  await input.setInputFiles({
    name: 'notes.docx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('PK\x03\x04'),
  });
  await expect(page.getByTestId('errors.item').nth(1)).toContainText(
    'notes.docx',
  );
});

test('lists samples in click order when the first loads last', async ({
  page,
  backend,
}) => {
  test.skip(backend !== 'wasm', 'set order does not depend on the backend');
  // Hold back the first sample, so the second one finishes first.
  await page.route('**/samples/wz.root', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto('/?backend=wasm');
  await waitForEngine(page);
  await page.getByTestId('data.sample.heptutorial-wz').click();
  await page.getByTestId('data.sample.heptutorial-ww').click();
  await expect(page.getByTestId('data.set')).toHaveCount(2);
  const names = (await readState(page)).sets.map((s) => s.summary.name);
  expect(names).toEqual(['wz', 'ww']);
  await page.getByTestId('data.clear').click();
});
