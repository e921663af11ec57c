// A small TypeScript consumer of the instructor module (pkg/instructor/certa_instructor.js: the
// engine plus `package.feasibility()`, as the instructor preview loads it). `./x test`
// type-checks it with `tsc --noEmit`, so the declarations of the feasibility report stay real.

import init, { Package } from "../../pkg/instructor/certa_instructor.js";
import type { FeasibilityReport, PackageInfo } from "../../pkg/instructor/certa_instructor.js";

export async function feasible(packageJson: string): Promise<boolean> {
  await init();
  const pkg = Package.load(packageJson);
  const info: PackageInfo = pkg.info();
  const report: FeasibilityReport = pkg.feasibility();
  console.log(info.title, report.length, report.usable_items, report.bank_items, report.capacity);
  if (report.exposure) console.log(report.exposure.max_rate, report.proof?.seed);
  for (const row of report.domains) console.log(row.id ?? row.label, row.target, row.available);
  for (const problem of report.problems) console.log(problem);
  pkg.free();
  return report.feasible;
}
