import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, waitForEngine } from './fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const screenshots = path.join(here, 'screenshots');

// The build ships the bundled model under models/pretrained. Until a build
// has one, the test serves a model folder named by EVENTLENS_E2E_MODEL_DIR
// (for example a pretraining checkpoint) at the same address.
const builtModel = path.join(root, 'dist/models/pretrained/model.json');
const standIn = process.env.EVENTLENS_E2E_MODEL_DIR;

test('draws the CKA heatmap of a model and its fine-tuned child', async ({
  page,
  backend,
}, info) => {
  test.skip(
    backend === 'webgpu',
    'Fine-tuning on the software WebGPU adapter takes many minutes.',
  );
  test.skip(
    !existsSync(builtModel) && !standIn,
    'No bundled model in dist/ and no EVENTLENS_E2E_MODEL_DIR.',
  );
  if (!existsSync(builtModel) && standIn) {
    await page.route('**/models/pretrained/*', (route) =>
      route.fulfill({
        path: path.join(
          standIn,
          path.basename(new URL(route.request().url()).pathname),
        ),
      }),
    );
  }
  await page.goto(`/?backend=${backend}`);
  await waitForEngine(page);
  for (const sample of ['heptutorial-ww', 'heptutorial-zz']) {
    await page.getByTestId(`data.sample.${sample}`).click();
  }
  await expect(page.locator('[data-testid="data.set"]')).toHaveCount(2);

  await page.getByTestId('nav.compare').click();
  // The page loads the bundled model on start and lists it once loaded.
  const modelB = page.getByTestId('cka.model-b');
  await expect(modelB.locator('option')).toHaveCount(1, { timeout: 60_000 });
  await page.getByTestId('cka.quick-finetune').click();
  await expect(modelB.locator('option')).toHaveCount(2, { timeout: 150_000 });
  const fineTuned = await modelB.locator('option').nth(1).getAttribute('value');
  await modelB.selectOption(fineTuned!);

  await page.getByTestId('cka.events').fill('400');
  await page.getByTestId('cka.run').click();
  const cells = page.locator('[data-testid="cka.heatmap"] rect.cell');
  await expect(cells).toHaveCount(16 * 16, { timeout: 60_000 });

  for (const estimator of ['unbiased', 'biased']) {
    await page.getByTestId('cka.estimator').selectOption(estimator);
    const values = (await cells.evaluateAll((rects) =>
      rects.map((r) => r.getAttribute('data-value')),
    )) as string[];
    const numbers = values.map(Number);
    expect(values.every((v) => v !== '' && v !== 'NaN')).toBe(true);
    // The unbiased estimate may dip a little below 0 for unrelated layers.
    const floor = estimator === 'unbiased' ? -0.05 : 0;
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(floor);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(1 + 1e-6);
  }
  await expect(
    page.getByTestId('cka.diagonal').locator('path'),
  ).not.toHaveCount(0);
  await page.screenshot({
    path: path.join(screenshots, `compare-${info.project.name}.png`),
    fullPage: true,
  });
});

test('lists the loaded models when opened at its address', async ({
  page,
  backend,
}) => {
  test.skip(backend !== 'wasm', 'the model list does not depend on backend');
  test.skip(!existsSync(builtModel), 'No bundled model in dist/.');
  await page.goto(`/?backend=${backend}#compare`);
  await waitForEngine(page);
  await expect(
    page.getByTestId('cka.model-a').locator('option[value="pretrained"]'),
  ).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('cka.load-bundled')).toHaveCount(0);

  // n below 2 is refused before anything runs.
  await page.getByTestId('cka.events').fill('1');
  await expect(page.getByTestId('cka.events-error')).toBeVisible();
  await expect(page.getByTestId('cka.run')).toBeDisabled();
  await page.getByTestId('cka.events').fill('50');
  await expect(page.getByTestId('cka.run')).toBeEnabled();
});

test('cancels a running CKA and keeps the page usable', async ({
  page,
  backend,
}, info) => {
  test.skip(backend !== 'wasm', 'cancelling does not depend on the backend');
  test.skip(!existsSync(builtModel), 'No bundled model in dist/.');
  await page.goto(`/?backend=${backend}`);
  await waitForEngine(page);
  await page.getByTestId('nav.compare').click();
  await expect(
    page.getByTestId('cka.model-a').locator('option[value="pretrained"]'),
  ).toHaveCount(1, { timeout: 60_000 });

  // 20,000 generated events take far longer than the cancel.
  await page.getByTestId('cka.sample').selectOption('generated');
  await page.getByTestId('cka.events').fill('20000');
  const run = page.getByTestId('cka.run');
  await run.click();
  await expect(run).toContainText('Running', { timeout: 30_000 });
  await page.getByTestId('cka.cancel').click();
  await expect(page.getByTestId('cka.cancelled')).toContainText(
    'Nothing was computed',
    { timeout: 30_000 },
  );
  await expect(run).toBeEnabled();
  await expect(page.getByTestId('cka.cancel')).toHaveCount(0);
  await expect(page.getByTestId('errors.panel')).toHaveCount(0);
  await page.screenshot({
    path: path.join(screenshots, `compare-cancelled-${info.project.name}.png`),
  });

  // The engine is free again: a small comparison runs to the end.
  await page.getByTestId('cka.events').fill('200');
  await run.click();
  await expect(
    page.locator('[data-testid="cka.heatmap"] rect.cell'),
  ).toHaveCount(16 * 16, { timeout: 60_000 });
  await expect(page.getByTestId('cka.cancelled')).toHaveCount(0);
});
