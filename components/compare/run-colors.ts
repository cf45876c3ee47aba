// One distinguishable colour per compared run (up to 10), stable by position.
export const RUN_COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777", "#4b5563", "#65a30d"] as const;

export function runColor(index: number): string {
  return RUN_COLORS[index % RUN_COLORS.length] as string;
}
