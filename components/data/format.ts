// Formatting helpers shared by the Data page components (sizes, UTC dates).
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** `2024-01-01` (UTC) */
export const formatDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** `2024-01-01 08:00` (UTC) */
export const formatUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace("T", " ");
