// The pluggable signal interface of the directional modes (domain §2.12): (time, data window) →
// target position in [−1, 1] (+ optional confidence and return sd). The window holds completed bars
// only, so a source cannot look ahead by construction.

/** Completed hourly bars up to (and including) the last bar closed by the decision time. */
export interface BarWindow {
  /** Bar open times (UTC epoch ms), ascending. */
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

export interface SignalOutput {
  /** Target position as a fraction of maxPositionSize·equity, in [−1, 1] (clamped by the strategy). */
  readonly target: number;
  /** Confidence in [0, 1]; the strategy acts only above signalThreshold when it is given. */
  readonly confidence?: number;
  /** Standard deviation of hourly returns the source expects (fraction); sizes the stops. */
  readonly sd?: number;
}

export interface SignalSource {
  readonly name: string;
  /** The target at time t from completed bars; null = no opinion (hold the current target). */
  signal(t: number, bars: BarWindow): SignalOutput | null;
}
