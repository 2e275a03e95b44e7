import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, readState, test, waitForEngine } from './fixtures';

/** Loads the WW and WZ samples and opens the Fine-tune page. */
async function openWithWwWz(page: Page): Promise<void> {
  await page.goto('/?backend=wasm');
  await waitForEngine(page);
  await page.getByTestId('data.sample.heptutorial-ww').click();
  await page.getByTestId('data.sample.heptutorial-wz').click();
  await expect(page.getByTestId('data.set')).toHaveCount(2);
  await page.getByTestId('nav.finetune').click();
  await expect
    .poll(async () => (await readState(page)).models.bundled, {
      timeout: 60_000,
    })
    .toBe('ready');
}

async function tensorCount(page: Page): Promise<number> {
  return page.evaluate(() => window.__eventlens!.tensorCount());
}

async function trainingStatus(page: Page): Promise<string> {
  return (await readState(page)).training.status;
}

async function epochsDone(page: Page, run: 'pretrained' | 'scratch') {
  return (await readState(page)).training.history[run].length;
}

test.describe('fine-tune page', () => {
  test.skip(
    ({ backend }) => backend !== 'wasm',
    'training on the software WebGPU adapter takes many minutes',
  );

  test('trains both runs, exports and keeps the model', async ({ page }) => {
    await openWithWwWz(page);
    await expect(page.getByTestId('finetune.size')).toHaveValue('2');
    await page.getByTestId('finetune.epochs').fill('5');
    await page.getByTestId('finetune.start').click();

    await expect
      .poll(() => epochsDone(page, 'pretrained'), { timeout: 120_000 })
      .toBeGreaterThanOrEqual(2);
    await expect(
      page.getByTestId('finetune.curves.score').locator('g[data-series]'),
    ).toHaveCount(2);

    // A second click while training is rejected with a message.
    await page.getByTestId('finetune.start').click();
    await expect(page.getByTestId('finetune.message')).toContainText(
      'already running',
    );

    await expect
      .poll(() => trainingStatus(page), { timeout: 240_000 })
      .toBe('done');
    const { training } = await readState(page);
    const result = training.outcome!.result;
    expect(result.classNames).toEqual(['ww', 'wz']);
    expect(result.counts.map((c) => c.train)).toEqual([100, 100]);
    for (const run of [result.pretrained, result.scratch]) {
      expect(run.history.length).toBeGreaterThanOrEqual(2);
      expect(run.test!.auc.value).toBeGreaterThan(0.5);
      expect(run.test!.auc.low).toBeLessThan(run.test!.auc.high);
    }
    await expect(
      page.getByTestId('finetune.curves.score').locator('g[data-series]'),
    ).toHaveCount(4);
    await expect(page.getByTestId('finetune.sentence')).toContainText(
      'Pretrained reached',
    );
    await page.getByTestId('finetune.results').scrollIntoViewIfNeeded();
    await page.screenshot({
      path: 'e2e/screenshots/finetune-results-wasm.png',
      fullPage: true,
    });

    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    const json = page.waitForEvent('download');
    await page.getByTestId('finetune.export.pretrained').click();
    const modelJson = JSON.parse(
      await readFile((await (await json).path())!, 'utf8'),
    );
    expect(
      modelJson.userDefinedMetadata.modelCard.trainingData.classes,
    ).toHaveLength(2);
    expect(modelJson.userDefinedMetadata.modelCard.parentModel).not.toBeNull();
    await expect.poll(() => downloads.length).toBeGreaterThanOrEqual(2);
    expect(downloads).toContain(modelJson.weightsManifest[0].paths[0]);
    expect(modelJson.weightsManifest[0].paths[0]).toMatch(/\.weights\.bin$/);

    const id = training.outcome!.modelIds.pretrained!;
    await expect
      .poll(async () =>
        (await readState(page)).models.entries.some(
          (e) => e.info.id === id && e.saved,
        ),
      )
      .toBe(true);
    const sentence = await page.getByTestId('finetune.sentence').innerText();
    await page.reload();
    await waitForEngine(page);
    // The results come back after the reload, marked as kept.
    await page.getByTestId('nav.finetune').click();
    await expect(page.getByTestId('finetune.sentence')).toHaveText(sentence);
    await expect(page.getByTestId('finetune.message')).toContainText(
      'kept across the reload',
    );
    await expect(
      page.getByTestId('finetune.curves.score').locator('g[data-series]'),
    ).toHaveCount(4);
    await page.getByTestId('nav.models').click();
    await expect(
      page.locator(`[data-testid="models.item"][data-model-id="${id}"]`),
    ).toBeVisible({ timeout: 60_000 });
  });

  test('cancels mid-run and trains again', async ({ page }) => {
    await openWithWwWz(page);
    await page.getByTestId('finetune.class.wz').uncheck();
    await page.getByTestId('finetune.start').click();
    await expect(page.getByTestId('finetune.message')).toContainText(
      'at least two classes',
    );
    await page.getByTestId('finetune.class.wz').check();
    const baseline = await tensorCount(page);

    // The page rejects a bad setting by its label, before the engine starts.
    await page.getByTestId('finetune.epochs').fill('0');
    await page.getByTestId('finetune.start').click();
    await expect(page.getByTestId('finetune.message')).toContainText(
      '"Epochs" is 0',
    );
    expect(await trainingStatus(page)).not.toBe('running');

    await page.getByTestId('finetune.epochs').fill('30');
    await page.getByTestId('finetune.start').click();
    await expect
      .poll(() => epochsDone(page, 'pretrained'), { timeout: 120_000 })
      .toBeGreaterThanOrEqual(1);
    // The backend cannot change under a running training.
    await expect(page.getByTestId('engine.backend-setting')).toBeDisabled();
    await page.getByTestId('finetune.cancel').click();
    await expect
      .poll(() => trainingStatus(page), { timeout: 60_000 })
      .toBe('cancelled');
    await expect(page.getByTestId('finetune.message')).toContainText(
      'Cancelled',
    );
    const cancelled = (await readState(page)).training.outcome!.result;
    expect(cancelled.pretrained.status).toBe('cancelled');
    expect(cancelled.scratch.status).toBe('not-run');
    expect(cancelled.pretrained.test).not.toBeNull();
    await expect(page.getByTestId('finetune.sentence')).toContainText(
      'from scratch was not run',
    );
    await expect(page.getByTestId('finetune.saved')).toContainText(
      'Only the pretrained model is saved',
    );
    await expect(page.getByTestId('finetune.note')).toContainText(
      'There is no time to target',
    );
    await page.getByTestId('finetune.results').scrollIntoViewIfNeeded();
    await page.screenshot({
      path: 'e2e/screenshots/finetune-cancelled-wasm.png',
      fullPage: true,
    });

    await page.getByTestId('finetune.epochs').fill('2');
    await page.getByTestId('finetune.start').click();
    await expect
      .poll(() => trainingStatus(page), { timeout: 240_000 })
      .toBe('done');
    const again = (await readState(page)).training.outcome!.result;
    expect(again.scratch.test!.auc.value).toBeGreaterThan(0);

    // Deleting the three trained models frees every tensor training made.
    await page.getByTestId('nav.models').click();
    const trained = page.locator(
      '[data-testid="models.item"]:not([data-model-id="pretrained"])',
    );
    await expect(trained).toHaveCount(3);
    for (let i = 0; i < 3; i++) {
      await trained.first().getByTestId('models.delete').click();
      await expect(trained).toHaveCount(2 - i);
    }
    expect(await tensorCount(page)).toBe(baseline);
  });
});
