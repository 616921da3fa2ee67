// A chart's frame: a titled <figure> whose drawing is one image with a spoken summary (the numbers themselves are in
// the table below every chart). Recharts measures the DOM, so the drawing appears after hydration; until then (and
// without JavaScript) a box of the same size keeps the layout still.
import { Suspense, useEffect, useState, type ReactNode } from "react";

export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function ChartFigure({
  title,
  summary,
  height = 260,
  note,
  children,
}: {
  title: string;
  /** What the chart shows, in a sentence with its key numbers: the image's accessible name. */
  summary: string;
  height?: number;
  /** Caveats a reader must see next to the drawing (small samples, periods still in progress), as text. */
  note?: ReactNode;
  children: ReactNode;
}) {
  const hydrated = useHydrated();
  return (
    <figure className="chart-figure">
      <figcaption className="chart-title">{title}</figcaption>
      <div role="img" aria-label={summary} className="chart-canvas" style={{ height }}>
        {hydrated ? <Suspense fallback={null}>{children}</Suspense> : null}
      </div>
      {note ? <div className="chart-note">{note}</div> : null}
    </figure>
  );
}
