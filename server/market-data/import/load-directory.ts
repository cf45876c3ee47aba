// Loads a directory of raw market-data files (the ../shared/data layout) into canonical series and a quality report.

import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { MarketData, Series } from "../series";
import type { FileQuality, QualityReport, SeriesQuality } from "../quality-report";
import { classifyFile, type ImportedParameters, type ImportSink } from "./file-kinds";
import { DataDirectoryError, DataImportError } from "./import-errors";
import { refuseDefectiveFile } from "./repairs";

export interface LoadedDirectory {
  readonly data: MarketData;
  readonly report: QualityReport;
  /** Static parameter tables found in the directory (margin, AAVE risk/market parameters, gas units, …). */
  readonly params: ImportedParameters;
}

async function listFiles(dir: string, rel = ""): Promise<string[]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, r)));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/** Documentation files are expected next to the data and are skipped silently. */
const IGNORED = /(^|\/)(README[^/]*|[^/]*\.md|\.[^/]*)$/i;

/**
 * Reads every recognised file under `dir`, applies the named repairs and returns the data set
 * (name = base name of `dir`, version 0, source "real") with its quality report.
 * Throws DataDirectoryError when `dir` is missing, not a directory, or holds no data file, and
 * DataImportError (naming file and line) when a file fails validation.
 */
export async function loadDirectory(dir: string): Promise<LoadedDirectory> {
  const abs = path.resolve(dir);
  let isDir = false;
  try {
    isDir = (await stat(abs)).isDirectory();
  } catch {
    throw new DataDirectoryError(abs, "directory not found");
  }
  if (!isDir) throw new DataDirectoryError(abs, "not a directory");
  const files = (await listFiles(abs)).filter((f) => !IGNORED.test(f));

  const warnings: string[] = [];
  const seriesQuality: Record<string, SeriesQuality> = {};
  const fileQuality: Record<string, FileQuality> = {};
  const series = new Map<string, Series>();
  const params: ImportedParameters = {};
  const replaced: { id: string }[] = [];
  const sink: ImportSink = {
    addSeries(s, q) {
      const prev = series.get(s.id);
      if (prev) {
        // two files for one series (e.g. a subset copy): keep the longer, say so
        const keepNew = s.time.length > prev.time.length;
        warnings.push(`${s.id}: provided by both ${seriesQuality[s.id]?.source ?? "?"} and ${q.source ?? "?"}; kept ${keepNew ? q.source : seriesQuality[s.id]?.source}`);
        if (!keepNew) return;
      }
      series.set(s.id, s);
      seriesQuality[s.id] = q;
    },
    warn: (m) => warnings.push(m),
    noteFile: (rel, info) => {
      fileQuality[rel] = info;
    },
    params,
  };

  const todo: { rel: string; kind: NonNullable<ReturnType<typeof classifyFile>> }[] = [];
  for (const rel of files) {
    const refused = refuseDefectiveFile(rel);
    if (refused) {
      warnings.push(refused.warning);
      fileQuality[rel] = { kind: "refused", rows: 0, series: [], note: refused.warning };
      replaced.push({ id: refused.replacementSeriesId });
      continue;
    }
    const kind = classifyFile(rel);
    if (!kind) {
      warnings.push(`${rel}: unrecognised file name; skipped`);
      continue;
    }
    todo.push({ rel, kind });
  }
  if (todo.length === 0) throw new DataDirectoryError(abs, files.length === 0 ? "directory is empty" : "no recognised data file in directory");

  const texts = await Promise.all(todo.map((t) => readFile(path.join(abs, t.rel), "utf8")));
  todo.forEach((t, i) => {
    try {
      t.kind.kind.importFile(texts[i] as string, t.rel, t.kind.match, sink);
    } catch (e) {
      if (e instanceof DataImportError) throw e;
      throw new DataImportError(t.rel, (e as Error).message);
    }
  });

  for (const r of replaced) {
    const q = seriesQuality[r.id];
    if (q) q.repairs.refuseDefectiveFile = (q.repairs.refuseDefectiveFile ?? 0) + 1;
    else warnings.push(`replacement series ${r.id} for a refused file is not in this directory`);
  }

  const ids = [...series.keys()].sort();
  const data: MarketData = {
    name: path.basename(abs),
    version: 0,
    source: "real",
    series: new Map(ids.map((id) => [id, series.get(id) as Series])),
  };
  const report: QualityReport = {
    generatedAt: new Date().toISOString(),
    warnings,
    series: Object.fromEntries(ids.map((id) => [id, seriesQuality[id] as SeriesQuality])),
    files: fileQuality,
  };
  return { data, report, params };
}
