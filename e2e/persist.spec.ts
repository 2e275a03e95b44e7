import {
  expect,
  readState,
  savedSetCount,
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
});
