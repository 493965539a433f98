// Calendar arithmetic shared by the store (an order's "arrives by") and the offline model
// ("can I get it by Friday?").

/** `days` working days (Monday–Friday, UTC) after `ms`: day 1 is the next working day. */
export function addBusinessDays(ms: number, days: number): number {
  const d = new Date(ms);
  for (let left = days; left > 0;) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return d.getTime();
}
