// Parameter schema of the signal-driven directional modes (domain §2.12, §2.13): signal source and
// its windows, the confidence threshold, position limit, stop-loss / take-profit sizing from the
// return sd, and the CEX margin levels; cross-field orderings are validated here (CONFIG-002).
import { z } from "zod";
import { sharedParamsShape } from "./shared-params";

export const directionalParamsSchema = z
  .strictObject({
    ...sharedParamsShape,
    signalSource: z
      .enum(["ma_trend", "csv"])
      .default("ma_trend")
      .describe("ma_trend: sign(MA fast − MA slow) over completed hourly closes; csv: a timestamp,signal[,confidence][,sd] file supplied with the run"),
    maFastBars: z.number().int().min(1).max(1000).default(24).describe("Fast moving-average window (hourly bars) of the trend rule"),
    maSlowBars: z.number().int().min(2).max(5000).default(168).describe("Slow moving-average window (hourly bars) of the trend rule"),
    signalThreshold: z.number().min(0.5).max(0.99).default(0.7).describe("Act on a signal only when its confidence exceeds this (signals without confidence always act)"),
    maxPositionSize: z.number().min(0).max(3).default(1).describe("Position at target ±1, as a multiple of equity (notional capped at 3 × equity)"),
    stopLossSd: z.number().min(0.1).max(20).default(2).describe("Stop-loss distance in return standard deviations"),
    takeProfitSd: z.number().min(0.1).max(50).default(3).describe("Take-profit distance in return standard deviations"),
    stopLossPct: z.number().min(0.005).max(0.5).default(0.05).describe("Largest stop-loss distance, as a fraction of the entry price"),
    sdFloorBps: z.number().min(1).max(1000).default(10).describe("Floor of the return sd used for the stops (bps)"),
    sdCapBps: z.number().min(10).max(10000).default(1000).describe("Cap of the return sd used for the stops (bps)"),
    sdLookbackBars: z.number().int().min(2).max(1000).default(24).describe("Bars of returns whose std sizes the stops when the signal gives no sd"),
    marginWarningRatio: z.number().min(0.01).max(0.5).default(0.2).describe("Margin ratio below which the position is cut back"),
    marginCriticalRatio: z.number().min(0.01).max(0.5).default(0.15).describe("Margin ratio below which the cut is urgent"),
    maintenanceMarginRatio: z.number().min(0.01).max(0.5).default(0.1).describe("Margin ratio at which the venue liquidates"),
  })
  .superRefine((p, ctx) => {
    if (!(p.maFastBars < p.maSlowBars)) ctx.addIssue({ code: "custom", path: ["maFastBars"], message: "need maFastBars < maSlowBars" });
    if (!(p.sdFloorBps < p.sdCapBps)) ctx.addIssue({ code: "custom", path: ["sdFloorBps"], message: "need sdFloorBps < sdCapBps" });
    if (!(p.maintenanceMarginRatio < p.marginCriticalRatio && p.marginCriticalRatio < p.marginWarningRatio)) {
      ctx.addIssue({ code: "custom", path: ["marginWarningRatio"], message: "need maintenanceMarginRatio < marginCriticalRatio < marginWarningRatio" });
    }
  })
  .describe("Directional BTCUSDT perp on Binance driven by a pluggable signal, with stops and position limits");
export type DirectionalParams = z.output<typeof directionalParamsSchema>;
