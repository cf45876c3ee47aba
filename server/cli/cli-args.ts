// A small shared command-line parser for the `npm run …` entry points: splits argv into positionals
// and flags (`--flag value`, `--flag=value`, repeated flags, booleans), validates both with zod, and
// turns every mistake into a CliUsageError (message on stderr, exit code 2).
import { z } from "zod";

/** Exit code of every bad-input error; 1 is left for failures that are not the caller's fault. */
export const USAGE_EXIT_CODE = 2;

export class CliUsageError extends Error {
  readonly exitCode = USAGE_EXIT_CODE;
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}

export interface ArgvSpec {
  /** flags that take no value (`--json`); written in kebab-case as on the command line */
  booleans?: readonly string[];
  /** flags that may repeat (`--set a=1 --set b=2`); their value is always a string array */
  repeated?: readonly string[];
}

export interface SplitArgv {
  positionals: string[];
  /** camelCased flag name → value (`--dry-run` → `dryRun`) */
  flags: Record<string, string | string[] | true>;
}

const kebabToCamel = (s: string): string => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const camelToKebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Splits argv without validating values. `--` ends the flags; `-x` alone is not a flag (negative numbers). */
export function splitArgv(argv: readonly string[], spec: ArgvSpec = {}): SplitArgv {
  const booleans = new Set(spec.booleans ?? []);
  const repeated = new Set(spec.repeated ?? []);
  const positionals: string[] = [];
  const flags: Record<string, string | string[] | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--") || arg.length === 2) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!/^[a-z][a-z0-9-]*$/i.test(name)) throw new CliUsageError(`malformed option ${arg}`);
    const key = kebabToCamel(name);
    let value: string | true;
    if (booleans.has(name)) {
      if (eq !== -1) throw new CliUsageError(`--${name} takes no value`);
      value = true;
    } else if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new CliUsageError(`--${name} needs a value`);
      value = next;
      i += 1;
    }
    if (repeated.has(name)) {
      const prev = flags[key];
      flags[key] = [...(Array.isArray(prev) ? prev : []), value === true ? "" : value];
    } else {
      if (key in flags) throw new CliUsageError(`--${name} given more than once`);
      flags[key] = value;
    }
  }
  return { positionals, flags };
}

/** One line per zod issue, naming the option the way the user typed it. */
export function formatZodIssues(error: z.ZodError, positionalNames: readonly string[] = []): string {
  return error.issues
    .map((issue) => {
      if (issue.code === "unrecognized_keys") return `unknown option${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `--${camelToKebab(k)}`).join(", ")}`;
      const [head, index] = issue.path;
      if (head === "positionals") {
        if (issue.code === "too_big") return `too many arguments`;
        if (issue.code === "too_small") return `missing argument${positionalNames.length > 0 ? `: ${positionalNames.join(" ")}` : ""}`;
        const label = typeof index === "number" ? (positionalNames[index] ?? `argument ${index + 1}`) : "arguments";
        return `${label}: ${issue.message}`;
      }
      if (head === "flags" && typeof index === "string") return `--${camelToKebab(index)}: ${issue.message}`;
      return issue.message;
    })
    .join("\n");
}

export interface CommandArgsSpec<P extends z.ZodType, F extends z.ZodType> extends ArgvSpec {
  /** schema of the positional arguments (usually a z.tuple) */
  positionals: P;
  /** schema of the flags, keys camelCased; make it z.strictObject so unknown options are refused */
  flags: F;
  /** names shown in messages for the positionals, e.g. ["<dir>"] */
  positionalNames?: readonly string[];
}

/** Splits and validates argv; throws CliUsageError with a readable message on any mistake. */
export function parseCommandArgs<P extends z.ZodType, F extends z.ZodType>(
  argv: readonly string[],
  spec: CommandArgsSpec<P, F>,
): { positionals: z.output<P>; flags: z.output<F> } {
  const split = splitArgv(argv, spec);
  const result = z.object({ positionals: spec.positionals, flags: spec.flags }).safeParse(split);
  if (!result.success) throw new CliUsageError(formatZodIssues(result.error, spec.positionalNames));
  return result.data as { positionals: z.output<P>; flags: z.output<F> };
}

/** A flag holding an integer (`--seed 7`), with bounds. */
export function intFlag(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): z.ZodType<number, string> {
  return z
    .string()
    .regex(/^-?\d+$/, "expected an integer")
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

/** A UTC calendar date flag (`--from 2024-05-01`) → epoch ms of that midnight UTC. */
export function dateFlag(): z.ZodType<number, string> {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
    .transform((s, ctx) => {
      const t = Date.parse(`${s}T00:00:00Z`);
      if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s) {
        ctx.addIssue({ code: "custom", message: `${s} is not a calendar date` });
        return z.NEVER;
      }
      return t;
    });
}

/** Repeated `--set key=value` flags → a record (later keys win). */
export function keyValueFlags(): z.ZodType<Record<string, string>, string[]> {
  return z
    .array(z.string().regex(/^[^=\s]+=/, "expected key=value"))
    .transform((pairs) => Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)])));
}
