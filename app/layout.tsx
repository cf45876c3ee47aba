// The app shell: brand, main navigation and the tRPC/React Query provider.
import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/shell/nav-links";
import { TRPCReactProvider } from "@/components/trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Basis Lab", template: "%s · Basis Lab" },
  description: "Backtest, compare and run crypto basis and yield strategies.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen">
        <TRPCReactProvider>
          <header className="border-b border-slate-800 bg-slate-900">
            <div className="mx-auto flex max-w-7xl items-center justify-between gap-6 px-6 py-3">
              <Link href="/" className="flex items-center gap-2 text-white">
                <span className="grid h-7 w-7 place-items-center rounded-md bg-brand text-sm font-bold">B</span>
                <span className="font-semibold tracking-tight">Basis Lab</span>
              </Link>
              <NavLinks />
            </div>
          </header>
          <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
