import {
  Anchor,
  Button,
  Group,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
} from "@mantine/core";
import { IconArrowLeft, IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useMessage } from "../../api/use-messages";
import { useMessageStats } from "../../api/use-stats";
import { useSession } from "../../app/session-context";
import { formatNumber, formatPercent } from "../../ui/format";
import { PageHeader } from "../../ui/page-header";
import { QueryError } from "../../ui/query-error";
import { StatusBadge } from "../messages/status-badge";
import { StatCard } from "./stat-card";
import { DailyChart, FunnelChart } from "./stats-charts";
import { dailySeries, funnelSeries } from "./stats-series";

const periods = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
];

/** `/messages/:id/stats`: rates as cards, the daily series and the step funnel as charts. */
export function StatsPage() {
  const { id = "" } = useParams();
  const { product } = useSession();
  const [days, setDays] = useState(30);
  const message = useMessage(product.id, id);
  const stats = useMessageStats(product.id, id, days);
  const s = stats.data;
  const impressions = s?.counts.impression ?? 0;
  const rate = (n: number) => `${formatNumber(n)} of ${formatNumber(impressions)} impressions`;

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to="/messages" size="sm" c="dimmed">
            <Group gap={4}>
              <IconArrowLeft size={14} /> Messages
            </Group>
          </Anchor>
        }
        title={
          <Group gap="sm">
            <span>{message.data?.name ?? "Message"} · Stats</span>
            {message.data && <StatusBadge status={message.data.status} />}
          </Group>
        }
        actions={
          <>
            <SegmentedControl
              aria-label="Period"
              data={periods}
              value={String(days)}
              onChange={(v) => setDays(Number(v))}
            />
            <Button
              component={Link}
              to={`/messages/${id}`}
              variant="default"
              leftSection={<IconPencil size={16} />}
            >
              Edit
            </Button>
          </>
        }
      />
      {stats.isError ? (
        <QueryError error={stats.error} onRetry={() => stats.refetch()} />
      ) : !s ? (
        <Stack>
          <SimpleGrid cols={4}>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} h={112} />
            ))}
          </SimpleGrid>
          <Skeleton h={320} />
        </Stack>
      ) : (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="lg">
            <StatCard
              testId="stat-impressions"
              label="Impressions"
              value={formatNumber(impressions)}
              detail={`${formatNumber(s.users.impression)} unique users`}
            />
            <StatCard
              testId="stat-dismiss"
              label="Dismiss rate"
              value={formatPercent(s.rates.dismiss)}
              detail={rate(s.counts.dismiss)}
              share={s.rates.dismiss}
              color="gray"
            />
            <StatCard
              testId="stat-cta"
              label="CTA rate"
              value={formatPercent(s.rates.ctaClick)}
              detail={rate(s.counts.cta_click)}
              share={s.rates.ctaClick}
              color="teal"
            />
            <StatCard
              testId="stat-complete"
              label="Completion rate"
              value={formatPercent(s.rates.complete)}
              detail={rate(s.counts.complete)}
              share={s.rates.complete}
              color="grape"
            />
          </SimpleGrid>
          <DailyChart
            data={dailySeries(s, days)}
            empty={impressions === 0 && s.daily.length === 0}
          />
          <FunnelChart
            data={funnelSeries(s, message.data?.steps.length ?? 1)}
            empty={impressions === 0 && s.steps.length === 0}
          />
        </Stack>
      )}
    </>
  );
}
