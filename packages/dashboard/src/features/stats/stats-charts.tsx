import { AreaChart, BarChart } from "@mantine/charts";
import { EmptyState, Text } from "@mantine/core";
import { IconChartAreaLine } from "@tabler/icons-react";
import { SectionCard } from "../../ui/section-card";
import type { DailyPoint, FunnelPoint } from "./stats-series";

const noData = (
  <EmptyState
    py="xl"
    size="sm"
    icon={<IconChartAreaLine size={22} />}
    withIndicatorBackground
    title="No data yet"
    description="Set the message Active and turn on auto-render in Settings; numbers appear here as users see it."
  />
);

export function DailyChart({ data, empty }: { data: DailyPoint[]; empty: boolean }) {
  return (
    <SectionCard title="Over time" description="Interactions per day (UTC).">
      {empty ? (
        noData
      ) : (
        <AreaChart
          h={280}
          data={data}
          dataKey="label"
          withLegend
          legendProps={{ verticalAlign: "bottom", height: 40 }}
          curveType="linear"
          series={[
            { name: "Impressions", color: "brand.6" },
            { name: "Dismissed", color: "gray.6" },
            { name: "CTA clicks", color: "teal.6" },
            { name: "Completed", color: "grape.6" },
          ]}
          fillOpacity={0.15}
          withDots={false}
          tickLine="none"
          gridAxis="y"
          yAxisProps={{ allowDecimals: false }}
        />
      )}
    </SectionCard>
  );
}

export function FunnelChart({ data, empty }: { data: FunnelPoint[]; empty: boolean }) {
  return (
    <SectionCard
      title="Step funnel"
      description="How many flows reached each step, and how the ones that ended there ended."
    >
      {empty ? (
        noData
      ) : (
        <>
          <BarChart
            h={260}
            data={data}
            dataKey="step"
            withLegend
            legendProps={{ verticalAlign: "bottom", height: 40 }}
            series={[
              { name: "Reached", color: "brand.6" },
              { name: "Dismissed", color: "gray.6" },
              { name: "CTA clicks", color: "teal.6" },
              { name: "Completed", color: "grape.6" },
            ]}
            tickLine="none"
            gridAxis="y"
            yAxisProps={{ allowDecimals: false }}
            maxBarWidth={36}
          />
          <Text size="xs" c="dimmed">
            Reached = impressions minus flows that ended (dismiss, button, done) on an earlier step.
          </Text>
        </>
      )}
    </SectionCard>
  );
}
