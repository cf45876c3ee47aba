// Env validation: defaults, coercion, and messages that name the variable.
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults and treats empty strings as unset", () => {
    const env = parseEnv({ PORT: "", DATABASE_URL: "" });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.START_WORKER).toBe(true);
  });

  it("coerces numbers and booleans", () => {
    const env = parseEnv({ PORT: "4000", START_WORKER: "false", DATABASE_URL: "postgresql://u:p@db:5432/app" });
    expect(env).toMatchObject({ PORT: 4000, START_WORKER: false, DATABASE_URL: "postgresql://u:p@db:5432/app" });
  });

  it.each([
    ["PORT", "70000"],
    ["PORT", "abc"],
    ["DATABASE_URL", "mysql://localhost/x"],
    ["DATABASE_URL", "postgresql://host-without-db"],
    ["START_WORKER", "maybe"],
  ])("rejects %s=%s naming the variable", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}="${value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"`));
  });
});
