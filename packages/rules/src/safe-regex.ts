import { type CharSet, EMPTY, overlaps, subsetOf, union } from "./char-set.js";
import { parseRegex, type RegexNode, RegexRejected } from "./regex-parse.js";

export const MAX_REGEX_LENGTH = 512;

/** Counted repeats at least this large are treated like `*` when looking for polynomial blow-up. */
const LARGE_REPEAT = 32;

/** Choice points (optional parts, overlapping alternatives) allowed before we call it unsafe. */
const MAX_AMBIGUOUS_CHOICES = 8;

export type RegexSafety = { safe: true } | { safe: false; reason: string };

function children(node: RegexNode): RegexNode[] {
  if (node.kind === "group") return node.alternatives.flat();
  return node.kind === "repeat" ? [node.body] : [];
}

function some(node: RegexNode, test: (n: RegexNode) => boolean): boolean {
  return test(node) || children(node).some((c) => some(c, test));
}

function nullable(node: RegexNode): boolean {
  switch (node.kind) {
    case "chars":
      return false;
    case "assert":
      return true;
    case "group":
      return node.alternatives.some((seq) => seq.every(nullable));
    case "repeat":
      return node.min === 0 || nullable(node.body);
  }
}

/** Characters a non-empty match of `node` can start with. */
function first(node: RegexNode): CharSet {
  switch (node.kind) {
    case "chars":
      return node.set;
    case "assert":
      return EMPTY;
    case "group":
      return union(...node.alternatives.map(firstOfSequence));
    case "repeat":
      return node.max === 0 ? EMPTY : first(node.body);
  }
}

function firstOfSequence(seq: readonly RegexNode[]): CharSet {
  let set = EMPTY;
  for (const node of seq) {
    set = union(set, first(node));
    if (!nullable(node)) break;
  }
  return set;
}

/** Every character `node` can consume anywhere. */
function reach(node: RegexNode): CharSet {
  return node.kind === "chars" ? node.set : union(...children(node).map(reach));
}

const isLarge = (n: RegexNode): boolean => n.kind === "repeat" && n.max >= LARGE_REPEAT;

/** Whether some alternatives can start with the same character, or one can match empty. */
function alternativesOverlap(node: RegexNode & { kind: "group" }): boolean {
  const firsts: CharSet[] = [];
  for (const alt of node.alternatives) {
    const f = firstOfSequence(alt);
    if (alt.every(nullable) || firsts.some((g) => overlaps(f, g))) return true;
    firsts.push(f);
  }
  return false;
}

/** Star height > 1, or an empty-matching body: exponential backtracking shapes. */
function checkRepeat(node: RegexNode & { kind: "repeat" }): string | null {
  if (node.max <= 1) return null;
  if (some(node.body, (n) => n.kind === "repeat")) {
    return "nested quantifiers (a quantified part inside a repeated group)";
  }
  if (nullable(node.body)) return "a repeated part can match the empty string";
  const ambiguous = (n: RegexNode) =>
    n.kind === "group" && n.alternatives.length > 1 && alternativesOverlap(n);
  return some(node.body, ambiguous)
    ? "alternatives inside a repeated group can start with the same character or match the empty string"
    : null;
}

/** Parenthesised sequences without alternation or quantifier are just brackets: inline them. */
function flatten(seq: readonly RegexNode[]): RegexNode[] {
  return seq.flatMap((node) =>
    node.kind === "group" && node.alternatives.length === 1
      ? flatten(node.alternatives[0]!)
      : [node],
  );
}

const isVariable = (n: RegexNode): boolean => n.kind === "repeat" && n.min < n.max;

/** Characters consumed by the parts of `node` matching `pick` (over-approximates its "tail"). */
function reachOf(node: RegexNode, pick: (n: RegexNode) => boolean): CharSet {
  if (pick(node)) return reach(node);
  return union(...children(node).map((c) => reachOf(c, pick)));
}

/** What the whole-pattern walk accumulates. */
interface Tally {
  choices: number;
}

/**
 * Within one (flattened) sequence, term i "trades characters" with a later term j when i's
 * variable part can consume what j starts with, and can swallow everything between them. Each
 * such i is a choice point (backtracking doubles); a chain of 3+ large repeats trading the same
 * characters (.*a.*a.*b) is polynomial blow-up of degree 3+; two large repeats with only optional
 * parts between them (\d+\d+, .*.*) are rejected outright.
 */
function checkSequence(seq: readonly RegexNode[], tally: Tally): string | null {
  const chain: number[] = seq.map(() => 1);
  for (let i = 0; i < seq.length; i++) {
    const tail = reachOf(seq[i]!, isVariable);
    if (tail.length === 0) continue;
    const largeTail = reachOf(seq[i]!, isLarge);
    let onlyOptionalBetween = true;
    let largeCanSwallow = largeTail.length > 0;
    let trades = false;
    for (let j = i + 1; j < seq.length; j++) {
      const next = seq[j]!;
      const start = first(next);
      if (overlaps(tail, start)) trades = true;
      if (largeCanSwallow && overlaps(largeTail, start) && some(next, isLarge)) {
        if (onlyOptionalBetween) return "adjacent quantifiers can match the same characters";
        chain[j] = Math.max(chain[j]!, chain[i]! + 1);
        if (chain[j]! >= 3) return "three or more quantifiers can trade the same characters";
      }
      if (nullable(next)) continue;
      onlyOptionalBetween = false;
      largeCanSwallow &&= subsetOf(reach(next), largeTail);
      if (!subsetOf(reach(next), tail)) break;
    }
    if (trades) tally.choices++;
  }
  return null;
}

function walkSequence(seq: readonly RegexNode[], tally: Tally): string | null {
  const flat = flatten(seq);
  const r = checkSequence(flat, tally);
  if (r !== null) return r;
  for (const node of flat) {
    const inner = walk(node, tally);
    if (inner !== null) return inner;
  }
  return null;
}

function walk(node: RegexNode, tally: Tally): string | null {
  if (node.kind === "repeat") {
    const r = checkRepeat(node);
    if (r !== null) return r;
    return walkSequence([node.body], tally);
  }
  if (node.kind !== "group") return null;
  if (node.alternatives.length > 1 && alternativesOverlap(node)) tally.choices++;
  for (const alt of node.alternatives) {
    const r = walkSequence(alt, tally);
    if (r !== null) return r;
  }
  return null;
}

function findProblem(root: RegexNode): string | null {
  const tally: Tally = { choices: 0 };
  const r = walkSequence([root], tally);
  if (r !== null) return r;
  return tally.choices > MAX_AMBIGUOUS_CHOICES
    ? `more than ${MAX_AMBIGUOUS_CHOICES} ambiguous choice points`
    : null;
}

/**
 * A conservative, dependency-free static check for `urlRegex` values, the SDK's second line of
 * defence against catastrophic backtracking (the server checks on save). When in doubt it says
 * unsafe. Rejects: > MAX_REGEX_LENGTH chars, syntax errors, backreferences, lookaround, nested
 * quantifiers (star height > 1, even bounded: (.*a){20}), repeated groups whose alternatives can
 * start alike or match empty ((a|ab)*, (\w|\d)+), adjacent unbounded repeats over shared
 * characters (\d+\d+), chains of 3+ unbounded repeats that can trade characters (.*a.*a.*a),
 * and more than MAX_AMBIGUOUS_CHOICES choice points ((a|a) twenty times). Ordinary path patterns (^/app/[^/]+/billing$, ^/(en|fr)/docs,
 * /onboarding(/.*)?$) pass.
 */
export function isLikelySafeRegex(src: string): RegexSafety {
  if (typeof src !== "string") return { safe: false, reason: "not a string" };
  if (src.length > MAX_REGEX_LENGTH) {
    return { safe: false, reason: `longer than ${MAX_REGEX_LENGTH} characters` };
  }
  try {
    new RegExp(src);
  } catch {
    return { safe: false, reason: "not a valid regular expression" };
  }
  try {
    const problem = findProblem(parseRegex(src));
    return problem === null ? { safe: true } : { safe: false, reason: problem };
  } catch (e) {
    return {
      safe: false,
      reason: e instanceof RegexRejected ? e.message : "could not be analysed",
    };
  }
}
