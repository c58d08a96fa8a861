#!/usr/bin/env python3
"""Writes spec/cases.json, the language-neutral conformance suite of @nudge/rules.

Run:  python3 packages/rules/spec/generate-cases.py && npx biome format --write packages/rules/spec

Hash and bucket expectations are COMPUTED HERE, by an independent FNV-1a written in Python over
UTF-8 bytes (never by the TypeScript implementation), and cross-checked against published FNV
test vectors. Every other expectation (arms, filters, paths, regex safety, evaluate) is written
by hand from SPEC.md sections 3, 4 and 6; this script only assembles inputs (e.g. turns ISO
times into epoch ms) so the JSON stays consistent.
"""

import json
import pathlib
from datetime import datetime, timezone

# --- hashing, independent of the TS code -------------------------------------------------------


def utf8(s: str) -> bytes:
    # Lone surrogates become U+FFFD, exactly what a WHATWG TextEncoder does; valid pairs (which
    # Python may hold as two code points after json.loads of "\ud83c\udf89") are combined.
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace").encode("utf-8")


def fnv1a32(s: str) -> int:
    h = 0x811C9DC5
    for b in utf8(s):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


# Published vectors (http://www.isthe.com/chongo/tech/comp/fnv/ test suite; SPEC §6 for "a").
assert fnv1a32("") == 0x811C9DC5
assert fnv1a32("a") == 0xE40C292C
assert fnv1a32("foobar") == 0xBF9CF968


def bucket(flag: str, distinct_id: str) -> float:
    return (fnv1a32(flag + ":" + distinct_id) % 10000) / 10000


HASH_INPUTS = [
    "",
    "a",
    "b",
    "foobar",
    "user_123",
    "exp_1:user_123",
    "anonymous-7f3c9a2e-4b1d-4c8e-9f00-123456789abc",
    "a@example.com",
    "é",
    "café",
    "日本語",
    "ユーザー:42",
    "🎉",
    "party🎉time",
    "👩‍💻",
    "x" * 300,
]

BUCKET_INPUTS = [
    ["exp_1", "user_123"],
    ["exp_1", "user_124"],
    ["exp_1", ""],
    ["", ""],
    ["checkout-test", "a@example.com"],
    ["onboarding_tour", "anonymous-7f3c9a2e"],
    ["exp_1", "café"],
    ["exp_1", "日本語ユーザー"],
    ["exp_1", "🎉"],
    ["exp_🎉", "user:with:colons"],
]

# --- arms (hand-written) -----------------------------------------------------------------------

AB = [{"key": "control", "weight": 50}, {"key": "treatment", "weight": 50}]
HALVES = [{"key": "control", "weight": 0.5}, {"key": "treatment", "weight": 0.5}]
THREE = [{"key": "a", "weight": 1}, {"key": "b", "weight": 1}, {"key": "c", "weight": 2}]
ASSIGN_ARM = [
    [AB, 0, "control"],
    [AB, 0.4999, "control"],
    [AB, 0.5, "treatment"],
    [AB, 0.9999, "treatment"],
    [HALVES, 0.4999, "control"],
    [HALVES, 0.5, "treatment"],
    [[{"key": "control", "weight": 100}, {"key": "treatment", "weight": 0}], 0.9999, "control"],
    [[{"key": "control", "weight": 0}, {"key": "treatment", "weight": 100}], 0, "treatment"],
    [[{"key": "a", "weight": 50}, {"key": "b", "weight": 0}, {"key": "c", "weight": 50}], 0.5, "c"],
    [THREE, 0.2499, "a"],
    [THREE, 0.25, "b"],
    [THREE, 0.4999, "b"],
    [THREE, 0.5, "c"],
    [[{"key": "x", "weight": 10}, {"key": "y", "weight": 90}], 0.0999, "x"],
    [[{"key": "x", "weight": 10}, {"key": "y", "weight": 90}], 0.1, "y"],
    [[{"key": "only", "weight": 1}], 0.9999, "only"],
    [[{"key": "a", "weight": 0}, {"key": "b", "weight": 0}], 0.3, None],
    [[], 0.3, None],
]

# --- filters (hand-written) --------------------------------------------------------------------

T = {
    "plan": "pro",
    "seats": 12,
    "beta": True,
    "optedOut": False,
    "nickname": "",
    "email": "Ada@Example.com",
    "tags": ["admin", "early", 7],
    "signedUpAt": "2026-03-01T09:00:00Z",
    "lastSeenMs": 1767225600000,
    "score": "42",
    "deleted": None,
}


SIGNED_UP_MS = int(datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc).timestamp() * 1000)
assert T["lastSeenMs"] == int(datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp() * 1000)


def leaf(trait, op, value=None):
    f = {"trait": trait, "op": op}
    if value is not None:
        f["value"] = value
    return f


def nest_and(depth):
    """`depth` levels in total: (depth - 1) single-child ands around one leaf."""
    f = leaf("plan", "exists")
    for _ in range(depth - 1):
        f = {"and": [f]}
    return f


FILTER = [
    ["eq string", leaf("plan", "eq", "pro"), T, True],
    ["eq string mismatch", leaf("plan", "eq", "free"), T, False],
    ["eq is case-sensitive", leaf("plan", "eq", "Pro"), T, False],
    ["eq number", leaf("seats", "eq", 12), T, True],
    ["eq no coercion number vs string", leaf("seats", "eq", "12"), T, False],
    ["eq no coercion string vs number", leaf("score", "eq", 42), T, False],
    ["eq boolean", leaf("beta", "eq", True), T, True],
    ["eq false boolean", leaf("optedOut", "eq", False), T, True],
    ["eq missing trait", leaf("country", "eq", "fr"), T, False],
    ["eq null trait counts as missing", leaf("deleted", "eq", "x"), T, False],
    ["neq different", leaf("plan", "neq", "free"), T, True],
    ["neq same", leaf("plan", "neq", "pro"), T, False],
    ["neq missing trait", leaf("country", "neq", "fr"), T, True],
    ["neq no coercion", leaf("seats", "neq", "12"), T, True],
    ["in hit", leaf("plan", "in", ["pro", "enterprise"]), T, True],
    ["in miss", leaf("plan", "in", ["free", "starter"]), T, False],
    ["in number", leaf("seats", "in", [10, 12]), T, True],
    ["in no coercion", leaf("seats", "in", ["12"]), T, False],
    ["in empty list", leaf("plan", "in", []), T, False],
    ["in missing trait", leaf("country", "in", ["fr"]), T, False],
    ["in with non-array value is malformed", leaf("plan", "in", "pro"), T, False],
    ["nin hit", leaf("plan", "nin", ["pro"]), T, False],
    ["nin miss", leaf("plan", "nin", ["free"]), T, True],
    ["nin empty list", leaf("plan", "nin", []), T, True],
    ["nin missing trait", leaf("country", "nin", ["fr"]), T, True],
    ["contains substring", leaf("email", "contains", "@Example"), T, True],
    ["contains is case-sensitive", leaf("email", "contains", "@example"), T, False],
    ["contains array element", leaf("tags", "contains", "admin"), T, True],
    ["contains array number element", leaf("tags", "contains", 7), T, True],
    ["contains array missing element", leaf("tags", "contains", "owner"), T, False],
    ["contains on number trait", leaf("seats", "contains", "1"), T, False],
    ["contains missing trait", leaf("country", "contains", "f"), T, False],
    ["gt pass", leaf("seats", "gt", 10), T, True],
    ["gt equal fails", leaf("seats", "gt", 12), T, False],
    ["gte equal passes", leaf("seats", "gte", 12), T, True],
    ["gte fail", leaf("seats", "gte", 13), T, False],
    ["lt pass", leaf("seats", "lt", 13), T, True],
    ["lt equal fails", leaf("seats", "lt", 12), T, False],
    ["lte equal passes", leaf("seats", "lte", 12), T, True],
    ["lte fail", leaf("seats", "lte", 11), T, False],
    ["gt numeric string trait is not coerced", leaf("score", "gt", 1), T, False],
    ["gt missing trait", leaf("country", "gt", 1), T, False],
    ["gt with string value is malformed", leaf("seats", "gt", "10"), T, False],
    ["exists present", leaf("plan", "exists"), T, True],
    ["exists false boolean", leaf("optedOut", "exists"), T, True],
    ["exists empty string", leaf("nickname", "exists"), T, True],
    ["exists missing", leaf("country", "exists"), T, False],
    ["exists null", leaf("deleted", "exists"), T, False],
    ["exists ignores prototype keys", leaf("constructor", "exists"), T, False],
    ["not_exists missing", leaf("country", "not_exists"), T, True],
    ["not_exists null", leaf("deleted", "not_exists"), T, True],
    ["not_exists present", leaf("plan", "not_exists"), T, False],
    ["before pass", leaf("signedUpAt", "before", "2026-04-01T00:00:00Z"), T, True],
    ["before fail", leaf("signedUpAt", "before", "2026-02-01T00:00:00Z"), T, False],
    ["before equal fails", leaf("signedUpAt", "before", "2026-03-01T09:00:00Z"), T, False],
    ["before with offset", leaf("signedUpAt", "before", "2026-03-01T10:00:00+00:30"), T, True],
    ["after pass", leaf("signedUpAt", "after", "2026-01-01"), T, True],
    ["after fail", leaf("signedUpAt", "after", "2026-06-01"), T, False],
    ["after epoch-ms trait", leaf("lastSeenMs", "after", "2025-12-31T23:59:59.999Z"), T, True],
    ["before epoch-ms value", leaf("signedUpAt", "before", SIGNED_UP_MS + 1), T, True],
    ["before epoch-ms value equal fails", leaf("signedUpAt", "before", SIGNED_UP_MS), T, False],
    ["after offset-less date-time is UTC", leaf("signedUpAt", "after", "2026-03-01T08:59:59"), T, True],
    ["after non-date trait", leaf("plan", "after", "2020-01-01"), T, False],
    ["after missing trait", leaf("country", "after", "2020-01-01"), T, False],
    ["before with invalid value is malformed", leaf("signedUpAt", "before", "soon"), T, False],
    ["before impossible date is malformed", leaf("signedUpAt", "before", "2026-02-30"), T, False],
    ["unknown op is malformed", leaf("plan", "equals", "pro"), T, False],
    ["empty and", {"and": []}, T, True],
    ["empty or", {"or": []}, T, False],
    ["and all true", {"and": [leaf("plan", "eq", "pro"), leaf("seats", "gte", 10)]}, T, True],
    ["and one false", {"and": [leaf("plan", "eq", "pro"), leaf("seats", "gte", 20)]}, T, False],
    ["or one true", {"or": [leaf("plan", "eq", "free"), leaf("beta", "eq", True)]}, T, True],
    ["or none true", {"or": [leaf("plan", "eq", "free"), leaf("beta", "eq", False)]}, T, False],
    ["not true", {"not": leaf("plan", "eq", "pro")}, T, False],
    ["not of missing-trait eq", {"not": leaf("country", "eq", "fr")}, T, True],
    [
        "nested and/or/not",
        {
            "and": [
                {"or": [leaf("plan", "eq", "enterprise"), leaf("tags", "contains", "early")]},
                {"not": {"and": [leaf("beta", "eq", True), leaf("seats", "lt", 5)]}},
            ]
        },
        T,
        True,
    ],
    ["malformed under not stays false", {"not": leaf("plan", "equals", "x")}, T, False],
    ["malformed branch fails a true or", {"or": [leaf("plan", "eq", "pro"), {"op": "eq"}]}, T, False],
    ["two node kinds in one object", {"and": [], "or": []}, T, False],
    ["depth 32 is allowed", nest_and(32), T, True],
    ["depth 33 is too deep", nest_and(33), T, False],
    ["traits not an object", leaf("plan", "not_exists"), None, False],
]

# --- paths (hand-written; unanchored RegExp#test semantics, no flags) --------------------------

MATCHES_PATH = [
    ["null regex matches every path", None, "/anything", True],
    ["empty regex matches every path", "", "/anything", True],
    ["anchored prefix", "^/settings", "/settings/profile", True],
    ["anchored prefix mismatch", "^/settings", "/app/settings", False],
    ["unanchored search", "billing", "/app/42/billing", True],
    ["segment wildcard", "^/app/[^/]+/billing$", "/app/42/billing", True],
    ["segment wildcard is one segment", "^/app/[^/]+/billing$", "/app/42/x/billing", False],
    ["alternation", "^/(en|fr)/docs", "/fr/docs/intro", True],
    ["alternation miss", "^/(en|fr)/docs", "/de/docs", False],
    ["optional suffix bare", "/onboarding(/.*)?$", "/onboarding", True],
    ["optional suffix deep", "/onboarding(/.*)?$", "/onboarding/step/2", True],
    ["optional suffix other word", "/onboarding(/.*)?$", "/onboardingx", False],
    ["digits", "^/users/\\d+$", "/users/123", True],
    ["digits reject letters", "^/users/\\d+$", "/users/abc", False],
    ["case-sensitive", "^/Settings", "/settings", False],
    ["escaped dot", "^/file\\.pdf$", "/filexpdf", False],
    ["invalid regex matches nothing", "[", "/[", False],
    ["invalid regex with unbalanced paren", "^/(a", "/a", False],
]

# --- regex safety (hand-written; conservative: doubt = unsafe) ---------------------------------

SAFE_REGEX = [
    ["^/settings", True],
    ["^/app/[^/]+/billing$", True],
    ["^/(en|fr)/docs", True],
    ["/onboarding(/.*)?$", True],
    ["^/users/\\d+$", True],
    ["^/products/[a-z0-9-]+$", True],
    ["^/(a|b)*$", True],
    ["^/docs/.*/edit$", True],
    ["^/team/(?<id>[0-9]+)$", True],
    ["^/app/.*/settings/.*$", True],
    ["^/blog/\\d{4}/\\d{2}/[a-z0-9-]+$", True],
    ["/checkout|/cart", True],
    ["(a+)+", False],
    ["(a*)*", False],
    ["(.*a){20}", False],
    ["^(\\w+\\s?)*$", False],
    ["(a|a)*", False],
    ["(a|ab)*", False],
    ["(\\w|\\d)+", False],
    ["(a|)+", False],
    ["\\d+\\d+", False],
    [".*a.*a.*a.*b", False],
    ["(a|a)" * 20 + "b", False],
    ["(a)\\1", False],
    ["(?<x>a)\\k<x>", False],
    ["(?=/app)/", False],
    ["(?!/app)/", False],
    ["(?<=/app)/x", False],
    ["(?<!/app)/x", False],
    ["[", False],
    ["(", False],
    ["*", False],
    ["/" + "a" * 512, False],
]

# --- evaluate (hand-written expectations) ------------------------------------------------------


def ms(iso: str) -> int:
    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)


NOW_ISO = "2026-11-20T12:00:00.000Z"
NOW = ms(NOW_ISO)
HOUR = 3_600_000
DAY = 24 * HOUR
MINUTE = 60_000
DELETE = object()

BASE_HISTORY = {
    "impressions": 0,
    "lastImpressionAt": None,
    "terminals": 0,
    "lastTerminalAt": None,
    "lastDismissAt": None,
}
BASE_BUDGET = {"impressionsLast24h": 0, "impressionsLast7d": 0, "lastImpressionAt": None}
SEGMENTS = {
    "seg_pro": {"trait": "plan", "op": "eq", "value": "pro"},
    "seg_eu_power": {
        "and": [
            {"trait": "region", "op": "in", "value": ["eu", "uk"]},
            {"trait": "sessions", "op": "gte", "value": 10},
        ]
    },
}
BUDGET = {"maxPerDay": 3, "maxPerWeek": 10, "minMinutesBetween": 30}


def merge(base, extra):
    out = dict(base)
    for k, v in (extra or {}).items():
        if v is DELETE:
            out.pop(k, None)
        else:
            out[k] = v
    return out


def ev(name, failed, message=None, user=None, history=None, budget=None, context=None, now=NOW_ISO):
    return {
        "name": name,
        "message": merge({"id": "msg_1", "status": "active"}, message),
        "user": merge(
            {
                "distinctId": "user_1",
                "traits": {"plan": "pro", "region": "eu", "sessions": 12},
                "churnProb": None,
                "history": merge(BASE_HISTORY, history),
                "budget": merge(BASE_BUDGET, budget),
            },
            user,
        ),
        "context": merge(
            {
                "segments": SEGMENTS,
                "topNThresholds": {"10": 0.8},
                "attentionBudget": None,
                "enforcer": "server",
            },
            context,
        ),
        "now": now,
        "expected": {"visible": not failed, "failed": failed},
    }


def score(gt=None, top=None):
    a = {"type": "score"}
    if gt is not None:
        a["churnProbGt"] = gt
    if top is not None:
        a["topN"] = top
    return {"audience": a}


def freq(**f):
    return {"frequency": f}


TRAITS_PRO = {"audience": {"type": "traits", "filter": {"trait": "plan", "op": "eq", "value": "pro"}}}
IGNORE = {"ignoreBudget": True}
WITH_BUDGET = {"attentionBudget": BUDGET}

EVALUATE = [
    ev("plain active message is visible", []),
    ev("draft", ["status"], message={"status": "draft"}),
    ev("paused", ["status"], message={"status": "paused"}),
    ev("unknown status fails closed", ["status"], message={"status": "archived"}),
    ev("null schedule", [], message={"schedule": None}),
    ev("empty schedule", [], message={"schedule": {"startsAt": None, "endsAt": None}}),
    ev("1 ms before startsAt", ["schedule"], message={"schedule": {"startsAt": "2026-11-20T12:00:00.001Z"}}),
    ev("exactly at startsAt", [], message={"schedule": {"startsAt": NOW_ISO}}),
    ev("1 ms before endsAt", [], message={"schedule": {"endsAt": "2026-11-20T12:00:00.001Z"}}),
    ev("exactly at endsAt", ["schedule"], message={"schedule": {"endsAt": NOW_ISO}}),
    ev(
        "inside a window",
        [],
        message={"schedule": {"startsAt": "2026-11-01T00:00:00Z", "endsAt": "2026-12-01T00:00:00Z"}},
    ),
    ev(
        "offset-less startsAt is UTC",
        ["schedule"],
        message={"schedule": {"startsAt": "2026-11-20T12:00:00.001"}},
    ),
    ev("startsAt with offset", [], message={"schedule": {"startsAt": "2026-11-20T13:00:00+01:00"}}),
    ev("unparseable startsAt fails closed", ["schedule"], message={"schedule": {"startsAt": "next tuesday"}}),
    ev("unparseable endsAt fails closed", ["schedule"], message={"schedule": {"endsAt": "2026-13-01"}}),
    ev("score without churnProb never qualifies", ["audience"], message=score(gt=0.5)),
    ev("churnProbGt above", [], message=score(gt=0.5), user={"churnProb": 0.6}),
    ev("churnProbGt equal is not above", ["audience"], message=score(gt=0.5), user={"churnProb": 0.5}),
    ev("topN at threshold qualifies", [], message=score(top=10), user={"churnProb": 0.8}),
    ev("topN below threshold", ["audience"], message=score(top=10), user={"churnProb": 0.79}),
    ev("topN without churnProb", ["audience"], message=score(top=10)),
    ev("topN 0 includes no one", ["audience"], message=score(top=0), user={"churnProb": 1}),
    ev(
        "topN with fewer scored users than N",
        [],
        message=score(top=10),
        user={"churnProb": 0.01},
        context={"topNThresholds": {}},
    ),
    ev("score both hold", [], message=score(gt=0.5, top=10), user={"churnProb": 0.85}),
    ev("score gt holds, topN fails", ["audience"], message=score(gt=0.5, top=10), user={"churnProb": 0.7}),
    ev("score topN holds, gt fails", ["audience"], message=score(gt=0.9, top=10), user={"churnProb": 0.85}),
    ev("score audience without limits needs a score", [], message=score(), user={"churnProb": 0.1}),
    ev("segment match", [], message={"audience": {"type": "segment", "segmentId": "seg_pro"}}),
    ev(
        "segment no match",
        ["audience"],
        message={"audience": {"type": "segment", "segmentId": "seg_pro"}},
        user={"traits": {"plan": "free"}},
    ),
    ev("compound segment", [], message={"audience": {"type": "segment", "segmentId": "seg_eu_power"}}),
    ev(
        "unknown segment fails closed",
        ["audience"],
        message={"audience": {"type": "segment", "segmentId": "seg_gone"}},
    ),
    ev("traits audience match", [], message=TRAITS_PRO),
    ev("traits audience no match", ["audience"], message=TRAITS_PRO, user={"traits": {}}),
    ev("unknown audience type fails closed", ["audience"], message={"audience": {"type": "cohort"}}),
    ev("default cap is ever", ["cap"], history={"terminals": 1, "lastTerminalAt": NOW - 30 * DAY}),
    ev("cap ever without terminals", [], message=freq(cap="ever"), history={"impressions": 4}),
    ev("cap ever after a terminal", ["cap"], message=freq(cap="ever"), history={"terminals": 1, "lastTerminalAt": NOW - 400 * DAY}),
    ev("cap day 1 ms before 24h", ["cap"], message=freq(cap="day"), history={"terminals": 1, "lastTerminalAt": NOW - DAY + 1}),
    ev("cap day exactly 24h", [], message=freq(cap="day"), history={"terminals": 1, "lastTerminalAt": NOW - DAY}),
    ev("cap day never", [], message=freq(cap="day")),
    ev("cap day future terminal", ["cap"], message=freq(cap="day"), history={"terminals": 1, "lastTerminalAt": NOW + HOUR}),
    ev(
        "cap session on server is not filtered",
        [],
        message=freq(cap="session"),
        history={"terminals": 3, "lastTerminalAt": NOW - 1, "shownThisSession": True},
    ),
    ev(
        "cap session default enforcer is server",
        [],
        message=freq(cap="session"),
        history={"shownThisSession": True},
        context={"enforcer": DELETE},
    ),
    ev("cap session in sdk, shown", ["cap"], message=freq(cap="session"), history={"shownThisSession": True}, context={"enforcer": "sdk"}),
    ev("cap session in sdk, not shown", [], message=freq(cap="session"), history={"shownThisSession": False}, context={"enforcer": "sdk"}),
    ev("cap none ignores terminals", [], message=freq(cap="none"), history={"terminals": 9, "lastTerminalAt": NOW - 1}),
    ev("unknown cap fails closed", ["cap"], message=freq(cap="weekly")),
    ev("maxImpressions below", [], message=freq(cap="none", maxImpressions=3), history={"impressions": 2}),
    ev("maxImpressions reached", ["max_impressions"], message=freq(cap="none", maxImpressions=3), history={"impressions": 3}),
    ev("maxImpressions 0", ["max_impressions"], message=freq(maxImpressions=0)),
    ev(
        "minIntervalHours 1 ms early",
        ["min_interval"],
        message=freq(minIntervalHours=4),
        history={"impressions": 1, "lastImpressionAt": NOW - 4 * HOUR + 1},
    ),
    ev(
        "minIntervalHours exactly",
        [],
        message=freq(minIntervalHours=4),
        history={"impressions": 1, "lastImpressionAt": NOW - 4 * HOUR},
    ),
    ev("minIntervalHours never shown", [], message=freq(minIntervalHours=4)),
    ev(
        "minIntervalHours fractional",
        ["min_interval"],
        message=freq(minIntervalHours=0.5),
        history={"impressions": 1, "lastImpressionAt": NOW - 30 * MINUTE + 1},
    ),
    ev(
        "dismissDays 1 ms early",
        ["dismiss_days"],
        message=freq(cap="none", dismissDays=7),
        history={"terminals": 1, "lastTerminalAt": NOW - 7 * DAY + 1, "lastDismissAt": NOW - 7 * DAY + 1},
    ),
    ev(
        "dismissDays exactly",
        [],
        message=freq(cap="none", dismissDays=7),
        history={"terminals": 1, "lastTerminalAt": NOW - 7 * DAY, "lastDismissAt": NOW - 7 * DAY},
    ),
    ev("dismissDays never dismissed", [], message=freq(cap="none", dismissDays=7), history={"terminals": 1, "lastTerminalAt": NOW - HOUR}),
    ev("budget maxPerDay below", [], budget={"impressionsLast24h": 2, "impressionsLast7d": 2}, context=WITH_BUDGET),
    ev("budget maxPerDay reached", ["budget_day"], budget={"impressionsLast24h": 3, "impressionsLast7d": 3}, context=WITH_BUDGET),
    ev("budget maxPerWeek below", [], budget={"impressionsLast7d": 9}, context=WITH_BUDGET),
    ev("budget maxPerWeek reached", ["budget_week"], budget={"impressionsLast7d": 10}, context=WITH_BUDGET),
    ev(
        "budget interval 1 ms early",
        ["budget_interval"],
        budget={"impressionsLast24h": 1, "impressionsLast7d": 1, "lastImpressionAt": NOW - 30 * MINUTE + 1},
        context=WITH_BUDGET,
    ),
    ev(
        "budget interval exactly",
        [],
        budget={"impressionsLast24h": 1, "impressionsLast7d": 1, "lastImpressionAt": NOW - 30 * MINUTE},
        context=WITH_BUDGET,
    ),
    ev(
        "ignoreBudget exempts from every budget rule",
        [],
        message=IGNORE,
        budget={"impressionsLast24h": 3, "impressionsLast7d": 10, "lastImpressionAt": NOW - 1},
        context=WITH_BUDGET,
    ),
    ev(
        "ignoreBudget does not exempt from frequency",
        ["max_impressions"],
        message={**IGNORE, **freq(maxImpressions=1)},
        history={"impressions": 1, "lastImpressionAt": NOW - DAY},
        context=WITH_BUDGET,
    ),
    ev(
        "only the configured budget field applies",
        [],
        budget={"impressionsLast24h": 50, "impressionsLast7d": 50, "lastImpressionAt": NOW - 1},
        context={"attentionBudget": {"maxPerWeek": 100}},
    ),
    ev(
        "no budget configured ignores budget history",
        [],
        budget={"impressionsLast24h": 50, "impressionsLast7d": 50, "lastImpressionAt": NOW - 1},
    ),
    ev(
        "several rules fail at once",
        ["status", "audience", "dismiss_days", "budget_day", "budget_interval"],
        message={"status": "paused", **TRAITS_PRO, **freq(cap="none", dismissDays=1)},
        user={"traits": {"plan": "free"}},
        history={"terminals": 1, "lastTerminalAt": NOW - HOUR, "lastDismissAt": NOW - HOUR},
        budget={"impressionsLast24h": 3, "impressionsLast7d": 3, "lastImpressionAt": NOW - MINUTE},
        context=WITH_BUDGET,
    ),
    ev("experiment arm evaluates like a message", [], message={"experimentId": "exp_1"}),
    ev("missing terminals count fails closed", ["cap"], history={"terminals": DELETE}),
    ev("negative impressions fail closed", ["max_impressions"], message=freq(maxImpressions=3), history={"impressions": -1}),
]

# --- write -------------------------------------------------------------------------------------

cases = {
    "version": 1,
    "sources": {
        "fnv1a32": "Computed by an independent Python 3 FNV-1a (offset 0x811c9dc5, prime 0x01000193, over UTF-8 bytes; lone surrogates encoded as U+FFFD like TextEncoder) in spec/generate-cases.py, which also asserts the published vectors '' = 0x811c9dc5, 'a' = 0xe40c292c, 'foobar' = 0xbf9cf968.",
        "bucket": "Same Python FNV-1a: (fnv1a32(flagKey + ':' + distinctId) % 10000) / 10000 as an IEEE double.",
        "other": "assignArm, filter, matchesPath, safeRegex and evaluate expectations are written by hand from SPEC.md sections 3, 4 and 6 and the semantics documented in src/filter.ts; the generator only turns ISO times into epoch ms.",
        "evaluate": "context.topNThresholds maps topN (as a string) to ctx.topNThreshold(topN); a missing or null entry means -Infinity (fewer than topN scored users). now is ISO-8601 UTC; history and budget times are epoch ms. expected.failed lists the failing rules in trace order.",
    },
    "fnv1a32": [[s, fnv1a32(s)] for s in HASH_INPUTS],
    "bucket": [[f, d, bucket(f, d)] for f, d in BUCKET_INPUTS],
    "assignArm": ASSIGN_ARM,
    "filter": FILTER,
    "matchesPath": MATCHES_PATH,
    "safeRegex": SAFE_REGEX,
    "evaluate": EVALUATE,
}

out = pathlib.Path(__file__).with_name("cases.json")
# No lone surrogates in inputs: several JSON parsers (Rust's serde_json, vite's) reject them, so
# that case (hashed as U+FFFD, like TextEncoder) lives in the TypeScript unit tests instead.
out.write_text(json.dumps(cases, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
total = sum(len(v) for k, v in cases.items() if isinstance(v, list))
print(f"wrote {out} with {total} cases:", {k: len(v) for k, v in cases.items() if isinstance(v, list)})
