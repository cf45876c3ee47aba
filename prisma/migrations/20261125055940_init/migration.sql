-- CreateTable
CREATE TABLE "datasets" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'importing',
    "seed" INTEGER,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "coverageStart" TIMESTAMPTZ(3),
    "coverageEnd" TIMESTAMPTZ(3),
    "sizeBytes" BIGINT NOT NULL DEFAULT 0,
    "report" JSONB,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_series" (
    "datasetId" UUID NOT NULL,
    "seriesId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fields" TEXT[],
    "count" INTEGER NOT NULL,
    "firstTime" TIMESTAMPTZ(3) NOT NULL,
    "lastTime" TIMESTAMPTZ(3) NOT NULL,
    "time" BYTEA NOT NULL,
    "data" BYTEA NOT NULL,
    "quality" JSONB NOT NULL,

    CONSTRAINT "dataset_series_pkey" PRIMARY KEY ("datasetId","seriesId")
);

-- CreateIndex
CREATE UNIQUE INDEX "datasets_name_version_key" ON "datasets"("name", "version");

-- AddForeignKey
ALTER TABLE "dataset_series" ADD CONSTRAINT "dataset_series_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
