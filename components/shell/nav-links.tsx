"use client";
// The main navigation; highlights the current section.
import Link from "next/link";
import { usePathname } from "next/navigation";

export const NAV_SECTIONS = [
  { href: "/", label: "Home" },
  { href: "/backtests", label: "Backtests" },
  { href: "/compare", label: "Compare" },
  { href: "/sweeps", label: "Sweeps" },
  { href: "/live", label: "Live" },
  { href: "/data", label: "Data" },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex gap-1">
      {NAV_SECTIONS.map((s) => {
        const active = s.href === "/" ? pathname === "/" : pathname.startsWith(s.href);
        return (
          <Link
            key={s.href}
            href={s.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium transition-colors ${
              active ? "bg-brand text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"
            }`}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
