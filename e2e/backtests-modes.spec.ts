// Every mode launches from the form on the seeded synthetic data set and shows its charts: what a
// newcomer after `npm start` can do.
import { expect, test } from "@playwright/test";
import { MODE_IDS } from "../server/engine/config/modes";

for (const mode of MODE_IDS) {
  test(`${mode} runs from the form to its charts`, async ({ page }) => {
    await page.goto("/backtests/new");
    await page.getByTestId("field-dataset").selectOption("synthetic");
    await page.getByTestId("field-mode").selectOption(mode);
    await page.getByTestId("field-start").fill("2025-01-01");
    await page.getByTestId("field-end").fill("2025-03-31");
    await page.getByTestId("run-button").click();
    await expect(page).toHaveURL(/\/backtests\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 60_000 });
    const curves = page.getByTestId("chart-equity").locator("path.recharts-curve");
    await expect(curves.first()).toBeAttached();
    for (const d of await curves.evaluateAll((els) => els.map((e) => e.getAttribute("d") ?? ""))) expect(d.length).toBeGreaterThan(20);
    await expect(page.getByTestId("chart-attribution").locator("path.recharts-curve").first()).toBeAttached();
    await expect(page.getByTestId("metric-apy-value")).toHaveText(/%$/);
    await page.screenshot({ path: `e2e/artifacts/backtest-mode-${mode}.png`, fullPage: false });
  });
}
