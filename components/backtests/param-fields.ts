// Derives the launch form's fields from a mode's zod schema (via its JSON Schema): label, kind,
// bounds, default and description per field, nested objects as groups. One schema, three users.
import { z } from "zod";

export interface ParamField {
  /** dotted key under params, e.g. "hedgeAllocation.binance" (also the field-error key suffix) */
  key: string;
  path: string[];
  label: string;
  kind: "number" | "integer" | "boolean" | "enum";
  min?: number;
  max?: number;
  options?: string[];
  defaultValue: number | boolean | string | undefined;
  description?: string;
}

export interface ParamGroup {
  key: string;
  label: string;
  description?: string;
  fields: ParamField[];
}

interface JsonSchemaNode {
  type?: string;
  properties?: Record<string, JsonSchemaNode>;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
}

/** Names whose spelling a sentence-case label would break. */
const PROPER_LABELS: Readonly<Record<string, string>> = { okx: "OKX", ltv: "LTV", apy: "APY" };

/** "marginRatioTarget" → "Margin ratio target". */
export function labelOf(key: string): string {
  const proper = PROPER_LABELS[key];
  if (proper) return proper;
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function fieldOf(path: string[], node: JsonSchemaNode): ParamField | null {
  const key = path.join(".");
  const base = { key, path, label: labelOf(path[path.length - 1] ?? key), description: node.description };
  if (node.type === "boolean") return { ...base, kind: "boolean", defaultValue: typeof node.default === "boolean" ? node.default : undefined };
  if (node.enum) return { ...base, kind: "enum", options: node.enum.map(String), defaultValue: typeof node.default === "string" ? node.default : undefined };
  if (node.type === "number" || node.type === "integer") {
    return {
      ...base,
      kind: node.type,
      min: node.minimum ?? node.exclusiveMinimum,
      max: node.maximum ?? node.exclusiveMaximum,
      defaultValue: typeof node.default === "number" ? node.default : undefined,
    };
  }
  return null;
}

/** The mode schema's fields: top-level scalars in one group, each nested object its own group. */
export function paramGroupsOf(schema: z.ZodType): ParamGroup[] {
  const root = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode;
  const top: ParamGroup = { key: "", label: "Parameters", fields: [] };
  const groups: ParamGroup[] = [top];
  for (const [name, node] of Object.entries(root.properties ?? {})) {
    if (node.type === "object" && node.properties) {
      const g: ParamGroup = { key: name, label: labelOf(name), description: node.description, fields: [] };
      for (const [sub, subNode] of Object.entries(node.properties)) {
        const f = fieldOf([name, sub], subNode);
        if (f) g.fields.push(f);
      }
      groups.push(g);
    } else {
      const f = fieldOf([name], node);
      if (f) top.fields.push(f);
    }
  }
  return groups.filter((g) => g.fields.length > 0);
}

/** Builds the params object from the form's string/boolean values (blank → omitted → default). */
export function paramsFromValues(groups: readonly ParamGroup[], values: Readonly<Record<string, string | boolean>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const g of groups) {
    for (const f of g.fields) {
      const v = values[f.key];
      if (v === undefined || v === "") continue;
      const value = f.kind === "number" || f.kind === "integer" ? (typeof v === "string" ? Number(v) : v) : v;
      let node = out;
      for (const p of f.path.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
      node[f.path[f.path.length - 1] as string] = value;
    }
  }
  return out;
}

/** Initial form values: every field at its default. */
export function defaultValuesOf(groups: readonly ParamGroup[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const g of groups) for (const f of g.fields) out[f.key] = typeof f.defaultValue === "boolean" ? f.defaultValue : f.defaultValue === undefined ? "" : String(f.defaultValue);
  return out;
}
