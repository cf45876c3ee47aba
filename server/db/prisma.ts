// The one PrismaClient, on the shared pg pool through the driver adapter (Prisma 7 requires one).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { getPool } from "./pool";

const globalForPrisma = globalThis as unknown as { basisLabPrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  globalForPrisma.basisLabPrisma ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return globalForPrisma.basisLabPrisma;
}
