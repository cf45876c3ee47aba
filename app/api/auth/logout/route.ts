// POST: operator logout (clears the session cookie).
import { handleLogout } from "@/server/auth/login-handler";

export const dynamic = "force-dynamic";
export const POST = handleLogout;
