// Fault cases of the backtest flow in real Chromium: a data set lacking a series the mode needs is
// refused with the series named, an engine error ends the run failed with its code and message on
// the page, and with the database taken away the pages say so (then recover).
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";
import type { MarketData, Series } from "../server/market-data/series";
import { saveDataset } from "../server/market-data/store";
import { generateSyntheticData } from "../server/market-data/synthetic/generate";

const ARTIFACTS = "e2e/artifacts";
// Written by scripts/e2e-server.ts once the web server is up (read lazily: specs load before it).
const readInfo = () => JSON.parse(fs.readFileSync("test-results/e2e-database.json", "utf8")) as { name: string; serverUrl: string };
const appDbUrl = () => {
  const info = readInfo();
  const u = new URL(info.serverUrl);
  u.pathname = `/${info.name}`;
  return u.toString();
};

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: readInfo().serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Saves a small synthetic data set, changed by `edit`, into the e2e database (a server helper). */
async function seedDataset(name: string, edit: (series: Map<string, Series>) => void): Promise<void> {
  const data = generateSyntheticData({ seed: 11, end: "2024-01-10T00:00:00Z" });
  const series = new Map(data.series);
  edit(series);
  const pool = new pg.Pool({ connectionString: appDbUrl(), max: 2 });
  try {
    const md: MarketData = { ...data, name, series };
    await saveDataset(pool, { name, source: "synthetic", data: md });
  } finally {
    await pool.end();
  }
}

/** Drops the points of `id` between two instants (a 62-hour hole in the price feed). */
function cutGap(series: Map<string, Series>, id: string, from: string, to: string): void {
  const s = series.get(id) as Series;
  const a = Date.parse(from);
  const b = Date.parse(to);
  const keep: number[] = [];
  s.time.forEach((t, i) => {
    if (t < a || t > b) keep.push(i);
  });
  const pick = (arr: Float64Array) => Float64Array.from(keep, (i) => arr[i] as number);
  series.set(id, { ...s, time: pick(s.time), fields: Object.fromEntries(Object.entries(s.fields).map(([k, v]) => [k, pick(v)])) });
}

test.describe.configure({ mode: "serial" });

test("a data set lacking a series the mode needs is refused, naming the series; nothing runs", async ({ page }) => {
  await seedDataset("e2e-nogas", (s) => s.delete("gas:ethereum"));
  await page.goto("/backtests/new");
  await page.getByTestId("field-mode").selectOption("pure_lending_usdt");
  await page.getByTestId("field-dataset").selectOption("e2e-nogas");
  await expect(page.getByTestId("missing-series")).toContainText("gas:ethereum");
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("error-datasetName")).toContainText("gas:ethereum");
  await expect(page).toHaveURL(/\/backtests\/new$/);
  await page.screenshot({ path: `${ARTIFACTS}/backtest-missing-series.png`, fullPage: true });
});

test("an engine error ends the run failed, with its code and message on the page", async ({ page }) => {
  await seedDataset("e2e-gap", (s) => cutGap(s, "spot:binance:BTCUSDT", "2024-01-04T00:00:00Z", "2024-01-06T12:00:00Z"));
  await page.goto("/backtests/new");
  await page.getByTestId("field-mode").selectOption("btc_basis");
  await page.getByTestId("field-dataset").selectOption("e2e-gap");
  await page.getByTestId("field-start").fill("2024-01-01");
  await page.getByTestId("field-end").fill("2024-01-09");
  await page.getByTestId("run-button").click();
  await expect(page).toHaveURL(/\/backtests\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("run-status")).toHaveText("failed", { timeout: 60_000 });
  await expect(page.getByTestId("run-error-code")).toHaveText("DATA-003");
  await expect(page.getByTestId("run-error-message")).toContainText("spot:binance:BTCUSDT");
  await page.screenshot({ path: `${ARTIFACTS}/backtest-engine-error.png`, fullPage: true });
});

test("Cancel on the run page stops a run that has not finished; its results are discarded", async ({ page, request }) => {
  // keep both worker slots busy with full-window runs so the next run waits in the queue
  for (let i = 0; i < 8; i++) {
    const res = await request.post("/api/trpc/backtest.create", { data: { json: { mode: "btc_basis", datasetName: "synthetic", start: "2024-01-01", end: "2025-09-30", capital: 100_000 + i } } });
    expect(res.status()).toBe(200);
  }
  await page.goto("/backtests/new");
  await page.getByTestId("field-dataset").selectOption("synthetic");
  await page.getByTestId("field-mode").selectOption("eth_basis");
  await page.getByTestId("run-button").click();
  await expect(page).toHaveURL(/\/backtests\/[0-9a-f-]{36}$/);
  await page.getByTestId("cancel-button").click();
  await expect(page.getByTestId("run-status")).toHaveText("cancelled", { timeout: 30_000 });
  await expect(page.getByTestId("run-cancelled")).toBeVisible();
  await expect(page.getByTestId("run-charts")).toHaveCount(0);
  await page.screenshot({ path: `${ARTIFACTS}/backtest-cancelled.png`, fullPage: true });
});

test("with the database unreachable the run page and the runs list say so, and recover", async ({ page }) => {
  await page.goto("/backtests");
  await expect(page.getByTestId("run-row").first()).toBeVisible();
  const href = (await page.getByTestId("run-link").first().getAttribute("href")) ?? "";
  const info = readInfo();
  await admin(`ALTER DATABASE "${info.name}" ALLOW_CONNECTIONS false`);
  await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${info.name}' AND pid <> pg_backend_pid()`);
  try {
    await page.goto(href);
    await expect(page.getByTestId("run-load-error")).toContainText(/database is unreachable/i, { timeout: 30_000 });
    await page.screenshot({ path: `${ARTIFACTS}/backtest-db-down.png`, fullPage: true });
    await page.goto("/backtests");
    await expect(page.getByTestId("runs-error")).toContainText(/database is unreachable/i, { timeout: 30_000 });
  } finally {
    await admin(`ALTER DATABASE "${info.name}" ALLOW_CONNECTIONS true`);
  }
  await page.goto(href);
  await expect(page.getByTestId("run-header")).toBeVisible({ timeout: 30_000 });
});
