/**
 * Fuzzing the Slack front: ≥ 1,000 correctly signed slash commands and interaction payloads of
 * every malformed kind against the real bot (`aurora-bot start --role all`, its own process).
 * The bot must stay up, answer every request (200 with a body for commands; 200, or Bolt's
 * documented 400/404 for payloads it cannot parse or has no listener for), never echo a mention
 * it was fed, and create runs only from valid commands.
 */

import type { BotProcess } from '../lib/bot-process.js';
import { clusterNames } from '../lib/fleet.js';
import { machine } from '../lib/machine.js';
import { runAtGate } from '../lib/run-at-gate.js';
import { type Scenario, type Target, target } from '../lib/scenario.js';
import { type PostAnswer, postToBot, slackHeaders } from '../lib/signed-post.js';
import { openSlackRig } from '../lib/slack-rig.js';
import { round, seededRandom, sleep } from '../lib/stats.js';
import { waitForThreads } from '../lib/thread-delivery.js';
import { type FuzzCase, fuzzCases } from './fuzz-cases.js';
import { classify, createdRunId, INJECTED, oddFields, readable } from './fuzz-classify.js';
import { intentOf, runMatches } from './fuzz-oracle.js';
import { type FuzzCrash, type FuzzData, type FuzzResult, fuzzSection } from './fuzz-report.js';

const SEED = 20_260_811;
const POOL = 40;
export function fuzzTargets(d: FuzzData): Target[] {
  const bad = d.results.filter((r) => !r.ok);
  const fromInvalid = d.runs.createdBy.filter((c) => !c.valid).length;
  return [
    target(
      `at least 1,000 cases (quick: 150)`,
      d.results.length >= d.params.minimum,
      `${d.results.length} sent`,
    ),
    target(
      'crashes 0: the bot process never exits, /healthz answers 200 at the end; no 5xx, no unanswered request',
      d.crashes.length === 0 &&
        d.bot.alive &&
        d.bot.health === 200 &&
        bad.filter((r) => /HTTP 5|no answer/.test(r.outcome)).length === 0,
      `${d.crashes.length} crash(es)${d.crashes.length ? ` (cases ${d.crashes.map((c) => c.id).join(', ')}: ${d.crashes[0]?.error})` : ''}; at the end alive ${d.bot.alive}, /healthz ${d.bot.health}; ${bad.filter((r) => /HTTP 5|no answer/.test(r.outcome)).length} 5xx or unanswered`,
    ),
    target(
      'every request answered as documented (commands: 200 with a reply; payloads: 200, or 400/404)',
      bad.length === 0,
      `${d.results.length - bad.length}/${d.results.length}${bad.length ? `; e.g. case ${bad[0]?.id}: ${bad[0]?.outcome}` : ''}`,
    ),
    target(
      'runs created from invalid input: 0 (every run created is what a valid command asked for)',
      fromInvalid === 0,
      `${d.runs.created} runs created (${d.runs.answeredCreated} answered as created), ${fromInvalid} matching no valid command; ${d.runs.validSent} valid scale-up/plan commands sent (a scale-up of a cluster with a live run is refused as busy)`,
    ),
    target(
      "every run's Slack thread catches up with its audit log",
      d.threads.stuck.length === 0,
      `${d.threads.checked - d.threads.stuck.length}/${d.threads.checked}${d.threads.stuck.length ? `; stuck: ${d.threads.stuck.map((t) => `${t.runId} at entry ${t.next}/${t.entries} (${t.stuckAt ?? 'root'})`).join(', ')}` : ''}`,
    ),
    target(
      'injected mentions echoed unescaped: 0',
      d.injectedEchoes.length === 0,
      `${d.injectedEchoes.length}${d.injectedEchoes.length ? ` (cases ${d.injectedEchoes.slice(0, 5).join(', ')})` : ''}`,
    ),
  ];
}

export const fuzz: Scenario = {
  name: 'fuzz',
  title: 'Fuzzed slash commands and interaction payloads',
  async run({ quick, log }) {
    const count = quick ? 150 : 1200;
    const host = machine();
    const rig = await openSlackRig({
      clusterPrefix: 'fuzz',
      clusters: 4,
      extraClusters: ['prod-db'],
      role: 'all',
      speed: 5000,
      outageScale: 0.02,
      config: { rdsRequestsPerSecond: 100, pollInterval: '100ms', greenPollInterval: '100ms' },
    });
    try {
      const gate = await runAtGate(
        rig,
        `scaleup ${clusterNames('fuzz', 4)[3]} r6g.2xlarge strategy=failover`,
      );
      const cases = fuzzCases(count, seededRandom(SEED), {
        clusters: rig.names,
        gate: {
          runId: gate.runId,
          gateId: gate.gate.id,
          nonce: gate.gate.nonce,
          promptTs: gate.promptTs,
        },
        responseUrl: `${rig.sim.url}response/fuzz`,
      });
      const before = new Set(
        (await rig.bench.engine.listRuns({ limit: 100_000 })).map((r) => r.id),
      );
      const results: FuzzResult[] = [];
      const crashes: FuzzCrash[] = [];
      const logs: string[] = [];
      let restarting: Promise<unknown> | undefined;
      /** Restarts the bot if `dead` is still the current process (once per death). */
      const restart = (dead: BotProcess, why: string) => {
        if (rig.bot !== dead) return restarting;
        restarting ??= (async () => {
          logs.push(...dead.logLines());
          log(`the bot process exited (${why}); restarting it`);
          await rig.restartBot();
        })().finally(() => {
          restarting = undefined;
        });
        return restarting;
      };
      /** Whether `bot` exits within a second (its exit is noticed after the socket closes). */
      const dies = async (bot: BotProcess) =>
        !bot.alive() ||
        (await Promise.race([bot.exited.then(() => true), sleep(1000).then(() => false)]));
      const send = async (bot: BotProcess, c: FuzzCase): Promise<PostAnswer | undefined> => {
        try {
          return await postToBot(bot.url, c.body, slackHeaders(rig.signingSecret, c.body), 15_000);
        } catch {
          return undefined;
        }
      };
      const record = (c: FuzzCase, answer: PostAnswer | undefined, replayed: boolean) => {
        const { outcome, ok } = classify(c, answer);
        results.push({
          id: c.id,
          family: c.family,
          kind: c.kind,
          status: answer?.status ?? 0,
          ms: round(answer?.ms ?? 0, 1),
          outcome,
          ok,
          ...(ok ? {} : { input: (c.text ?? oddFields(c.body) ?? readable(c.body)).slice(0, 200) }),
          replayed,
          ...(answer && c.kind === 'command' ? { runId: createdRunId(answer.text) } : {}),
          injectedEcho: answer !== undefined && INJECTED.test(answer.text),
        });
      };
      // Phase 1: everything, POOL at a time. A request that gets no answer because the bot died
      // (its own or another's fault) is set aside and replayed alone in phase 2.
      const suspects: FuzzCase[] = [];
      const queue = [...cases];
      const started = Date.now();
      await Promise.all(
        Array.from({ length: POOL }, async () => {
          for (let c = queue.shift(); c; c = queue.shift()) {
            await restarting;
            const bot = rig.bot;
            const answer = await send(bot, c);
            if (!answer && (await dies(bot))) {
              suspects.push(c);
              await restart(bot, `during case ${c.id}`);
              continue;
            }
            record(c, answer, false);
            if (results.length % 250 === 0) log(`${results.length}/${cases.length} answered`);
          }
        }),
      );
      // Phase 2: the suspects one after another, each given 200 ms to kill the bot on its own
      // (a crash on a request's arrival takes milliseconds); answers that take longer (Bolt's
      // 404 after 3 s) are awaited in the background and re-sent if a later crash cut them off.
      const retry = suspects.sort((a, b) => a.id - b.id);
      while (retry.length > 0) {
        const background: Promise<void>[] = [];
        for (let c = retry.shift(); c; c = retry.shift()) {
          await restarting;
          const bot = rig.bot;
          const one = c;
          const answered = send(bot, one);
          const early = await Promise.race([answered, sleep(200).then(() => 'waiting' as const)]);
          if (early !== 'waiting' && early !== undefined) {
            record(one, early, true);
            continue;
          }
          if (early === undefined ? await dies(bot) : !bot.alive()) {
            const tail = bot.logTail();
            crashes.push({
              id: one.id,
              family: one.family,
              body: one.body.slice(0, 300),
              error: /\n(\w*Error: [^\n]*)/.exec(tail)?.[1] ?? 'exited',
              at: /\n\s+at (.*)\n/.exec(tail)?.[1] ?? '',
            });
            results.push({
              id: one.id,
              family: one.family,
              kind: one.kind,
              status: 0,
              ms: 0,
              outcome: 'crashed the bot process',
              ok: false,
              replayed: true,
              injectedEcho: false,
            });
            await restart(bot, `case ${one.id} replayed alone`);
            continue;
          }
          background.push(
            answered.then(async (answer) => {
              if (answer) record(one, answer, true);
              else if (await dies(bot)) retry.push(one);
              else record(one, undefined, true);
            }),
          );
        }
        await Promise.all(background);
      }
      const wallS = round((Date.now() - started) / 1000, 1);
      await sleep(1000);
      logs.push(...rig.bot.logLines());
      // Every run created must be what some valid command asked for (answered or not: a crash
      // can cut an answer off after the run was stored).
      const intents = cases.flatMap((c) => {
        const intent = intentOf(c, rig.names);
        return intent ? [{ id: c.id, text: c.text ?? '', intent }] : [];
      });
      const defaultStrategy = rig.bench.config.defaults.strategy;
      const created = (await rig.bench.engine.listRuns({ limit: 100_000 })).filter(
        (r) => !before.has(r.id),
      );
      const createdBy = created.map((run) => {
        const source = intents.find((i) => runMatches(run, i.intent, defaultStrategy));
        return {
          runId: run.id,
          id: source?.id ?? -1,
          text: source?.text ?? '',
          valid: source !== undefined,
        };
      });
      const answeredCreated = results.filter((r) => r.runId !== undefined).length;
      // Fuzzed clicks leave `gate.refused` entries with whatever actor they carried: the outbox
      // must still be able to post every run's thread.
      const threadRuns = [gate.runId, ...created.map((r) => r.id)];
      const stuck = await waitForThreads(rig, threadRuns, quick ? 5000 : 15_000);
      const errors: Record<string, number> = {};
      for (const line of logs) {
        try {
          const entry = JSON.parse(line) as { level?: number; msg?: string };
          if ((entry.level ?? 0) >= 50)
            errors[entry.msg ?? '?'] = (errors[entry.msg ?? '?'] ?? 0) + 1;
        } catch {
          // why: a crash prints a plain stack trace, which the crash list already holds.
        }
      }
      const data: FuzzData = {
        command: quick ? 'npm run chaos -- --quick --only fuzz' : 'npm run chaos -- --only fuzz',
        machine: host,
        params: { count, seed: SEED, pool: POOL, minimum: quick ? 150 : 1000 },
        wallS,
        bot: { alive: rig.bot.alive(), health: await rig.bot.health(), errorLogs: errors },
        crashes,
        threads: { checked: threadRuns.length, stuck },
        runs: {
          created: created.length,
          answeredCreated,
          createdBy,
          validSent: intents.length,
        },
        injectedEchoes: results.filter((r) => r.injectedEcho).map((r) => r.id),
        results: results.sort((a, b) => a.id - b.id),
      };
      const targets = fuzzTargets(data);
      return { targets, data, section: fuzzSection(data, targets) };
    } finally {
      await rig.close();
    }
  },
};
