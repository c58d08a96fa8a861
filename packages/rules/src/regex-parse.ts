import {
  ANY,
  type CharSet,
  complement,
  DIGIT,
  DOT,
  EMPTY,
  SPACE,
  single,
  union,
  WORD,
} from "./char-set.js";

/**
 * A deliberately small model of a JS regex without flags (Annex B syntax), just rich enough
 * for isLikelySafeRegex: which characters each part can consume, what can repeat, what can
 * match empty. Anything it does not model is rejected, never guessed.
 */
export type RegexNode =
  | { kind: "chars"; set: CharSet }
  | { kind: "assert" }
  | { kind: "group"; alternatives: RegexNode[][] }
  | { kind: "repeat"; min: number; max: number; body: RegexNode };

/** Thrown while parsing for anything the safety check refuses; carries the reason. */
export class RegexRejected extends Error {
  override name = "RegexRejected";
}

const QUANTIFIER = /^\{(\d+)(?:(,)(\d*))?\}/;
const HEX2 = /^[0-9a-fA-F]{2}/;
const HEX4 = /^[0-9a-fA-F]{4}/;

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  peek(offset = 0): string {
    return this.src.charAt(this.pos + offset);
  }

  rest(): string {
    return this.src.slice(this.pos);
  }

  parse(): RegexNode {
    const node = this.alternation();
    if (this.pos < this.src.length) throw new RegexRejected("unbalanced parenthesis");
    return node;
  }

  alternation(): RegexNode {
    const alternatives: RegexNode[][] = [this.sequence()];
    while (this.peek() === "|") {
      this.pos++;
      alternatives.push(this.sequence());
    }
    return { kind: "group", alternatives };
  }

  sequence(): RegexNode[] {
    const terms: RegexNode[] = [];
    while (this.pos < this.src.length && this.peek() !== "|" && this.peek() !== ")") {
      terms.push(this.term());
    }
    return terms;
  }

  term(): RegexNode {
    let node = this.atom();
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === "*" || c === "+" || c === "?") {
        this.pos++;
        [min, max] = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
      } else {
        const m = c === "{" ? QUANTIFIER.exec(this.rest()) : null;
        if (m === null) return node;
        this.pos += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      }
      if (this.peek() === "?") this.pos++; // lazy: same language, same backtracking risk
      if (node.kind === "assert" || node.kind === "repeat") {
        throw new RegexRejected("a quantifier follows an assertion or another quantifier");
      }
      node = { kind: "repeat", min, max, body: node };
    }
  }

  atom(): RegexNode {
    const c = this.peek();
    this.pos++;
    switch (c) {
      case "^":
      case "$":
        return { kind: "assert" };
      case ".":
        return { kind: "chars", set: DOT };
      case "(":
        return this.group();
      case "[":
        return { kind: "chars", set: this.charClass() };
      case "\\":
        return this.escape();
      case "*":
      case "+":
      case "?":
        throw new RegexRejected("nothing to repeat");
      default:
        return { kind: "chars", set: single(c.charCodeAt(0)) };
    }
  }

  group(): RegexNode {
    const head = this.rest();
    if (head.startsWith("?=") || head.startsWith("?!")) {
      throw new RegexRejected("lookahead is not allowed");
    }
    if (head.startsWith("?<=") || head.startsWith("?<!")) {
      throw new RegexRejected("lookbehind is not allowed");
    }
    if (head.startsWith("?:")) {
      this.pos += 2;
    } else if (head.startsWith("?<")) {
      const close = this.src.indexOf(">", this.pos);
      if (close < 0) throw new RegexRejected("unterminated group name");
      this.pos = close + 1;
    } else if (head.startsWith("?")) {
      throw new RegexRejected("unsupported group syntax");
    }
    const node = this.alternation();
    if (this.peek() !== ")") throw new RegexRejected("unbalanced parenthesis");
    this.pos++;
    return node;
  }

  /** Escapes shared by classes and the pattern; null when the caller must decide. */
  commonEscape(c: string): CharSet | null {
    switch (c) {
      case "d":
        return DIGIT;
      case "D":
        return complement(DIGIT);
      case "w":
        return WORD;
      case "W":
        return complement(WORD);
      case "s":
        return SPACE;
      case "S":
        return complement(SPACE);
      case "n":
        return single(0x0a);
      case "r":
        return single(0x0d);
      case "t":
        return single(0x09);
      case "v":
        return single(0x0b);
      case "f":
        return single(0x0c);
      case "x": {
        const m = HEX2.exec(this.rest());
        if (m === null) return single(0x78);
        this.pos += 2;
        return single(Number.parseInt(m[0], 16));
      }
      case "u": {
        const m = HEX4.exec(this.rest());
        if (m === null) throw new RegexRejected("\\u escape without 4 hex digits");
        this.pos += 4;
        return single(Number.parseInt(m[0], 16));
      }
      case "c": {
        const letter = this.peek();
        if (!/^[A-Za-z]$/.test(letter)) throw new RegexRejected("\\c without a control letter");
        this.pos++;
        return single(letter.charCodeAt(0) % 32);
      }
      case "0":
        if (/^\d$/.test(this.peek())) throw new RegexRejected("octal escapes are not allowed");
        return single(0);
      case "k":
        throw new RegexRejected("backreferences are not allowed");
      default:
        return null;
    }
  }

  escape(): RegexNode {
    const c = this.peek();
    this.pos++;
    if (c === "b" || c === "B") return { kind: "assert" };
    if (/^[1-9]$/.test(c)) throw new RegexRejected("backreferences are not allowed");
    const set = this.commonEscape(c);
    return { kind: "chars", set: set ?? single(c.charCodeAt(0)) };
  }

  /** One class member: its set, and its code unit when it can be a range bound. */
  classAtom(): { set: CharSet; unit: number | null } {
    const c = this.peek();
    this.pos++;
    if (c !== "\\") return { set: single(c.charCodeAt(0)), unit: c.charCodeAt(0) };
    const e = this.peek();
    this.pos++;
    if (e === "b") return { set: single(8), unit: 8 };
    // Annex B octal escapes and \k inside classes: not worth modelling, assume anything.
    if (/^[1-9]$/.test(e)) return { set: ANY, unit: null };
    const set = this.commonEscape(e);
    if (set === null) return { set: single(e.charCodeAt(0)), unit: e.charCodeAt(0) };
    const only = set.length === 1 && set[0]![0] === set[0]![1] ? set[0]![0] : null;
    return { set, unit: "dDwWsS".includes(e) ? null : only };
  }

  charClass(): CharSet {
    const negate = this.peek() === "^";
    if (negate) this.pos++;
    let set = EMPTY;
    for (;;) {
      if (this.pos >= this.src.length) throw new RegexRejected("unterminated character class");
      if (this.peek() === "]") {
        this.pos++;
        return negate ? complement(set) : set;
      }
      const from = this.classAtom();
      if (this.peek() === "-" && this.peek(1) !== "]" && this.pos + 1 < this.src.length) {
        this.pos++;
        const to = this.classAtom();
        if (from.unit !== null && to.unit !== null) {
          if (from.unit > to.unit) throw new RegexRejected("range out of order in class");
          set = union(set, [[from.unit, to.unit]]);
        } else {
          // Annex B: [\d-z] is \d, "-" and "z".
          set = union(set, from.set, single(0x2d), to.set);
        }
      } else {
        set = union(set, from.set);
      }
    }
  }
}

/** Parses `src` (already known to compile as a RegExp) or throws RegexRejected. */
export function parseRegex(src: string): RegexNode {
  return new Parser(src).parse();
}
