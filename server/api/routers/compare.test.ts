// The compare procedures through the real router: typed errors reach the client with their app code.
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { closePool } from "../../db/pool";
import { createCaller } from "../root";

describe("compare router", () => {
  const caller = createCaller({ headers: new Headers() });
  afterAll(() => closePool());

  it("answers NOT_FOUND for unknown runs and BAD_REQUEST for too few", async () => {
    const unknown = caller.compare.runs({ runIds: [randomUUID(), randomUUID()] });
    await expect(unknown).rejects.toBeInstanceOf(TRPCError);
    await expect(caller.compare.runs({ runIds: [randomUUID(), randomUUID()] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.compare.runs({ runIds: [randomUUID()] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lists finished runs as candidates", async () => {
    expect(Array.isArray(await caller.compare.candidates())).toBe(true);
  });
});
