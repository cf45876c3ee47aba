// zod building blocks shared by the row schemas of the parsers.

import { z } from "zod";

/** A parsed timestamp: NaN (unrecognised spelling) fails with a message saying so. */
export const timeMsSchema = z.number({ error: "unrecognised timestamp" });
export const finite = z.number({ error: "expected a number" });
export const positive = finite.positive();
export const nonNegative = finite.nonnegative();
/** A cell that may be empty (parsed to NaN): validated as a number or NaN. */
export const numberOrEmpty = z.union([finite, z.nan()]);
