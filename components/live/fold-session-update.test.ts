// The stream fold: snapshots replace, deltas append in order, long series keep their recent half
// exact, and the event list is bounded.
import { describe, expect, it } from "vitest";
import type { SessionPoint, SessionUpdate } from "@/server/live/read-session-stream";
import type { SessionDto } from "@/server/live/session-row";
import { capPoints, foldUpdate, MAX_EVENTS, MAX_POINTS, type SessionStreamState } from "./fold-session-update";

const point = (tick: number): SessionPoint => ({ tick, t: tick * 3_600_000, equity: 100 + tick, pnl: tick, attribution: {}, positions: {}, risk: { healthFactor: null, ltv: null, marginRatio: {}, liquidationDistance: null, deltaRatio: 0 } });
const event = (id: number) => ({ id: String(id), tick: id, t: id, wallTime: "", type: "X", component: "c", venue: null, severity: null, payload: {} });
const session = { id: "s", status: "running" } as unknown as SessionDto;
const empty: SessionStreamState = { session: null, points: [], events: [], alerts: [], receivedAt: 0 };
const upd = (kind: "snapshot" | "delta", ticks: number[], ids: number[]): SessionUpdate => ({ kind, session, points: ticks.map(point), events: ids.map(event), alerts: [] });

describe("foldUpdate", () => {
  it("snapshot replaces, delta appends", () => {
    const a = foldUpdate(empty, upd("snapshot", [0, 1], [1, 2]), 1);
    const b = foldUpdate(a, upd("delta", [2], [3]), 2);
    expect(b.points.map((p) => p.tick)).toEqual([0, 1, 2]);
    expect(b.events.map((e) => e.id)).toEqual(["1", "2", "3"]);
    const c = foldUpdate(b, upd("snapshot", [0, 1, 2, 3], [1, 2, 3, 4]), 3);
    expect(c.points).toHaveLength(4);
    expect(c.receivedAt).toBe(3);
  });

  it("bounds events and thins only the older half of long series", () => {
    const many = Array.from({ length: MAX_EVENTS + 50 }, (_, i) => i + 1);
    expect(foldUpdate(empty, upd("delta", [], many), 0).events[0]?.id).toBe("51");
    const pts = Array.from({ length: MAX_POINTS + 2 }, (_, i) => point(i));
    const capped = capPoints(pts);
    expect(capped.length).toBeLessThan(pts.length);
    const half = Math.floor(pts.length / 2);
    expect(capped.slice(-half).map((p) => p.tick)).toEqual(pts.slice(-half).map((p) => p.tick));
    expect(capped.map((p) => p.tick)).toEqual([...capped.map((p) => p.tick)].sort((x, y) => x - y));
  });
});
