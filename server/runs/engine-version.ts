// The engine version stamped on every run, so results can be traced to the code that made them.
export const ENGINE_VERSION = "basis-engine/0.1.0";
