-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "signalCsv" TEXT;
