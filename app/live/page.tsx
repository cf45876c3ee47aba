// Live: paper sessions on the replay feed run the same engine as a backtest; list and start them here.
import { LiveSessions } from "@/components/live/live-sessions";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Live" };

export default function LivePage() {
  return (
    <>
      <PageHeader
        title="Live"
        description="Paper sessions replay a stored data set at a chosen speed through the same engine components as a backtest; each step is checkpointed, so a killed worker resumes where it stopped."
      />
      <LiveSessions />
    </>
  );
}
