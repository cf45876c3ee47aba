// GET /api/runs/:runId/export/:kind — a run's config JSON, summary JSON, steps CSV or events CSV as
// a file download (full resolution; the charts are thinned, these are not).
import { z } from "zod";
import { APP_ERROR_CODES, AppError } from "@/server/errors";
import { EXPORT_KINDS, exportRun } from "@/server/runs/export-run";

export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = { BAD_REQUEST: 400, NOT_FOUND: 404, CONFLICT: 409, PRECONDITION_FAILED: 412, SERVICE_UNAVAILABLE: 503 };

export async function GET(_req: Request, ctx: { params: Promise<{ runId: string; kind: string }> }): Promise<Response> {
  const { runId, kind } = await ctx.params;
  const k = z.enum(EXPORT_KINDS).safeParse(kind);
  if (!k.success) return Response.json({ error: `unknown export "${kind}" (one of ${EXPORT_KINDS.join(", ")})` }, { status: 404 });
  try {
    const out = await exportRun(runId, k.data);
    return new Response(out.body, {
      headers: { "content-type": out.contentType, "content-disposition": `attachment; filename="${out.filename}"`, "cache-control": "no-store" },
    });
  } catch (err) {
    if (err instanceof AppError) return Response.json({ error: err.message, code: err.code }, { status: STATUS[APP_ERROR_CODES[err.code]] ?? 500 });
    const message = err instanceof Error ? err.message : String(err);
    const down = /ECONNREFUSED|terminating connection|Connection terminated|timeout exceeded when trying to connect/i.test(message);
    return Response.json({ error: down ? "the database is unreachable" : message }, { status: down ? 503 : 500 });
  }
}
