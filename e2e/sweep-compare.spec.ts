// A small 2-D sweep run on the workers, its heatmap, opening a cell, and comparing three configs
// side by side (metrics highlights, alignment toggle, overlaid charts) in real Chromium.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";

async function createSweep(page: Page): Promise<string> {
  const res = await page.request.post("/api/trpc/sweep.create", {
    data: {
      json: {
        mode: "btc_basis",
        datasetName: "synthetic",
        start: "2024-01-01",
        end: "2024-03-31",
        capital: 100000,
        params: {},
        axes: [
          { key: "marginRatioTarget", values: [0.5, 0.8, 1.1] },
          { key: "maxDeltaDrift", values: [0.01, 0.03] },
        ],
      },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { result: { data: { json: { id: string; total: number } } } };
  expect(body.result.data.json.total).toBe(6);
  return body.result.data.json.id;
}

test("sweep heatmap, open a cell, compare three configs", async ({ page }) => {
  test.setTimeout(180_000);
  const sweepId = await createSweep(page);
  await page.goto(`/sweeps/${sweepId}`);
  await expect(page.getByTestId("sweep-status")).toHaveText("succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("sweep-progress")).toContainText("6 done");
  const cells = page.getByTestId("heatmap-cell");
  await expect(cells).toHaveCount(6);
  // colours differ across margin targets (the metric varies over the grid)
  const fills = new Set(await cells.evaluateAll((els) => els.map((e) => e.getAttribute("fill"))));
  expect(fills.size).toBeGreaterThan(1);
  await expect(page.getByTestId("sweep-results").locator("tbody tr")).toHaveCount(6);
  await page.screenshot({ path: "e2e/artifacts/sweep-heatmap.png", fullPage: true });

  // select three configs with different margin targets (same drift) and compare them
  for (const idx of [0, 2, 4]) await page.locator(`[data-testid="heatmap-cell"][data-idx="${idx}"]`).click({ modifiers: ["Shift"] });
  await page.getByRole("button", { name: "Compare selected" }).click();
  await expect(page).toHaveURL(/\/compare\?runs=[^,]+,[^,]+,[^,&]+/, { timeout: 30_000 });
  const metrics = page.getByTestId("compare-metrics");
  await expect(metrics).toBeVisible({ timeout: 120_000 });
  await expect(metrics.locator("tr[data-metric='apy'] td[data-best='true']")).toHaveCount(1);
  await expect(metrics.locator("thead th")).toHaveCount(4);
  const equityPath = page.getByTestId("chart-equity").locator("path.recharts-line-curve").first();
  await expect(equityPath).toHaveAttribute("d", /M[\d.]+,[\d.]+L/);
  await expect(page.getByTestId("chart-equity").locator("path.recharts-line-curve")).toHaveCount(3);
  await page.screenshot({ path: "e2e/artifacts/compare-calendar.png", fullPage: true });

  await page.getByText("Days since start").click();
  await expect(page).toHaveURL(/align=sinceStart/);
  await expect(page.getByTestId("chart-drawdown").locator("path.recharts-line-curve").first()).toHaveAttribute("d", /M[\d.]+,[\d.]+L/);
  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expect(page.getByTestId("compare-metrics")).toBeVisible();
  await expect(page.getByLabel("Align runs").getByText("Days since start")).toHaveClass(/bg-brand/);
  await page.screenshot({ path: "e2e/artifacts/compare-since-start.png", fullPage: true });

  const svgDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export SVG" }).click();
  const svgFile = await (await svgDownload).path();
  const svg = fs.readFileSync(svgFile, "utf8");
  expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain("Equity (100 = start)");
  expect((svg.match(/recharts-line-curve/g) ?? []).length).toBeGreaterThanOrEqual(3);
  const pngDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export PNG" }).click();
  const png = fs.readFileSync(await (await pngDownload).path());
  expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
  expect(png.length).toBeGreaterThan(10_000);

  const csv = await page.request.get(`/api/compare/export?${new URL(url).searchParams.toString()}`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toMatch(/^metric,/);

  // a plain click on a heatmap cell opens that config as a full run
  await page.goto(`/sweeps/${sweepId}`);
  await page.locator(`[data-testid="heatmap-cell"][data-idx="1"]`).click();
  await expect(page).toHaveURL(/\/backtests\/[0-9a-f-]{36}$/, { timeout: 30_000 });
});

test("launch a 1-D sweep from the launch form and read its line chart", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/backtests/new");
  await expect(page.getByTestId("field-dataset")).toContainText("synthetic");
  await page.getByTestId("field-start").fill("2024-02-01");
  await page.getByTestId("field-end").fill("2024-04-01");
  await page.getByRole("button", { name: "+ sweep a parameter" }).click();
  await page.getByLabel("Sweep parameter 1").selectOption("marginRatioTarget");
  await page.getByLabel("Sweep start 1").fill("0.5");
  await page.getByLabel("Sweep stop 1").fill("0.9");
  await page.getByLabel("Sweep step 1").fill("0");
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("sweep-axes-error")).toContainText("step must be positive");
  await page.getByLabel("Sweep step 1").fill("0.2");
  await expect(page.getByTestId("sweep-size")).toContainText("3 configs");
  await page.screenshot({ path: "e2e/artifacts/sweep-launch-form.png", fullPage: true });
  await page.getByTestId("run-button").click();
  await expect(page).toHaveURL(/\/sweeps\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByTestId("sweep-status")).toHaveText("succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("sweep-line").locator("path.recharts-line-curve")).toHaveAttribute("d", /M[\d.]+,[\d.]+L/);
  await expect(page.getByTestId("sweep-results").locator("tbody tr")).toHaveCount(3);
  await page.screenshot({ path: "e2e/artifacts/sweep-line.png", fullPage: true });
});
