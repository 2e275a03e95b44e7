import {
  expect,
  readState,
  savedSetCount,
  savedSetNames,
  test,
  waitForEngine,
} from './fixtures';

test.describe('saved sets', () => {
  test.skip(
    ({ backend }) => backend !== 'wasm',
    'storage does not depend on the backend',
  );

  test('keeps loaded sets across a reload until cleared', async ({ page }) => {
    await page.goto('/?backend=wasm');
    await waitForEngine(page);
    await page.getByTestId('data.sample.heptutorial-wz').click();
    await page.getByTestId('data.sample.heptutorial-ww').click();
    await expect(page.getByTestId('data.set')).toHaveCount(2);
    await expect(
      page.getByTestId('data.histogram.objectPt').locator('path[data-series]'),
    ).toHaveCount(2);

    // Saving happens after the set appears; wait until both are stored.
    await expect.poll(() => savedSetCount(page)).toBe(2);

    await page.reload();
    await expect(page.getByTestId('data.set')).toHaveCount(2);
    const names = (await readState(page)).sets
      .map((s) => s.summary.name)
      .sort();
    expect(names).toEqual(['ww', 'wz']);

    // Dismissing the confirmation keeps every set.
    page.removeAllListeners('dialog');
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('Remove all 2 loaded sets');
      void dialog.dismiss();
    });
    await page.getByTestId('data.clear').click();
    await expect(page.getByTestId('data.set')).toHaveCount(2);
    expect(await savedSetCount(page)).toBe(2);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('data.clear').click();
    await expect(page.getByTestId('data.set')).toHaveCount(0);
    await page.reload();
    await waitForEngine(page);
    await expect(page.getByTestId('data.set')).toHaveCount(0);
  });

  test('renames a second copy of a sample', async ({ page }) => {
    await page.goto('/?backend=wasm');
    await waitForEngine(page);
    await page.getByTestId('data.sample.heptutorial-ww').click();
    await expect(page.getByTestId('data.set')).toHaveCount(1);
    await page.getByTestId('data.sample.heptutorial-ww').click();
    await expect(page.getByTestId('data.set')).toHaveCount(2);

    const second = page.getByTestId('data.set').nth(1);
    await second.getByTestId('data.set.rename').click();
    await second.getByTestId('data.set.name').fill('  ww copy ');
    await second.getByTestId('data.set.name').press('Enter');
    await expect(second).toHaveAttribute('data-name', 'ww copy');
    // Escape leaves the name as it was.
    const first = page.getByTestId('data.set').nth(0);
    await first.getByTestId('data.set.rename').click();
    await first.getByTestId('data.set.name').fill('dropped');
    await first.getByTestId('data.set.name').press('Escape');
    await expect(first).toHaveAttribute('data-name', 'ww');

    // The new name is saved and becomes the class name for fine-tuning.
    await expect.poll(() => savedSetNames(page)).toEqual(['ww', 'ww copy']);
    await page.reload();
    await expect(page.getByTestId('data.set')).toHaveCount(2);
    await expect(
      page.locator('[data-testid="data.set"][data-name="ww copy"]'),
    ).toHaveCount(1);
    await page.getByTestId('nav.finetune').click();
    await expect(page.getByTestId('finetune.classes')).toContainText('ww copy');
  });
});
