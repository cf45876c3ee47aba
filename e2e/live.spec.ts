// Live sessions end to end: log in, start a paper session on the replay feed from the browser,
// watch health and PnL update over SSE, pause/resume, drift against the backtest, stop; then
// SIGKILL the worker mid-session and watch the session resume from its checkpoint.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";

const TOKEN = process.env.E2E_ADMIN_TOKEN ?? "e2e-admin-token-0123456789abcdef";
const readInfo = () => JSON.parse(fs.readFileSync("test-results/e2e-database.json", "utf8")) as { name: string; serverUrl: string };
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/live-${name}.png`, fullPage: true });
const stepOf = async (page: Page): Promise<number> => Number(((await page.getByTestId("session-step").textContent()) ?? "0").split("/")[0]);
const eventRow = (page: Page, type: string) => page.locator(`[data-testid="event-row"][data-type="${type}"]`);

test.describe.configure({ mode: "serial" });
// test-results/ is shared with other e2e runs on this machine; traces there can be swept away mid-run
test.use({ trace: "off" });

async function logIn(page: Page): Promise<void> {
  await page.goto("/live");
  await page.getByTestId("login-link").click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByTestId("login-secret").fill(TOKEN);
  await page.getByTestId("login-submit").click();
  await expect(page).toHaveURL(/\/live$/);
  await expect(page.getByTestId("operator-badge")).toBeVisible();
}

async function startSession(page: Page, speed: string): Promise<void> {
  await page.getByTestId("start-speed").fill(speed);
  await page.getByTestId("start-session").click();
  await expect(page).toHaveURL(/\/live\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("session-status")).toHaveText("running");
}

test("controls are refused without a login, and the dashboard is private", async ({ page }) => {
  const refused = await page.request.post("/api/trpc/live.control", {
    data: { json: { sessionId: "00000000-0000-4000-8000-000000000000", control: "stop" } },
    headers: { "x-basis-lab-csrf": "1" },
  });
  expect(refused.status()).toBe(401);
  const bad = await page.request.post("/api/auth/login", { data: { secret: "not-the-token" }, headers: { "x-basis-lab-csrf": "1" } });
  expect(bad.status()).toBe(401);
  await page.goto("/live");
  await expect(page.getByText("Live sessions are private")).toBeVisible();
  await shot(page, "private");
});

test("start a paper replay session, watch health and PnL update, pause/resume, drift, stop", async ({ page }) => {
  await logIn(page);
  await shot(page, "start-form");
  await startSession(page, "8");
  // one row per engine component (data provider, monitors, strategy, execution, pnl, reconciliation, …)
  await expect.poll(() => page.getByTestId("health-row").count()).toBeGreaterThanOrEqual(10);
  await expect.poll(() => stepOf(page)).toBeGreaterThan(3);
  const s1 = await stepOf(page);
  const equity1 = await page.getByTestId("session-equity").textContent();
  await expect.poll(() => stepOf(page)).toBeGreaterThan(s1 + 3);
  await expect(page.getByTestId("session-equity")).not.toHaveText(equity1 ?? "");
  await expect(page.getByTestId("engine-health")).toHaveText("healthy");
  await expect(page.getByTestId("reconciliation-status")).toHaveText("matched");
  // live passes a timer to the engine, so each component reports its mean processing time
  await expect(page.getByTestId("health-row").filter({ hasText: "position-monitor" }).getByTestId("health-mean-ms")).toHaveText(/^\d+\.\d{3}$/);
  await expect(eventRow(page, "DecisionTaken").first()).toBeVisible();
  await shot(page, "session-running");

  await page.getByTestId("control-pause").click();
  await expect(page.getByTestId("session-status")).toHaveText("paused");
  await expect(eventRow(page, "SessionPaused")).toHaveCount(1);
  const paused = await stepOf(page);
  await page.waitForTimeout(1_500);
  expect(await stepOf(page)).toBe(paused);
  await shot(page, "session-paused");

  await page.getByTestId("control-resume").click();
  await expect(page.getByTestId("session-status")).toHaveText("running");
  await expect.poll(() => stepOf(page)).toBeGreaterThan(paused);

  await page.getByTestId("drift-run").click();
  await expect(page.getByTestId("drift-summary")).toContainText("max |diff| 0.000000");

  await page.getByTestId("control-stop").click();
  await expect(page.getByTestId("session-status")).toHaveText("stopped");
  await expect(eventRow(page, "SessionStopped")).toHaveCount(1);
  await shot(page, "session-stopped");
});

test("exchange API keys are stored once and never come back to the browser", async ({ page }) => {
  const apiKey = "E2EAPIKEY0123456789abcdef";
  const secret = "E2ESECRET9876543210fedcba";
  const bodies: string[] = [];
  page.on("response", async (res) => {
    if (res.url().includes("/api/")) bodies.push(await res.text().catch(() => ""));
  });
  await logIn(page);
  await page.getByTestId("keys-label").fill("e2e testnet");
  await page.getByTestId("keys-api-key").fill(apiKey);
  await page.getByTestId("keys-secret").fill(secret);
  await page.getByTestId("keys-save").click();
  await expect(page.getByTestId("keys-row")).toHaveCount(1);
  await expect(page.getByTestId("keys-api-key")).toHaveValue("");
  await page.reload();
  await expect(page.getByTestId("keys-row")).toContainText("e2e testnet");
  const html = await page.content();
  expect(html).not.toContain(apiKey);
  expect(html).not.toContain(secret);
  expect(bodies.length).toBeGreaterThan(0);
  for (const b of bodies) {
    expect(b).not.toContain(apiKey);
    expect(b).not.toContain(secret);
  }
  // …nor into the web server's or the worker's logs
  const { logFile } = JSON.parse(fs.readFileSync("test-results/e2e-database.json", "utf8")) as { logFile?: string };
  expect(logFile, "scripts/e2e-server.ts records where the servers log").toBeTruthy();
  const logs = fs.readFileSync(logFile as string, "utf8");
  expect(logs.length).toBeGreaterThan(0);
  expect(logs).not.toContain(apiKey);
  expect(logs).not.toContain(secret);
  await shot(page, "keys");
});

test("SIGKILL of the worker mid-session: the session resumes from its checkpoint and reconciles", async ({ page }) => {
  test.setTimeout(150_000);
  await logIn(page);
  await startSession(page, "4");
  await expect.poll(() => stepOf(page)).toBeGreaterThan(4);
  // the database file is shared by every e2e run on this machine: only trust it if it holds THIS
  // session, and kill only the worker that runs it
  const sessionId = page.url().split("/").pop() ?? "";
  const info = readInfo();
  const u = new URL(info.serverUrl);
  u.pathname = `/${info.name}`;
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  let pid: number;
  try {
    const { rows } = await c.query<{ workerId: string | null }>(`SELECT "workerId" FROM live_sessions WHERE id = $1`, [sessionId]);
    pid = Number((rows[0]?.workerId ?? "").split(":")[1] ?? 0);
  } finally {
    await c.end();
  }
  expect(pid).toBeGreaterThan(0);
  process.kill(pid, "SIGKILL");
  const before = await stepOf(page);
  await expect(eventRow(page, "SessionResumed")).toHaveCount(1, { timeout: 90_000 });
  await expect(eventRow(page, "PositionsReconciled")).toHaveCount(1);
  await expect(page.getByTestId("reconciliation-status")).toHaveText("matched");
  await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBeGreaterThan(before + 2);
  await expect(page.getByTestId("session-status")).toHaveText("running");
  await shot(page, "session-resumed");
  await page.getByTestId("control-kill").click();
  await page.getByTestId("control-kill-confirm").click();
  await expect(page.getByTestId("session-status")).toHaveText("stopped");
  await expect(eventRow(page, "KillSwitchActivated")).toHaveCount(1);
  await shot(page, "session-killed");
});
