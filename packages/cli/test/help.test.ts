// --help and usage errors are rendered from the commands' declarations: every option shows with its description and
// default, and a typo in a command, subcommand, option or enum value exits 2 naming the nearest right word
import { describe, expect, it } from "vitest";
import type { Command } from "../src/command.js";
import { COMMANDS, GROUPS } from "../src/commands/index.js";
import { main } from "../src/main.js";
import type { Io } from "../src/output.js";
import { nearest } from "../src/suggest.js";
import { bycn } from "./_cli.js";

async function run(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = { out: (s) => (stdout += `${s}\n`), err: (s) => (stderr += `${s}\n`), progress: () => {}, color: false };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

const every: [string[], Command][] = [
  ...COMMANDS.map((c): [string[], Command] => [[c.name], c]),
  ...GROUPS.flatMap((g) => g.subcommands.map((c): [string[], Command] => [[g.name, c.name], c])),
];

describe("--help", () => {
  it.each(every.map(([words, c]) => [words.join(" "), words, c] as const))("bycn %s --help lists every declared option with its description and default", async (_name, words, command) => {
    const r = await run([...words, "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`usage: bycn ${words.join(" ")}`);
    expect(r.stdout).toContain(command.summary);
    const lines = r.stdout.split("\n");
    for (const [name, option] of Object.entries(command.options)) {
      const line = lines.find((l) => new RegExp(`^  (-\\w, )?--${name}\\b`).test(l));
      expect(line, `--${name}`).toBeDefined();
      expect(line).toContain(option.description);
      if (option.default !== undefined) expect(line).toContain(`default: ${String(option.default)}`);
      if (option.type === "enum") expect(line).toContain(option.placeholder === undefined ? option.choices.join("|") : option.choices.join(", "));
    }
    for (const a of command.args ?? []) expect(r.stdout).toMatch(new RegExp(`^  ${a.name} +${a.description.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    expect(command.examples.length).toBeGreaterThan(0);
    for (const e of command.examples) expect(r.stdout).toContain(`  ${e}`);
    // `bycn help <command>` is the same text
    expect((await run(["help", ...words])).stdout).toBe(r.stdout);
  });

  it("check's help, read by hand: the severity threshold, its choices and default", async () => {
    const r = await run(["check", "--help"]);
    expect(r.stdout).toMatch(/^ {2}--fail-on error\|warning +the lowest severity that fails the run with exit 1 \(default: error\)$/m);
    expect(r.stdout).toMatch(/^ {2}--raw DIR +.*\(default: raw\)$/m);
    expect(r.stdout).toMatch(/^usage: bycn check .*\[--format text\|json\|junit\|github\|markdown\]/m);
  });

  it("build, validate and diff by hand: a path default, a number option, two positional arguments", async () => {
    expect((await run(["build", "--help"])).stdout).toMatch(/^ {2}--out DIR +.*\(default: dist\)$/m);
    expect((await run(["validate", "--help"])).stdout).toMatch(/^usage: bycn validate FILE \[--kind KIND\] \[--out DIR\]/m);
    expect((await run(["validate", "--help"])).stdout).toMatch(/^ {2}--threads N +worker threads/m);
    expect((await run(["validate", "--help"])).stdout).toMatch(/^ {2}--kind KIND +.*\(one of: auto, itu-datahub, .*; default: auto\)$/m);
    expect((await run(["diff", "--help"])).stdout).toMatch(/^usage: bycn diff OLD_DIST NEW_DIST /m);
    expect((await run(["diff", "--help"])).stdout).toMatch(/^ {2}--limit N +.*\(default: 20\)$/m);
  });

  it("bycn --help lists every command and subcommand; bare bycn prints it and exits 2", async () => {
    const r = await run(["--help"]);
    expect(r.status).toBe(0);
    for (const [words, c] of every) expect(r.stdout).toMatch(new RegExp(`^  ${words.join(" ")} +${c.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    expect((await run([])).status).toBe(2);
    expect((await run(["claims", "--help"])).stdout).toMatch(/^ {2}extract +propose a draft/m);
  });
});

describe("a typo exits 2 with one line naming the nearest right word, then where help is", () => {
  it.each([
    ["a command", ["chek"], "bycn: unknown command \"chek\"; did you mean `check`?", "bycn --help"],
    ["a top-level option", ["--verison"], "bycn: unknown option --verison; did you mean `--version`?", "bycn --help"],
    ["a command after help", ["help", "vaildate"], "bycn: unknown command \"vaildate\"; did you mean `validate`?", "bycn --help"],
    ["a subcommand", ["claims", "lnt", "x.csv"], "bycn claims: unknown subcommand \"lnt\"; did you mean `lint`?", "bycn claims --help"],
    ["an option", ["check", "--formt", "json"], "bycn check: unknown option --formt; did you mean `--format`?", "bycn check --help"],
    ["an option with =", ["build", "--ot=out-dir"], "bycn build: unknown option --ot; did you mean `--out`?", "bycn build --help"],
    ["an enum value", ["check", "--format", "jsn"], 'bycn check: --format must be one of text, json, junit, github, markdown, not "jsn"; did you mean `json`?', "bycn check --help"],
    ["a subcommand's enum value", ["validate", "x.csv", "--kind", "wbi"], "did you mean `wdi`?", "bycn validate --help"],
  ])("%s", async (_what, argv, message, help) => {
    const r = await run(argv);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const [first, second, ...more] = r.stderr.trimEnd().split("\n");
    expect(first).toContain(message);
    expect(second).toBe(`Run \`${help}\` for help.`);
    expect(more).toEqual([]);
  });

  it("through the real binary, as a shell sees it: exit 2, nothing on stdout, two lines on stderr", () => {
    const r = bycn(["buidl", "--out", "x"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('bycn: unknown command "buidl"; did you mean `build`?\nRun `bycn --help` for help.\n');
  });

  it("a word close to nothing gets no guess, still exit 2 with the pointer", async () => {
    const r = await run(["frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('bycn: unknown command "frobnicate"\nRun `bycn --help` for help.\n');
  });

  it("a number option given a word exits 2 before the command runs", async () => {
    const r = await run(["diff", "a", "b", "--limit", "many"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^bycn diff: --limit must be a number, not "many"\n/);
  });

  it("nearest: within two edits and under half the word, else nothing", () => {
    expect(nearest("buidl", ["build", "check"])).toBe("build");
    expect(nearest("reprot", ["report", "refresh"])).toBe("report");
    expect(nearest("xy", ["diff"])).toBeUndefined();
    expect(nearest("validation", ["validate"])).toBeUndefined();
  });
});
