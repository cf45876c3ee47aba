// Which engine events alert the operator, and at what level.
import { describe, expect, it } from "vitest";
import type { EngineEvent } from "../engine/types";
import { alertForEvent } from "./alerts";

const ev = (type: string, severity?: EngineEvent["severity"], venue?: string): EngineEvent => ({ seq: 1, time: Date.UTC(2024, 0, 2), type, component: "risk-monitor", payload: { marginRatio: 0.1834567891, level: "warning" }, ...(severity ? { severity } : {}), ...(venue ? { venue } : {}) });

describe("alertForEvent", () => {
  it("alerts on risk crossings, liquidations, rejections, reconciliation failures and HIGH/CRITICAL events only", () => {
    expect(alertForEvent(ev("RiskThresholdCrossed", "MEDIUM", "okx"))).toEqual({
      level: "warning",
      kind: "RiskThresholdCrossed",
      message: "RiskThresholdCrossed on okx (marginRatio=0.183457, level=warning) at 2024-01-02T00:00:00.000Z",
    });
    expect(alertForEvent(ev("PositionLiquidated"))?.level).toBe("critical");
    expect(alertForEvent(ev("ReconciliationFailed", "CRITICAL"))?.level).toBe("critical");
    expect(alertForEvent(ev("OrderRejected", "CRITICAL"))?.level).toBe("critical");
    expect(alertForEvent(ev("DataStale", "HIGH"))?.level).toBe("warning");
    expect(alertForEvent(ev("DataStale", "MEDIUM"))).toBeNull();
    expect(alertForEvent(ev("DecisionTaken"))).toBeNull();
    expect(alertForEvent(ev("FundingSettled"))).toBeNull();
  });
});
