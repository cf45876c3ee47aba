// A text progress bar on stderr: redrawn in place on a terminal, one line per step otherwise (logs).
export interface ProgressOutput {
  write(text: string): void;
  isTTY?: boolean;
}

export interface ProgressBar {
  update(fraction: number, detail: string): void;
  done(detail: string): void;
}

const WIDTH = 30;

/** `[#########---------------------]  30%  label  detail` */
export function renderProgressLine(fraction: number, label: string, detail: string): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(f * WIDTH);
  return `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${String(Math.round(f * 100)).padStart(3)}%  ${label}  ${detail}`;
}

export function createProgressBar(out: ProgressOutput, label: string): ProgressBar {
  let lastPercent = -1;
  return {
    update(fraction, detail) {
      const line = renderProgressLine(fraction, label, detail);
      if (out.isTTY) {
        out.write(`\r${line}\x1b[K`);
        return;
      }
      lastPercent = Math.round(fraction * 100);
      out.write(`${line}\n`);
    },
    done(detail) {
      const line = renderProgressLine(1, label, detail);
      out.write(out.isTTY ? `\r${line}\x1b[K\n` : lastPercent === 100 ? "" : `${line}\n`);
    },
  };
}
