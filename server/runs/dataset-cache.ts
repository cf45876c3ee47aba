// Keeps the last loaded data set in the worker: data set versions are immutable, and runs mostly
// reuse one (the seeded synthetic set), so a run skips the ~100 ms load. One entry bounds memory.
import type pg from "pg";
import type { MarketData } from "../market-data/series";
import { loadDatasetById } from "../market-data/store";

let cached: { id: string; data: Promise<MarketData> } | null = null;

export function loadDatasetCached(pool: pg.Pool, id: string): Promise<MarketData> {
  if (cached?.id === id) return cached.data;
  const data = loadDatasetById(pool, id);
  cached = { id, data };
  // a failed load must not stick
  data.catch(() => {
    if (cached?.data === data) cached = null;
  });
  return data;
}
