-- AlterTable
ALTER TABLE "live_sessions" ADD COLUMN     "exchangeCredentialId" UUID;
