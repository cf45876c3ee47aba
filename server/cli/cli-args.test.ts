// The shared CLI parser: flag forms, booleans, repeats, zod validation and the messages users see.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CliUsageError, dateFlag, intFlag, keyValueFlags, parseCommandArgs, splitArgv } from "./cli-args";

describe("splitArgv", () => {
  it("accepts --flag value, --flag=value, booleans, repeats, negative numbers and --", () => {
    const r = splitArgv(["import", "--name", "real", "dir", "--seed=-3", "--json", "--set", "a=1", "--set=b=2", "--offset", "-5", "--", "--literal"], {
      booleans: ["json"],
      repeated: ["set"],
    });
    expect(r.positionals).toEqual(["import", "dir", "--literal"]);
    expect(r.flags).toEqual({ name: "real", seed: "-3", json: true, set: ["a=1", "b=2"], offset: "-5" });
  });

  it("camelCases kebab flags", () => {
    expect(splitArgv(["--dry-run-id", "x"]).flags).toEqual({ dryRunId: "x" });
  });

  it("refuses a missing value, a value on a boolean, a repeated single flag and a malformed name", () => {
    expect(() => splitArgv(["--name"])).toThrow(/--name needs a value/);
    expect(() => splitArgv(["--name", "--json"], { booleans: ["json"] })).toThrow(/--name needs a value/);
    expect(() => splitArgv(["--json=1"], { booleans: ["json"] })).toThrow(/takes no value/);
    expect(() => splitArgv(["--name", "a", "--name", "b"])).toThrow(/more than once/);
    expect(() => splitArgv(["--bad_name", "x"])).toThrow(CliUsageError);
  });
});

describe("parseCommandArgs", () => {
  const spec = {
    positionals: z.tuple([z.string().min(1)]),
    positionalNames: ["<dataset>"],
    flags: z.strictObject({ seed: intFlag(0, 100).optional(), from: dateFlag().optional(), set: keyValueFlags().optional(), json: z.literal(true).optional() }),
    booleans: ["json"],
    repeated: ["set"],
  };

  it("validates and transforms", () => {
    const r = parseCommandArgs(["x", "--seed", "7", "--from", "2024-02-29", "--set", "a=1", "--set", "b=x=y", "--json"], spec);
    expect(r).toEqual({ positionals: ["x"], flags: { seed: 7, from: Date.UTC(2024, 1, 29), set: { a: "1", b: "x=y" }, json: true } });
  });

  it("says what is wrong, naming the option as typed", () => {
    const message = (argv: string[]): string => {
      try {
        parseCommandArgs(argv, spec);
        return "";
      } catch (e) {
        expect(e).toBeInstanceOf(CliUsageError);
        expect((e as CliUsageError).exitCode).toBe(2);
        return (e as Error).message;
      }
    };
    expect(message(["x", "--seed", "abc"])).toMatch(/--seed: expected an integer/);
    expect(message(["x", "--seed", "101"])).toMatch(/--seed: must be at most 100/);
    expect(message(["x", "--from", "2023-02-29"])).toMatch(/--from: 2023-02-29 is not a calendar date/);
    expect(message(["x", "--from", "5/1/2024"])).toMatch(/--from: expected a date YYYY-MM-DD/);
    expect(message(["x", "--set", "novalue"])).toMatch(/expected key=value/);
    expect(message(["x", "--dry-run", "1"])).toMatch(/unknown option --dry-run/);
    expect(message([])).toMatch(/missing argument: <dataset>/);
    expect(message(["x", "y"])).toMatch(/too many arguments/);
  });
});
