-- CreateTable
CREATE TABLE "data_tasks" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "message" TEXT NOT NULL DEFAULT '',
    "input" JSONB NOT NULL,
    "datasetName" TEXT,
    "datasetVersion" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "data_tasks_createdAt_idx" ON "data_tasks"("createdAt");
