// Stress test from the run page: a finished basis run shocked −30 % from the panel shows the
// verdict table and equity paths drawn under the shock vs the base run.
import { expect, test } from "@playwright/test";

test("a −30 % price stress from the run page shows the table and the paths", async ({ page }) => {
  const res = await page.request.post("/api/trpc/backtest.create", {
    data: { json: { mode: "btc_basis", datasetName: "synthetic", start: "2025-01-01", end: "2025-02-28", capital: 100_000 } },
  });
  expect(res.ok(), await res.text()).toBe(true);
  const id = ((await res.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
  await page.goto(`/backtests/${id}`);
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 60_000 });

  // a malformed scenario is refused next to the field, nothing is sent
  await page.getByTestId("stress-scenario").fill("price:abc");
  await page.getByTestId("stress-run").click();
  await expect(page.getByTestId("stress-scenario-error")).toContainText("expected");

  await page.getByTestId("stress-preset-price:-30").click();
  await expect(page.getByTestId("stress-table")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("stress-liquidated")).toHaveText(/^(yes \(\d+\)|no)$/);
  await expect(page.getByTestId("stress-table")).toContainText("price -30.0 %");
  const curves = page.getByTestId("stress-chart-equity").locator("path.recharts-curve");
  await expect(curves.first()).toBeAttached();
  for (const d of await curves.evaluateAll((els) => els.map((e) => e.getAttribute("d") ?? ""))) expect(d.length).toBeGreaterThan(20);
  await page.getByTestId("stress-panel").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/artifacts/stress-price-30.png", fullPage: true });
});

test("a directional run with an uploaded signal CSV: refused without the file, succeeds with it", async ({ page }) => {
  await page.goto("/backtests/new");
  await page.getByTestId("field-dataset").selectOption("synthetic");
  await page.getByTestId("field-mode").selectOption("ml_btc_directional_usdt_margin");
  await page.getByTestId("field-start").fill("2025-01-01");
  await page.getByTestId("field-end").fill("2025-01-10");
  await page.getByTestId("param-signalSource").selectOption("csv");
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("error-signalCsv")).toContainText("signal CSV");

  // a file without the required columns is named next to the field
  await page.getByTestId("field-signal-csv").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("time,value\n1,2\n") });
  await expect(page.getByTestId("error-signalCsv")).toContainText("timestamp and signal");

  await page.getByTestId("field-signal-csv").setInputFiles("e2e/fixtures/signal-btc.csv");
  await expect(page.getByTestId("signal-csv-info")).toContainText("4 signal rows");
  await expect(page.getByTestId("error-signalCsv")).toHaveCount(0);
  await page.getByTestId("run-button").click();
  await expect(page).toHaveURL(/\/backtests\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("chart-equity").locator("path.recharts-curve").first()).toBeAttached();
  await page.screenshot({ path: "e2e/artifacts/signal-csv-run.png", fullPage: false });
});
