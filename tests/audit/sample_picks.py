#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The picks of `jixiao audit --sample` over tests/audit/sample/ worked out apart from the C code.

A second implementation of docs/sampling.md, written from the document alone, on Python's
unbounded integers masked to 64 bits: splitmix64 seeding xoshiro256**, a number below n
by rejection of the outputs under 2^64 mod n, strata in the order their first project was
read, the number per stratum (a share rounded half up, at least 1; a count split by
largest remainders), flagged projects forced in and counted toward the number, a partial
Fisher-Yates shuffle per stratum or successive draws weighted by funds in cents (1 cent
for none), and the sentence saying why each was picked.

tests/cli/test_audit_sample.sh holds its output as constants; run it again
(`python3 tests/audit/sample_picks.py`) to see where they come from. It is not run by the tests.
"""

M = (1 << 64) - 1
WAN = 1_000_000  # cents in 1 万元

# The projects in reading order (the folder's files in byte order of their names, each
# file's projects in order): key, name, 主管部门, 单位 (None: not given), funds in cents
# (全年预算 of 年度资金总额, else the sum of the sources; 0: no 资金 row), flagged: an
# error-level finding, the only way this corpus flags a project (every claimed 总分 and 结论
# here is the recomputed one; tests/audit/flagged has claims above it).
A = ("301-大数据管理", "301001-越城区大数据发展管理中心")
B = ("205-交通运输", "205001-越城区公路养护中心")
C = ("205-交通运输", "205002-越城区交通运输服务中心")
N = ("301-大数据管理", None)
PROJECTS = [
    # a-bigdata.jx
    ("越城区政务云扩容项目", A, 366 * WAN, False),
    ("越城区数据共享平台运维项目", A, 1205 * WAN // 10, False),
    ("越城区道路养护项目", B, 180 * WAN, False),
    ("越城区视频会议系统升级项目", A, 18 * WAN, False),
    # b-roads.jx
    ("越城区桥梁检测项目", B, 64 * WAN, False),
    ("越城区路灯维修项目", B, 27 * WAN, True),       # 权重 abc: a syntax error
    ("越城区公共数据治理项目", A, 1200 * WAN, False),
    ("越城区政务热线升级项目", N, 55 * WAN, False),
    # c-transport.jx
    ("越城区城市大脑驾驶舱项目", A, 753 * WAN // 10, False),
    ("越城区出租车监管平台项目", C, 36 * WAN, False),
    ("越城区公交站亭改造项目", B, (300 + 10) * WAN, False),  # 年度资金总额 0: the sources
    ("越城区网络安全等级保护测评项目", A, 99 * WAN // 10, False),
    # d-more.jx
    ("越城区电子证照归集项目", A, 42 * WAN, False),
    ("越城区交通标线施划项目", B, 88 * WAN // 10, False),
    ("越城区共享单车治理项目", C, 125000 * 100, False),  # 125000 元
    ("越城区政务外网改造项目", A, 0, False),            # no 资金 row
]


class Rng:
    """xoshiro256** 1.0 seeded by splitmix64."""

    def __init__(self, seed):
        x = seed & M
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & M
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
            self.s.append(z ^ (z >> 31))

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & M

    def next(self):
        s = self.s
        result = (self.rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return result

    def below(self, n):
        floor = (1 << 64) % n
        while True:
            x = self.next()
            if x >= floor:
                return x % n


def wan(cents):
    """Cents as 万元: two decimals at least, more when the cents need them."""
    whole, frac = divmod(cents, WAN)
    digits = f"{frac:06d}".rstrip("0")
    return f"{whole}.{digits.ljust(2, '0')}"


def share_text(a, b):
    """a / b as a percentage with one decimal, rounded half up."""
    tenths, r = divmod(a * 1000, b)
    if 2 * r >= b:
        tenths += 1
    return f"{tenths // 10}.{tenths % 10}%"


def pct_text(bp):
    if bp % 100 == 0:
        return f"{bp // 100}%"
    if bp % 10 == 0:
        return f"{bp // 100}.{bp % 100 // 10}%"
    return f"{bp // 100}.{bp % 100:02d}%"


def sample(bp=None, count=None, seed=0, by=None, weight=False, flagged=False):
    """The picks in reading order: (index, why, reason)."""
    n = len(PROJECTS)
    if by is None:
        key = lambda p: ""
    elif by == "单位":
        key = lambda p: p[1][1] or ""
    else:
        key = lambda p: p[1][0] or ""
    strata = {}  # dicts keep insertion order: the order of the first project read
    for i, p in enumerate(PROJECTS):
        strata.setdefault(key(p), []).append(i)
    names = list(strata)
    quota, raised = {}, {}
    if bp is not None:
        for k in names:
            s = len(strata[k])
            q = (s * min(bp, 10000) + 5000) // 10000
            raised[k] = q == 0 and bp > 0
            quota[k] = max(q, 1) if bp > 0 else 0
    else:
        c = min(count, n)
        rems = []
        for pos, k in enumerate(names):
            s = len(strata[k])
            quota[k] = c * s // n
            rems.append((-(c * s % n), pos, k))
            raised[k] = False
        left = c - sum(quota.values())
        for _, _, k in sorted(rems)[:left]:
            quota[k] += 1
    rng = Rng(seed)
    picked = {}
    for k in names:
        members = strata[k]
        q = min(quota[k], len(members))
        forced = [i for i in members if flagged and PROJECTS[i][3]]
        others = [i for i in members if i not in forced]
        draws = max(q - len(forced), 0)
        total_funds = sum(max(PROJECTS[i][2], 0) for i in members)
        head = ""
        if by is not None:
            head = f"按{by}分层：{by}“{k}”" if k else f"按{by}分层：{by}（未填）"
        head += f"共 {len(members)} 个项目，抽 {q} 个"
        if bp is not None:
            head += f"（{pct_text(bp)}，至少 1 个）" if raised[k] else f"（{pct_text(bp)}）"
        elif len(names) > 1:
            head += f"（共抽 {min(count, n)} 个，按各层项目数分配）"
        elif count > n:
            head += f"（要求 {count} 个，只有 {n} 个）"
        if len(forced) > q:
            head += f"，有错误级问题的 {len(forced)} 个全部必抽"
        elif forced:
            head += f"，其中有错误级问题的 {len(forced)} 个必抽"
        for i in forced:
            picked[i] = ("flagged", head + "，本项目有错误级问题，必抽")
        lead = f"，在其余 {len(others)} 个中" if forced else "，"
        if not weight:
            pool = list(others)
            for d in range(draws):
                j = d + rng.below(len(pool) - d)
                pool[d], pool[j] = pool[j], pool[d]
                picked[pool[d]] = ("drawn", head + lead + f"随机抽中（第 {d + 1} 次抽取）")
        else:
            left_units = list(others)
            where = "该层" if by is not None else "全部"
            for d in range(draws):
                wts = [PROJECTS[i][2] if PROJECTS[i][2] > 0 else 1 for i in left_units]
                x = rng.below(sum(wts))
                run = 0
                for pos, w in enumerate(wts):
                    run += w
                    if x < run:
                        break
                i = left_units.pop(pos)
                why = head + lead + f"按资金加权抽中（第 {d + 1} 次抽取）"
                f = PROJECTS[i][2]
                if total_funds == 0:
                    why += f"：{where}项目均无资金数，机会均等"
                elif f <= 0:
                    why += "：无资金数，按 0.01 元计"
                else:
                    why += f"：资金 {wan(f)} 万元，占{where}资金的 {share_text(f, total_funds)}"
                picked[i] = ("weighted", why)
    return [(i,) + picked[i] for i in sorted(picked)]


CASES = [
    ("20% seed 42", dict(bp=2000, seed=42)),
    ("20% seed 7", dict(bp=2000, seed=7)),
    ("20% seed 42 by 单位", dict(bp=2000, seed=42, by="单位")),
    ("20% seed 42 by 单位 include-flagged", dict(bp=2000, seed=42, by="单位", flagged=True)),
    ("40% seed 42 by 单位 include-flagged", dict(bp=4000, seed=42, by="单位", flagged=True)),
    ("20% seed 42 by 主管部门", dict(bp=2000, seed=42, by="主管部门")),
    ("5 seed 42 by 单位", dict(count=5, seed=42, by="单位")),
    ("20% seed 42 by 单位 weight funds", dict(bp=2000, seed=42, by="单位", weight=True)),
    ("25% seed 2024 weight funds", dict(bp=2500, seed=2024, weight=True)),
    ("1 seed 42 by 单位 include-flagged", dict(count=1, seed=42, by="单位", flagged=True)),
    ("25 seed 1", dict(count=25, seed=1)),
]

if __name__ == "__main__":
    for title, kw in CASES:
        print(f"# {title}")
        for i, why, reason in sample(**kw):
            print(f"{PROJECTS[i][0]}\t{why}\t{reason}")
