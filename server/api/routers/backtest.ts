// tRPC procedures for the backtest area (thin: each calls one service function).
import { createTRPCRouter } from "../trpc";

export const backtestRouter = createTRPCRouter({});
