// tRPC initialisation: context, superjson, and an error formatter that forwards the app error code
// and zod's flattened field errors so forms can show each message next to its field.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { isSameOriginRequest, readOperator } from "../auth/request-auth";
import { getEnv } from "../env";
import { AppError, toTRPCError } from "../errors";

export interface TRPCContext {
  headers: Headers;
}

export async function createTRPCContext(opts: { headers: Headers }): Promise<TRPCContext> {
  return { headers: opts.headers };
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const zodError = cause instanceof ZodError ? z.flattenError(cause) : null;
    const appError = cause instanceof AppError ? cause : null;
    return {
      ...shape,
      message: zodError ? "Invalid input: see the field errors" : shape.message,
      data: {
        ...shape.data,
        appCode: appError?.code ?? null,
        zodError: zodError ?? (appError?.fieldErrors ? { formErrors: [], fieldErrors: appError.fieldErrors } : null),
      },
    };
  },
});

/** Converts AppErrors thrown by services into typed tRPC errors. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError && result.error.code === "INTERNAL_SERVER_ERROR") {
    throw toTRPCError(result.error.cause);
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(appErrors);
export { TRPCError };

/** Controls and anything that changes live state: a logged-in operator, and same-origin for mutations. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const operator = readOperator(ctx.headers, getEnv());
  if (!operator) throw new TRPCError({ code: "UNAUTHORIZED", message: "log in as the operator to do this" });
  if (type !== "query" && !isSameOriginRequest(ctx.headers)) throw new TRPCError({ code: "FORBIDDEN", message: "cross-site request refused" });
  return next({ ctx: { ...ctx, operator } });
});

/** Live dashboards: public only when LIVE_PUBLIC_READ is set, otherwise a logged-in operator. */
export const liveReadProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const env = getEnv();
  if (!env.LIVE_PUBLIC_READ && !readOperator(ctx.headers, env)) throw new TRPCError({ code: "UNAUTHORIZED", message: "log in to see live sessions" });
  return next();
});
