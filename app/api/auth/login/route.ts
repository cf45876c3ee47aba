// POST { secret }: operator login (password or token) → signed session cookie.
import { handleLogin } from "@/server/auth/login-handler";

export const dynamic = "force-dynamic";
export const POST = handleLogin;
