-- CreateTable
CREATE TABLE "live_sessions" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "initialParams" JSONB NOT NULL,
    "params" JSONB NOT NULL,
    "capital" DOUBLE PRECISION NOT NULL,
    "shareClass" TEXT NOT NULL,
    "feed" TEXT NOT NULL DEFAULT 'replay',
    "venue" TEXT NOT NULL DEFAULT 'paper',
    "datasetId" UUID NOT NULL,
    "datasetName" TEXT NOT NULL,
    "datasetVersion" INTEGER NOT NULL,
    "datasetSource" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "speed" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'starting',
    "control" TEXT,
    "pendingParams" JSONB,
    "checkpointTick" INTEGER NOT NULL DEFAULT -1,
    "totalTicks" INTEGER NOT NULL,
    "marketTime" TIMESTAMPTZ(3),
    "equity" DOUBLE PRECISION,
    "dayStartEquity" DOUBLE PRECISION,
    "health" JSONB,
    "positions" JSONB,
    "reconciliation" JSONB,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "jobId" TEXT,
    "workerId" TEXT,
    "lastHeartbeat" TIMESTAMPTZ(3),
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "killedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "stoppedAt" TIMESTAMPTZ(3),

    CONSTRAINT "live_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "live_session_steps" (
    "sessionId" UUID NOT NULL,
    "tick" INTEGER NOT NULL,
    "timeMs" DOUBLE PRECISION NOT NULL,
    "wallTime" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "equity" DOUBLE PRECISION NOT NULL,
    "nav" DOUBLE PRECISION NOT NULL,
    "attribution" JSONB NOT NULL,
    "positions" JSONB NOT NULL,
    "risk" JSONB NOT NULL,
    "record" JSONB NOT NULL,

    CONSTRAINT "live_session_steps_pkey" PRIMARY KEY ("sessionId","tick")
);

-- CreateTable
CREATE TABLE "live_session_events" (
    "id" BIGSERIAL NOT NULL,
    "sessionId" UUID NOT NULL,
    "engineSeq" INTEGER,
    "tick" INTEGER NOT NULL,
    "timeMs" DOUBLE PRECISION NOT NULL,
    "wallTime" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "component" TEXT NOT NULL,
    "venue" TEXT,
    "severity" TEXT,
    "payload" JSONB NOT NULL,

    CONSTRAINT "live_session_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "live_alerts" (
    "id" BIGSERIAL NOT NULL,
    "sessionId" UUID NOT NULL,
    "level" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "webhookStatus" TEXT NOT NULL DEFAULT 'skipped',

    CONSTRAINT "live_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exchange_credentials" (
    "id" UUID NOT NULL,
    "exchange" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "testnet" BOOLEAN NOT NULL DEFAULT true,
    "ciphertext" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exchange_credentials_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "live_sessions_status_idx" ON "live_sessions"("status");

-- CreateIndex
CREATE INDEX "live_sessions_createdAt_idx" ON "live_sessions"("createdAt");

-- CreateIndex
CREATE INDEX "live_session_events_sessionId_id_idx" ON "live_session_events"("sessionId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "live_session_events_sessionId_engineSeq_key" ON "live_session_events"("sessionId", "engineSeq");

-- CreateIndex
CREATE INDEX "live_alerts_sessionId_id_idx" ON "live_alerts"("sessionId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "exchange_credentials_exchange_label_key" ON "exchange_credentials"("exchange", "label");

-- AddForeignKey
ALTER TABLE "live_session_steps" ADD CONSTRAINT "live_session_steps_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "live_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "live_session_events" ADD CONSTRAINT "live_session_events_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "live_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "live_alerts" ADD CONSTRAINT "live_alerts_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "live_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
