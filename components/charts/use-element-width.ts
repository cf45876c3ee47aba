"use client";
// Width of an element, read synchronously before the first paint (useLayoutEffect) and kept up to
// date on resize: charts render once at their real size instead of waiting for
// ResponsiveContainer's ResizeObserver round before drawing anything.
import { useLayoutEffect, useRef, useState } from "react";

export function useElementWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}
