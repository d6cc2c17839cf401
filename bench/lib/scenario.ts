/**
 * The shape every benchmark and chaos scenario has: one file per scenario exporting a
 * {@link Scenario}, run by a suite runner (`bench/run.ts`, `bench/chaos/run.ts`).
 */

/** A threshold the scenario promises; a missed target makes the suite exit 1. */
export interface Target {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ScenarioContext {
  /** The CI variant: small and fast, same targets. */
  quick: boolean;
  /** Progress lines on stderr. */
  log(line: string): void;
}

export interface ScenarioOutcome {
  targets: Target[];
  /**
   * Everything measured, written as JSON to bench/results/<name>[-quick].json with the targets.
   * Undefined: the scenario writes its own results file.
   */
  data?: object;
  /**
   * Markdown body of the scenario's section (without its `## ` heading), written between
   * markers into the suite's document after a full run. Undefined: the scenario writes its own.
   */
  section?: string;
}

export interface Scenario {
  /** File-name-safe id: results file, markers, `--only`. */
  name: string;
  /** The section heading in the document. */
  title: string;
  run(ctx: ScenarioContext): Promise<ScenarioOutcome>;
}

export const target = (name: string, ok: boolean, detail: string): Target => ({
  name,
  ok,
  detail,
});
