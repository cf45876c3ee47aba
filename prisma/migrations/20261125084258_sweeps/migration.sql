-- CreateTable
CREATE TABLE "sweeps" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "datasetId" UUID NOT NULL,
    "datasetName" TEXT NOT NULL,
    "datasetVersion" INTEGER NOT NULL,
    "datasetSource" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "capital" DOUBLE PRECISION NOT NULL,
    "baseParams" JSONB NOT NULL,
    "axes" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "sweeps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sweep_runs" (
    "sweepId" UUID NOT NULL,
    "idx" INTEGER NOT NULL,
    "point" DOUBLE PRECISION[],
    "params" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "summary" JSONB,
    "apy" DOUBLE PRECISION,
    "totalReturn" DOUBLE PRECISION,
    "sharpe" DOUBLE PRECISION,
    "maxDrawdown" DOUBLE PRECISION,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "runId" UUID,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "sweep_runs_pkey" PRIMARY KEY ("sweepId","idx")
);

-- CreateIndex
CREATE INDEX "sweeps_createdAt_idx" ON "sweeps"("createdAt");

-- AddForeignKey
ALTER TABLE "sweep_runs" ADD CONSTRAINT "sweep_runs_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "sweeps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
