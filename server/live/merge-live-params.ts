// Operator parameter changes to a running session: only the mutable ones, validated by the mode's schema.
import { getModeSchema, resolveModeId } from "../engine/config/modes";
import type { SessionParams } from "./build-session-engine";
import { LIVE_MUTABLE_PARAMS } from "./session-schemas";

/** Applies an operator's parameter change to the live params object; throws with a readable message when refused. */
export function mergeLiveParams(mode: string, current: Record<string, unknown>, change: Record<string, unknown>): SessionParams {
  const modeId = resolveModeId(mode);
  if (!modeId) throw new Error(`unknown mode ${mode}`);
  const fixed = Object.keys(change).filter((k) => !(LIVE_MUTABLE_PARAMS as readonly string[]).includes(k));
  if (fixed.length) throw new Error(`${fixed.join(", ")} cannot change while a session runs (fixed at wiring); start a new session instead`);
  const parsed = getModeSchema(modeId).safeParse({ ...current, ...change });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid parameters"}`);
  }
  return parsed.data;
}
