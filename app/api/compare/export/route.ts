// CSV export of a comparison: GET /api/compare/export?runs=a,b,c&align=calendar|sinceStart
import { compareRuns, compareToCsv } from "@/server/compare/compare-runs";
import { getPool } from "@/server/db/pool";
import { AppError } from "@/server/errors";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const runIds = (url.searchParams.get("runs") ?? "").split(",").filter(Boolean);
  const align = url.searchParams.get("align") === "sinceStart" ? "sinceStart" : "calendar";
  try {
    const result = await compareRuns(getPool(), { runIds, align, baselineId: url.searchParams.get("baseline") ?? undefined, full: true });
    return new Response(compareToCsv(result), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="comparison-${align}.csv"` },
    });
  } catch (err) {
    if (err instanceof AppError) {
      const status = err.code === "NOT_FOUND" ? 404 : err.code === "CONFLICT" ? 409 : 400;
      return Response.json({ error: err.code, message: err.message, fieldErrors: err.fieldErrors ?? null }, { status });
    }
    throw err;
  }
}
