// tRPC procedures for the compare area (thin: each calls one service function).
import { createTRPCRouter } from "../trpc";

export const compareRouter = createTRPCRouter({});
