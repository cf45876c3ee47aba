// One live session: health, equity and attribution, positions, risk, events and alerts over SSE.
import { SessionView } from "@/components/live/session-view";

export const metadata = { title: "Live session" };
export const dynamic = "force-dynamic";

export default async function LiveSessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <SessionView sessionId={sessionId} />;
}
