import { AreaChart } from "@mantine/charts";
import type { ArmAnalysis } from "@nudge/schema";
import { useMemo } from "react";
import { formatPercent } from "../../ui/format";
import { posteriorSeries, RATE_KEY } from "./posterior-series";

const treatmentColors = ["brand.6", "teal.6", "grape.6", "orange.6", "cyan.6", "pink.6"];

/**
 * Each arm's Beta posterior of its conversion rate: where a curve is tall, that rate is likely;
 * a narrow curve means a sure estimate; curves that overlap mean the arms may not differ.
 */
export function PosteriorChart({ arms }: { arms: readonly ArmAnalysis[] }) {
  const { points, domain, ticks } = useMemo(
    () =>
      posteriorSeries(
        arms.map((a) => ({ key: a.key, alpha: a.posterior.alpha, beta: a.posterior.beta })),
      ),
    [arms],
  );
  let next = 0;
  const series = arms.map((a) => ({
    name: a.key,
    color: a.isControl ? "gray.6" : treatmentColors[next++ % treatmentColors.length]!,
  }));
  return (
    <AreaChart
      h={280}
      data={points}
      dataKey={RATE_KEY}
      series={series}
      curveType="monotone"
      withDots={false}
      fillOpacity={0.15}
      withLegend
      legendProps={{ verticalAlign: "bottom", height: 40 }}
      withYAxis={false}
      gridAxis="none"
      tickLine="x"
      xAxisLabel="Conversion rate"
      xAxisProps={{
        type: "number",
        domain,
        ticks,
        allowDataOverflow: true,
        tickFormatter: (v: number) => formatPercent(v),
      }}
      valueFormatter={(v) => v.toFixed(1)}
      tooltipProps={{
        labelFormatter: (label) => `Conversion rate ${formatPercent(Number(label))}`,
      }}
      data-testid="posterior-chart"
    />
  );
}
