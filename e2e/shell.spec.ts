// The shell a newcomer first meets: status page reports the database, every section opens.
import { expect, test } from "@playwright/test";

const SECTIONS = [
  { label: "Backtests", path: "/backtests", heading: "Backtests" },
  { label: "Compare", path: "/compare", heading: "Compare" },
  { label: "Live", path: "/live", heading: "Live" },
  { label: "Data", path: "/data", heading: "Data" },
] as const;

test("home page reports the database as connected and the synthetic data set", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("db-status")).toContainText("connected");
  await expect(page.getByTestId("db-version")).toContainText(/PostgreSQL \d+/);
  await expect(page.getByTestId("db-kind")).toContainText(/embedded|external/);
  await expect(page.getByTestId("dataset-list")).toContainText("synthetic");
  await expect(page.getByTestId("workers")).toContainText("online");
  await page.screenshot({ path: "e2e/artifacts/home.png", fullPage: true });
});

test("navigation reaches every section", async ({ page }) => {
  await page.goto("/");
  for (const s of SECTIONS) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: s.label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${s.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: s.heading, exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: s.label, exact: true })).toHaveAttribute("aria-current", "page");
    await page.screenshot({ path: `e2e/artifacts/section-${s.label.toLowerCase()}.png`, fullPage: true });
  }
});

test("GET /api/health answers 200 with the database kind", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { status: string; database: { kind: string; connected: boolean } };
  expect(body.status).toBe("ok");
  expect(body.database.connected).toBe(true);
  expect(["embedded", "external"]).toContain(body.database.kind);
});
