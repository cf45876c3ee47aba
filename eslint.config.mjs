// Lint rules. The boundary rules teach: the engine is framework-free so backtest and live share it.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", "generated/**", ".data/**", "e2e/artifacts/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "scripts/migrate.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["server/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["next", "next/*", "react", "react-dom", "@prisma/*", "@/generated/*", "pg", "pg-boss", "ccxt", "node:*", "fs", "path", "@/app/*", "@/components/*", "@/server/db/*", "@/server/api/*"],
            message: "server/engine is plain deterministic TypeScript: pass data, clock and venues in through createEngine instead of importing frameworks, Node I/O or the database." },
        ],
      }],
      "no-restricted-properties": ["error",
        { object: "Date", property: "now", message: "The engine reads time only from its injected clock (determinism)." },
        { object: "Math", property: "random", message: "The engine draws randomness only from a seeded rng (server/engine/core/rng.ts)." },
        { object: "process", property: "env", message: "The engine never reads env; config comes in through createEngine." },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    // Route handlers under app/api are server endpoints (like tRPC procedures), not UI.
    ignores: ["app/api/**"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["@/server/db/*", "@/server/jobs/*", "@/generated/*", "pg", "pg-boss"],
            message: "UI code reaches data through tRPC; import only types and isomorphic schemas from server/." },
        ],
      }],
    },
  },
);
