// tRPC procedures for the data area (thin: each calls one service function).
import { createTRPCRouter } from "../trpc";

export const dataRouter = createTRPCRouter({});
