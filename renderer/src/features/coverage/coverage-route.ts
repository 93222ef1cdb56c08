/**
 * Where the matrix opens: `#/coverage` (everything), `#/coverage/unit/CS5` (one unit) or
 * `#/coverage/point/CS5.1.1` (every unit, that marking point's row in view with its details open).
 * Links from the readiness page and elsewhere use these; `coveragePath` encodes each id.
 */
export interface CoverageRoute {
  unitId?: string;
  markingPointId?: string;
}

export function parseCoverageRoute(rest: readonly string[]): CoverageRoute {
  const [kind, id] = rest;
  if (id === undefined || id === '') return {};
  if (kind === 'unit') return { unitId: id };
  if (kind === 'point') return { markingPointId: id };
  return {};
}

export function coveragePath(route: CoverageRoute): string {
  if (route.markingPointId !== undefined) return `coverage/point/${encodeURIComponent(route.markingPointId)}`;
  if (route.unitId !== undefined) return `coverage/unit/${encodeURIComponent(route.unitId)}`;
  return 'coverage';
}
