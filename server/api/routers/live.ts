// Live sessions: list, snapshot, SSE stream, drift; start, controls, parameter changes and alert
// acknowledgement behind the operator login; exchange API keys saved sealed and never returned.
import { tracked } from "@trpc/server";
import { z } from "zod";
import { getPool } from "../../db/pool";
import { getEnv } from "../../env";
import { authConfigured, readOperator } from "../../auth/request-auth";
import { MODE_IDS, MODE_INFO } from "../../engine/config/modes";
import { enqueueLiveSession } from "../../jobs/live-jobs";
import { computeDrift } from "../../live/compute-drift";
import { changeSessionParams, requestSessionControl } from "../../live/control-session";
import { createSession } from "../../live/create-session";
import { deleteExchangeCredential, listExchangeCredentials, saveCredentialInputSchema, saveExchangeCredential } from "../../live/exchange-credentials";
import { acknowledgeAlert, listSessions, readSessionDelta, readSessionSnapshot } from "../../live/read-session-stream";
import { findSessionRow, toSessionDto } from "../../live/session-row";
import { changeParamsInputSchema, LIVE_MUTABLE_PARAMS, sessionControlInputSchema, startSessionInputSchema } from "../../live/session-schemas";
import { listDatasets } from "../../market-data/store";
import { createTRPCRouter, liveReadProcedure, protectedProcedure, publicProcedure } from "../trpc";
import { sleepUnlessAborted } from "../sleep-until-aborted";

const POLL_MS = 500;
const sessionIdInput = z.object({ sessionId: z.uuid() });

export const liveRouter = createTRPCRouter({
  /** Who is looking: drives the login link and whether controls are shown. */
  viewer: publicProcedure.query(({ ctx }) => {
    const env = getEnv();
    return { loggedIn: readOperator(ctx.headers, env) !== null, publicRead: env.LIVE_PUBLIC_READ, authConfigured: authConfigured(env) };
  }),

  /** Modes, ready data sets and the live-changeable parameters, for the start form. */
  formOptions: liveReadProcedure.query(async () => {
    const datasets = await listDatasets(getPool());
    return {
      modes: MODE_IDS.map((id) => ({ id, label: MODE_INFO[id].label, shareClass: MODE_INFO[id].shareClass })),
      datasets: datasets.map((d) => ({
        name: d.name,
        version: d.version,
        source: d.source,
        coverageStart: d.coverageStart?.toISOString() ?? null,
        coverageEnd: d.coverageEnd?.toISOString() ?? null,
      })),
      mutableParams: [...LIVE_MUTABLE_PARAMS],
    };
  }),

  list: liveReadProcedure.query(() => listSessions(getPool())),

  get: liveReadProcedure.input(sessionIdInput).query(async ({ input }) => toSessionDto(await findSessionRow(getPool(), input.sessionId))),

  /** SSE: a snapshot first (also after a reconnect), then increments as the worker commits steps. */
  watch: liveReadProcedure.input(sessionIdInput.extend({ lastEventId: z.string().nullish() })).subscription(async function* ({ input, signal }) {
    const pool = getPool();
    const { update, cursor } = await readSessionSnapshot(pool, input.sessionId);
    let n = 0;
    let heartbeat = update.session.lastHeartbeat;
    yield tracked(`${input.sessionId}:${n++}`, update);
    while (!signal?.aborted) {
      await sleepUnlessAborted(POLL_MS, signal);
      if (signal?.aborted) break;
      const delta = await readSessionDelta(pool, input.sessionId, cursor, heartbeat);
      if (!delta) continue;
      heartbeat = delta.session.lastHeartbeat;
      yield tracked(`${input.sessionId}:${n++}`, delta);
    }
  }),

  /** Backtest of the same window, config and data vs what the session recorded. */
  drift: liveReadProcedure.input(sessionIdInput).mutation(({ input }) => computeDrift(getPool(), input.sessionId)),

  start: protectedProcedure.input(startSessionInputSchema).mutation(async ({ input }) => {
    const { id } = await createSession(getPool(), input);
    await enqueueLiveSession(id);
    return { id };
  }),

  control: protectedProcedure.input(sessionControlInputSchema).mutation(async ({ input }) => {
    await requestSessionControl(getPool(), input.sessionId, input.control);
    return { ok: true };
  }),

  changeParams: protectedProcedure.input(changeParamsInputSchema).mutation(async ({ input }) => {
    await changeSessionParams(getPool(), input.sessionId, input.params);
    return { ok: true };
  }),

  acknowledgeAlert: protectedProcedure.input(z.object({ alertId: z.string().regex(/^\d+$/) })).mutation(async ({ input }) => ({ ok: await acknowledgeAlert(getPool(), input.alertId) })),

  credentials: protectedProcedure.query(() => listExchangeCredentials(getPool())),
  saveCredential: protectedProcedure.input(saveCredentialInputSchema).mutation(({ input }) => saveExchangeCredential(getPool(), getEnv().SECRETS_KEY, input)),
  deleteCredential: protectedProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ input }) => {
    await deleteExchangeCredential(getPool(), input.id);
    return { ok: true };
  }),
});
