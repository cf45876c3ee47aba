-- CreateTable
CREATE TABLE "runs" (
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
    "shareClass" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "stepsDone" INTEGER NOT NULL DEFAULT 0,
    "stepsTotal" INTEGER,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "jobId" TEXT,
    "workerId" TEXT,
    "heartbeatAt" TIMESTAMPTZ(3),
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "summary" JSONB,
    "details" JSONB,
    "totalReturn" DOUBLE PRECISION,
    "apy" DOUBLE PRECISION,
    "sharpe" DOUBLE PRECISION,
    "maxDrawdown" DOUBLE PRECISION,
    "finalEquity" DOUBLE PRECISION,
    "eventsCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run_steps" (
    "run_id" UUID NOT NULL,
    "step" INTEGER NOT NULL,
    "time_ms" DOUBLE PRECISION NOT NULL,
    "equity" DOUBLE PRECISION,
    "nav" DOUBLE PRECISION,
    "shares" DOUBLE PRECISION,
    "net_flow" DOUBLE PRECISION,
    "cash" DOUBLE PRECISION,
    "attr_funding" DOUBLE PRECISION,
    "attr_lending_interest" DOUBLE PRECISION,
    "attr_borrow_cost" DOUBLE PRECISION,
    "attr_staking_yield" DOUBLE PRECISION,
    "attr_price_pnl" DOUBLE PRECISION,
    "attr_fees" DOUBLE PRECISION,
    "attr_gas" DOUBLE PRECISION,
    "attr_residual" DOUBLE PRECISION,
    "net_delta_btc" DOUBLE PRECISION,
    "net_delta_eth" DOUBLE PRECISION,
    "exposure_gross" DOUBLE PRECISION,
    "exposure_net_delta_value" DOUBLE PRECISION,
    "exposure_perp_notional" DOUBLE PRECISION,
    "delta_ratio" DOUBLE PRECISION,
    "position_wallet" DOUBLE PRECISION,
    "position_binance" DOUBLE PRECISION,
    "position_bybit" DOUBLE PRECISION,
    "position_okx" DOUBLE PRECISION,
    "position_aave_v3" DOUBLE PRECISION,
    "position_etherfi" DOUBLE PRECISION,
    "position_lido" DOUBLE PRECISION,
    "health_factor" DOUBLE PRECISION,
    "ltv" DOUBLE PRECISION,
    "margin_ratio_binance" DOUBLE PRECISION,
    "margin_ratio_bybit" DOUBLE PRECISION,
    "margin_ratio_okx" DOUBLE PRECISION,
    "liquidation_distance" DOUBLE PRECISION,
    "action" DOUBLE PRECISION,
    "reason" DOUBLE PRECISION,
    "stale" DOUBLE PRECISION,

    CONSTRAINT "run_steps_pkey" PRIMARY KEY ("run_id","step")
);

-- CreateTable
CREATE TABLE "run_events" (
    "run_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "time_ms" DOUBLE PRECISION NOT NULL,
    "type" TEXT NOT NULL,
    "component" TEXT NOT NULL,
    "venue" TEXT,
    "severity" TEXT,
    "payload" JSONB NOT NULL,

    CONSTRAINT "run_events_pkey" PRIMARY KEY ("run_id","seq")
);

-- CreateIndex
CREATE INDEX "runs_status_idx" ON "runs"("status");

-- CreateIndex
CREATE INDEX "runs_createdAt_idx" ON "runs"("createdAt");

-- CreateIndex
CREATE INDEX "runs_mode_idx" ON "runs"("mode");

-- CreateIndex
CREATE INDEX "run_events_run_id_type_idx" ON "run_events"("run_id", "type");

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "datasets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_steps" ADD CONSTRAINT "run_steps_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
