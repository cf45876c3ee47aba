// Exports the compare charts as one SVG (or PNG) file, client-side, from the rendered Recharts SVGs.
const SVG_NS = "http://www.w3.org/2000/svg";

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The plot of a figure: its largest Recharts surface (legend icons are small surfaces too). */
function plotOf(fig: Element): SVGSVGElement | null {
  let best: SVGSVGElement | null = null;
  let bestArea = 0;
  for (const svg of Array.from(fig.querySelectorAll<SVGSVGElement>("svg.recharts-surface"))) {
    const r = svg.getBoundingClientRect();
    if (r.width * r.height > bestArea) {
      best = svg;
      bestArea = r.width * r.height;
    }
  }
  return best;
}

/** Stacks every chart under `container` (figures with a caption) into one standalone SVG string. */
export function buildChartsSvg(container: HTMLElement): { svg: string; width: number; height: number } {
  const figures = Array.from(container.querySelectorAll("figure"));
  const width = Math.max(...figures.map((f) => plotOf(f)?.getBoundingClientRect().width ?? 0), 400);
  const out = document.createElementNS(SVG_NS, "svg");
  out.setAttribute("xmlns", SVG_NS);
  let y = 0;
  for (const fig of figures) {
    const chart = plotOf(fig);
    if (!chart) continue;
    const title = document.createElementNS(SVG_NS, "text");
    title.setAttribute("x", "8");
    title.setAttribute("y", String(y + 18));
    title.setAttribute("font-family", "sans-serif");
    title.setAttribute("font-size", "14");
    title.setAttribute("font-weight", "600");
    title.textContent = fig.querySelector("figcaption")?.textContent ?? "";
    out.appendChild(title);
    const g = document.createElementNS(SVG_NS, "g");
    g.setAttribute("transform", `translate(0, ${y + 26})`);
    g.innerHTML = chart.innerHTML;
    out.appendChild(g);
    y += 26 + chart.getBoundingClientRect().height + 16;
  }
  out.setAttribute("width", String(width));
  out.setAttribute("height", String(y));
  out.setAttribute("viewBox", `0 0 ${width} ${y}`);
  const bg = document.createElementNS(SVG_NS, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", "white");
  out.insertBefore(bg, out.firstChild);
  return { svg: new XMLSerializer().serializeToString(out), width, height: y };
}

export function exportChartsSvg(container: HTMLElement, filename: string): void {
  download(new Blob([buildChartsSvg(container).svg], { type: "image/svg+xml" }), filename);
}

export async function exportChartsPng(container: HTMLElement, filename: string): Promise<void> {
  const { svg, width, height } = buildChartsSvg(container);
  const img = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error("could not render the charts to an image"));
  });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  const canvas = document.createElement("canvas");
  canvas.width = width * 2;
  canvas.height = height * 2;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("canvas is not available");
  ctx.scale(2, 2);
  ctx.drawImage(img, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (blob) download(blob, filename);
}
