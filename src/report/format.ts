/** A number for the report's tables: `digits` significant digits, '–' when missing or not finite. */
export const fmt = (x: number | null | undefined, digits = 3): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : Number(x.toPrecision(digits)).toString();
