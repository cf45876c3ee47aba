// Prisma CLI config. Prisma 7 loads no .env file and env() throws when unset, so read
// process.env directly: `prisma generate` must work on a fresh clone without DATABASE_URL.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
