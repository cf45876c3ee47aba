// Maps a stored run row to the API's DTO, parsing the JSON columns with zod (stored by older code).
import type { Run } from "@/generated/prisma/client";
import { RUN_STATUSES, runDetailsSchema, runSummarySchema, type RunDto, type RunListItem, type RunStatus } from "./run-schemas";
import { z } from "zod";

const statusOf = (s: string): RunStatus => ((RUN_STATUSES as readonly string[]).includes(s) ? (s as RunStatus) : "failed");

export function toRunListItem(r: Run): RunListItem {
  return {
    id: r.id,
    name: r.name,
    mode: r.mode,
    status: statusOf(r.status),
    progress: r.progress,
    datasetName: r.datasetName,
    datasetVersion: r.datasetVersion,
    datasetSource: r.datasetSource,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    capital: r.capital,
    apy: r.apy,
    sharpe: r.sharpe,
    maxDrawdown: r.maxDrawdown,
    totalReturn: r.totalReturn,
    createdAt: r.createdAt,
    errorCode: r.errorCode,
  };
}

export function toRunDto(r: Run): RunDto {
  const summary = runSummarySchema.safeParse(r.summary);
  const details = runDetailsSchema.safeParse(r.details);
  const config = z.record(z.string(), z.unknown()).safeParse(r.config);
  return {
    ...toRunListItem(r),
    shareClass: r.shareClass,
    config: config.success ? config.data : {},
    engineVersion: r.engineVersion,
    stepsDone: r.stepsDone,
    stepsTotal: r.stepsTotal,
    attempt: r.attempt,
    cancelRequested: r.cancelRequested,
    errorMessage: r.errorMessage,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.durationMs,
    eventsCount: r.eventsCount,
    finalEquity: r.finalEquity,
    summary: summary.success ? summary.data : null,
    details: details.success ? details.data : null,
  };
}
