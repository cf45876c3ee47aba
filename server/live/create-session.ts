// Creates a live session: validates the mode's parameters with the same zod schema as backtests,
// checks the data set covers the window by wiring the engine once (DATA-003 / CONFIG-00x up front),
// then inserts the row in status "starting". The caller enqueues the worker job.
import type pg from "pg";
import { AppError } from "../errors";
import { isEngineError } from "../engine/core/errors";
import { MODE_INFO } from "../engine/config/modes";
import { validateRun } from "../engine/run-backtest";
import { findReadyDataset, loadDatasetById, DatasetNotFoundError } from "../market-data/store";
import { buildSessionEngine } from "./build-session-engine";
import { sessionSeriesIds } from "./session-row";
import { startSessionInputSchema, windowBoundToMs, type StartSessionInput } from "./session-schemas";

export async function createSession(pool: pg.Pool, raw: StartSessionInput): Promise<{ id: string }> {
  const input = startSessionInputSchema.parse(raw);
  if (input.feed !== "replay") throw new AppError("INVALID_INPUT", "only the replay feed is available in this version", { feed: ["exchange feeds are not available yet"] });
  if (input.venue === "exchange") {
    if (input.mode !== "btc_basis" && input.mode !== "eth_basis") throw new AppError("INVALID_INPUT", "the exchange venue trades the Binance perp leg of a basis mode", { venue: ["choose a basis mode"] });
    if (!input.exchangeCredentialId) throw new AppError("INVALID_INPUT", "choose a stored exchange API key", { exchangeCredentialId: ["required for the exchange venue"] });
    const { rows } = await pool.query<{ exchange: string; testnet: boolean }>(`SELECT exchange, testnet FROM exchange_credentials WHERE id = $1`, [input.exchangeCredentialId]);
    const cred = rows[0];
    if (!cred || cred.exchange !== "binance" || !cred.testnet) {
      throw new AppError("INVALID_INPUT", "the exchange venue needs a stored Binance testnet key", { exchangeCredentialId: ["not a Binance testnet key"] });
    }
  }
  const start = windowBoundToMs(input.start, "start");
  const end = windowBoundToMs(input.end, "end");
  let v;
  try {
    v = validateRun({ mode: input.mode, params: input.params, capital: input.capital, start, end });
  } catch (err) {
    if (isEngineError(err)) throw new AppError("INVALID_INPUT", `${err.code}: ${err.message}`);
    throw err;
  }
  if (input.venue === "exchange" && !("hedgeAllocation" in v.params && v.params.hedgeAllocation.binance > 0)) {
    throw new AppError("INVALID_INPUT", "the exchange venue needs a Binance hedge weight above 0", { venue: ["Binance hedge weight is 0"] });
  }
  let head;
  try {
    head = await findReadyDataset(pool, input.datasetName, input.datasetVersion);
  } catch (err) {
    if (err instanceof DatasetNotFoundError) throw new AppError("NOT_FOUND", err.message, { datasetName: [err.message] });
    throw err;
  }
  const data = await loadDatasetById(pool, head.id, { seriesIds: sessionSeriesIds(v.mode, v.params) });
  let totalTicks: number;
  try {
    totalTicks = buildSessionEngine({ mode: v.mode, params: v.params, data, start, end, capital: v.capital }).clock.totalTicks;
  } catch (err) {
    if (isEngineError(err)) throw new AppError("DATA_MISSING", `${err.code}: ${err.message}`);
    throw err;
  }
  const name = input.name && input.name.length > 0 ? input.name : `${MODE_INFO[v.mode].label} replay ${input.start}`;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO live_sessions (id, name, mode, "initialParams", params, capital, "shareClass", feed, venue, "datasetId", "datasetName",
       "datasetVersion", "datasetSource", "windowStart", "windowEnd", speed, status, "totalTicks", "exchangeCredentialId")
     VALUES (gen_random_uuid(), $1, $2, $3::jsonb, $3::jsonb, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'starting', $15, $16) RETURNING id`,
    [
      name,
      v.mode,
      JSON.stringify(v.params),
      v.capital,
      MODE_INFO[v.mode].shareClass,
      input.feed,
      input.venue,
      head.id,
      head.name,
      head.version,
      head.source,
      new Date(start),
      new Date(end),
      input.speed,
      totalTicks,
      input.venue === "exchange" ? (input.exchangeCredentialId ?? null) : null,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new AppError("INTERNAL", "live session was not created");
  await pool.query(
    `INSERT INTO live_session_events ("sessionId", tick, "timeMs", type, component, severity, payload) VALUES ($1, -1, $2, 'SessionCreated', 'session', 'INFO', $3::jsonb)`,
    [id, start, JSON.stringify({ mode: v.mode, capital: v.capital, speed: input.speed, dataset: `${head.name} v${head.version}` })],
  );
  return { id };
}
