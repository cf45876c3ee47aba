// The Data page end to end: the seeded synthetic data set with its SYNTHETIC badge, coverage timeline,
// quality report and charts drawn with data; generating a small synthetic set with live progress;
// an invalid import directory refused next to its field. Screenshots go to e2e/artifacts/.
import { expect, test, type Page } from "@playwright/test";

async function expectChartDrawn(page: Page, key: string): Promise<void> {
  const chart = page.locator(`[data-testid="dataset-chart"][data-chart="${key}"]`);
  await expect(chart).toBeVisible();
  const curve = chart.locator("path.recharts-line-curve").first();
  // a drawn line: a path whose d has a move and at least one line segment
  await expect(curve).toHaveAttribute("d", /^M[-\d.e]+,[-\d.e]+L/);
}

test("the synthetic data set is listed with its badge, coverage, quality report and charts", async ({ page }) => {
  await page.goto("/data");
  await expect(page.getByRole("heading", { level: 1, name: "Data", exact: true })).toBeVisible();
  const row = page.locator('[data-testid="dataset-row"][data-name="synthetic"]').first();
  await expect(row).toBeVisible();
  await expect(row.getByTestId("badge-synthetic")).toHaveText("SYNTHETIC");
  await expect(row).toContainText(/v\d+/);
  await expect(row).toContainText(/\d+(\.\d)? (KB|MB|GB)/);

  const detail = page.getByTestId("dataset-detail");
  await expect(detail).toHaveAttribute("data-name", "synthetic");
  await expect(page.getByTestId("synthetic-notice")).toContainText("SYNTHETIC");
  await expect(page.getByTestId("coverage-timeline")).toBeVisible();
  await expect(page.locator('[data-testid="coverage-row"][data-series="spot:binance:BTCUSDT"]')).toBeVisible();
  expect(await page.getByTestId("coverage-row").count()).toBeGreaterThanOrEqual(10);
  await expect(page.locator('[data-testid="quality-row"]').first()).toBeVisible();

  for (const key of ["funding", "aave", "lst", "prices-BTCUSDT", "prices-ETHUSDT"]) await expectChartDrawn(page, key);
  await page.screenshot({ path: "e2e/artifacts/data-synthetic.png", fullPage: true });
});

test("generating a small synthetic data set streams progress to done and shows the new set", async ({ page }) => {
  await page.goto("/data");
  const seed = String(1000 + (Date.now() % 100_000));
  await page.getByTestId("seed-input").fill(seed);
  await page.getByTestId("days-select").selectOption("7");
  await page.getByTestId("generate-button").click();

  const progress = page.getByTestId("task-progress").first();
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await expect(page.getByTestId("task-status").first()).toHaveText("done");
  await expect(progress).toHaveAttribute("data-progress", "100");

  const name = `synthetic-seed${seed}`;
  await expect(page.locator(`[data-testid="dataset-row"][data-name="${name}"]`)).toBeVisible();
  await expect(page.getByTestId("dataset-detail")).toHaveAttribute("data-name", name);
  await expect(page.locator('[data-testid="coverage-row"][data-series="funding:binance:BTCUSDT"]')).toBeVisible();
  await expectChartDrawn(page, "funding");
  await page.screenshot({ path: "e2e/artifacts/data-generated.png", fullPage: true });
});

test("an import directory that does not exist is refused next to the field", async ({ page }) => {
  await page.goto("/data");
  await page.getByTestId("import-button").click();
  await expect(page.getByTestId("import-path-error")).toContainText("enter the directory to import");

  await page.getByTestId("import-path").fill("/no/such/basis-lab-directory");
  await page.getByTestId("import-button").click();
  await expect(page.getByTestId("import-path-error")).toContainText("directory not found: /no/such/basis-lab-directory");
  await expect(page.getByTestId("import-path")).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "e2e/artifacts/data-import-error.png", fullPage: true });
});

test("importing a directory streams progress to done and shows its gaps and quality report", async ({ page }) => {
  await page.goto("/data");
  const name = `mini-${Date.now() % 1_000_000}`;
  // the importer's own small fixture directory, relative to the server's working directory
  await page.getByTestId("import-path").fill("server/market-data/import/fixtures/mini-data");
  await page.getByTestId("import-name").fill(name);
  await page.getByTestId("import-button").click();
  const progress = page.getByTestId("import-form").locator("..").getByTestId("task-progress");
  await expect(progress).toHaveAttribute("data-status", "done", { timeout: 60_000 });

  const row = page.locator(`[data-testid="dataset-row"][data-name="${name}"]`);
  await expect(row.getByTestId("badge-real")).toHaveText("real");
  await expect(page.getByTestId("dataset-detail")).toHaveAttribute("data-name", name);
  // the fixture's BTC spot file skips two hours: a gap drawn on its timeline row
  const spot = page.locator('[data-testid="coverage-row"][data-series="spot:binance:BTCUSDT"]');
  await expect(spot).toHaveAttribute("data-gaps", "1");
  await expect(spot.getByTestId("coverage-gap")).toHaveCount(1);
  await expect(page.getByTestId("quality-table")).toContainText("dropExactDuplicates");
  await page.screenshot({ path: "e2e/artifacts/data-imported.png", fullPage: true });
});
