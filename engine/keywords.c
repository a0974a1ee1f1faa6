/* SPDX-License-Identifier: MIT */
/* keywords.c — the keyword table of the DSL, ordered by byte length for a quick lookup,
 * and a hash index of it that a reader builds once for the words of its projects.
 *
 * Keyword table (中文 → ASCII alias), shared by projects and 评分办法 blocks:
 *   项目  →  project
 *   主管部门  →  dept
 *   单位  →  org
 *   年度  →  year
 *   金额单位  →  money_unit
 *   资金  →  funds
 *   年初预算  →  initial
 *   全年预算  →  budget
 *   全年执行  →  spent
 *   年度目标  →  goal
 *   完成情况  →  outcome
 *   偏离原因  →  deviation
 *   整改措施  →  remedy
 *   总分  →  total
 *   结论  →  verdict
 *   权重  →  weight
 *   实际  →  actual
 *   偏差  →  reason
 *   评定  →  grade
 *   得分  →  score
 *   定性  →  qualitative
 *   不适用  →  not_applicable
 *   达成  →  met
 *   部分达成  →  partly
 *   未达成  →  unmet
 *   优  →  excellent
 *   良  →  good
 *   中  →  fair
 *   差  →  poor
 *   评分办法  →  policy
 *   等级  →  bands
 *   反向  →  reverse
 *   线性  →  linear
 *   比例  →  ratio
 *   定性区间  →  qualitative_bands
 *   超额提示  →  over_target
 *   预算执行率  →  execution_rate
 *   不单列  →  inline
 *   单列  →  separate
 *   分  →  points
 *   封顶  →  cap
 *   剔除  →  drop
 *   按比例折算  →  rescale
 *   小数  →  decimals
 *   一级分值  →  level1_points
 *   执行偏差  →  execution_gap
 *   上年  →  last_year
 *   前年  →  year_before
 *   依据  →  basis
 */
#include "lexer.h"

#include <string.h>

/* One spelling of a keyword. */
typedef struct kw_entry {
    const char *word; /* the spelling, UTF-8 */
    unsigned char len;  /* its length in bytes */
    unsigned char kw;   /* the jx_keyword it stands for */
} kw_entry;

/* Every spelling, ordered by length and then by bytes, so a lookup binary-searches
 * only the words of its own length. Keep that order when adding a keyword. */
static const kw_entry kw_table[] = {
    {"cap", 3, JX_KW_CAP},
    {"met", 3, JX_KW_MET},
    {"org", 3, JX_KW_ORG},
    {"中", 3, JX_KW_FAIR},
    {"优", 3, JX_KW_EXCELLENT},
    {"分", 3, JX_KW_POINTS},
    {"差", 3, JX_KW_POOR},
    {"良", 3, JX_KW_GOOD},
    {"dept", 4, JX_KW_DEPT},
    {"drop", 4, JX_KW_DROP},
    {"fair", 4, JX_KW_FAIR},
    {"goal", 4, JX_KW_GOAL},
    {"good", 4, JX_KW_GOOD},
    {"poor", 4, JX_KW_POOR},
    {"year", 4, JX_KW_YEAR},
    {"bands", 5, JX_KW_BANDS},
    {"basis", 5, JX_KW_BASIS},
    {"funds", 5, JX_KW_FUNDS},
    {"grade", 5, JX_KW_JUDGE},
    {"ratio", 5, JX_KW_RATIO},
    {"score", 5, JX_KW_SCORE},
    {"spent", 5, JX_KW_SPENT},
    {"total", 5, JX_KW_TOTAL},
    {"unmet", 5, JX_KW_UNMET},
    {"actual", 6, JX_KW_ACTUAL},
    {"budget", 6, JX_KW_BUDGET},
    {"inline", 6, JX_KW_INLINE},
    {"linear", 6, JX_KW_LINEAR},
    {"partly", 6, JX_KW_PARTLY},
    {"points", 6, JX_KW_POINTS},
    {"policy", 6, JX_KW_POLICY},
    {"reason", 6, JX_KW_REASON},
    {"remedy", 6, JX_KW_REMEDY},
    {"weight", 6, JX_KW_WEIGHT},
    {"上年", 6, JX_KW_LAST_YEAR},
    {"依据", 6, JX_KW_BASIS},
    {"偏差", 6, JX_KW_REASON},
    {"前年", 6, JX_KW_YEAR_BEFORE},
    {"剔除", 6, JX_KW_DROP},
    {"单位", 6, JX_KW_ORG},
    {"单列", 6, JX_KW_SEPARATE},
    {"反向", 6, JX_KW_REVERSE},
    {"定性", 6, JX_KW_QUALITATIVE},
    {"实际", 6, JX_KW_ACTUAL},
    {"封顶", 6, JX_KW_CAP},
    {"小数", 6, JX_KW_DECIMALS},
    {"年度", 6, JX_KW_YEAR},
    {"得分", 6, JX_KW_SCORE},
    {"总分", 6, JX_KW_TOTAL},
    {"权重", 6, JX_KW_WEIGHT},
    {"比例", 6, JX_KW_RATIO},
    {"等级", 6, JX_KW_BANDS},
    {"线性", 6, JX_KW_LINEAR},
    {"结论", 6, JX_KW_VERDICT},
    {"评定", 6, JX_KW_JUDGE},
    {"资金", 6, JX_KW_FUNDS},
    {"达成", 6, JX_KW_MET},
    {"项目", 6, JX_KW_PROJECT},
    {"initial", 7, JX_KW_INITIAL},
    {"outcome", 7, JX_KW_OUTCOME},
    {"project", 7, JX_KW_PROJECT},
    {"rescale", 7, JX_KW_RESCALE},
    {"reverse", 7, JX_KW_REVERSE},
    {"verdict", 7, JX_KW_VERDICT},
    {"decimals", 8, JX_KW_DECIMALS},
    {"separate", 8, JX_KW_SEPARATE},
    {"deviation", 9, JX_KW_DEVIATION},
    {"excellent", 9, JX_KW_EXCELLENT},
    {"last_year", 9, JX_KW_LAST_YEAR},
    {"不单列", 9, JX_KW_INLINE},
    {"不适用", 9, JX_KW_NOT_APPLICABLE},
    {"未达成", 9, JX_KW_UNMET},
    {"money_unit", 10, JX_KW_MONEY_UNIT},
    {"over_target", 11, JX_KW_OVER_TARGET},
    {"qualitative", 11, JX_KW_QUALITATIVE},
    {"year_before", 11, JX_KW_YEAR_BEFORE},
    {"一级分值", 12, JX_KW_LEVEL1_POINTS},
    {"主管部门", 12, JX_KW_DEPT},
    {"偏离原因", 12, JX_KW_DEVIATION},
    {"全年执行", 12, JX_KW_SPENT},
    {"全年预算", 12, JX_KW_BUDGET},
    {"完成情况", 12, JX_KW_OUTCOME},
    {"定性区间", 12, JX_KW_QUAL_BANDS},
    {"年初预算", 12, JX_KW_INITIAL},
    {"年度目标", 12, JX_KW_GOAL},
    {"执行偏差", 12, JX_KW_EXEC_GAP},
    {"整改措施", 12, JX_KW_REMEDY},
    {"评分办法", 12, JX_KW_POLICY},
    {"超额提示", 12, JX_KW_OVER_TARGET},
    {"部分达成", 12, JX_KW_PARTLY},
    {"金额单位", 12, JX_KW_MONEY_UNIT},
    {"execution_gap", 13, JX_KW_EXEC_GAP},
    {"level1_points", 13, JX_KW_LEVEL1_POINTS},
    {"execution_rate", 14, JX_KW_EXEC_RATE},
    {"not_applicable", 14, JX_KW_NOT_APPLICABLE},
    {"按比例折算", 15, JX_KW_RESCALE},
    {"预算执行率", 15, JX_KW_EXEC_RATE},
    {"qualitative_bands", 17, JX_KW_QUAL_BANDS},
};

/* kw_by_len[n] is the first entry of kw_table whose length is at least n. */
static const unsigned short kw_by_len[] = {0, 0, 0, 0, 8, 15, 24, 58, 64, 66, 72, 73, 76, 91, 93, 95, 97, 97, 98};

#define KW_MAX_LEN JX_KEYWORD_MAX_LEN

/* Compares n bytes of a and b as unsigned bytes: <0, 0 or >0. */
static int bytes_cmp(const char *a, const char *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k])
            return (unsigned char)a[k] < (unsigned char)b[k] ? -1 : 1;
    return 0;
}

jx_keyword jx_keyword_lookup(const char *s, size_t n)
{
    if (n == 0 || n > KW_MAX_LEN)
        return JX_KW_NONE;
    /* binary search among the words of length n, which are in byte order */
    unsigned lo = kw_by_len[n], hi = kw_by_len[n + 1];
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        int c = bytes_cmp(kw_table[mid].word, s, n);
        if (c == 0)
            return (jx_keyword)kw_table[mid].kw;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return JX_KW_NONE;
}

/* The slot of a word in the index: a few of its bytes and its length, mixed. */
static unsigned kw_hash(const unsigned char *s, size_t n)
{
    return (s[0] + 3u * s[n - 1] + 5u * s[n / 2] + 7u * (unsigned)n) & (JX_KEYWORD_SLOTS - 1);
}

_Static_assert(sizeof kw_table / sizeof kw_table[0] < JX_KEYWORD_SLOTS / 2,
               "the keyword index needs more slots");
_Static_assert(sizeof "cap" - 1 == JX_KEYWORD_MIN_LEN && sizeof "qualitative_bands" - 1 == JX_KEYWORD_MAX_LEN,
               "the shortest and the longest spellings");

void jx_keyword_index_init(jx_keyword_index *ix)
{
    memset(ix->slot, 0, sizeof ix->slot);
    memset(ix->first, 0, sizeof ix->first);
    for (size_t i = 0; i < sizeof kw_table / sizeof kw_table[0]; i++) {
        unsigned f = jx_keyword_first3((const unsigned char *)kw_table[i].word);
        ix->first[f / 64] |= (uint64_t)1 << (f % 64);
        unsigned h = kw_hash((const unsigned char *)kw_table[i].word, kw_table[i].len);
        while (ix->slot[h] != 0)
            h = (h + 1) & (JX_KEYWORD_SLOTS - 1);
        ix->slot[h] = (unsigned char)(i + 1);
    }
}

jx_keyword jx_keyword_find_hashed(const jx_keyword_index *ix, const char *s, size_t n)
{
    if (n == 0 || n > KW_MAX_LEN)
        return JX_KW_NONE;
    /* open addressing: the slots from the word's hash on, up to an empty one */
    for (unsigned h = kw_hash((const unsigned char *)s, n);; h = (h + 1) & (JX_KEYWORD_SLOTS - 1)) {
        unsigned e = ix->slot[h];
        if (e == 0)
            return JX_KW_NONE;
        const kw_entry *k = &kw_table[e - 1];
        if (k->len == n && memcmp(k->word, s, n) == 0)
            return (jx_keyword)k->kw;
    }
}

const char *jx_keyword_name(jx_keyword kw)
{
    static const char *const names[] = {
    "",
    "项目",
    "主管部门",
    "单位",
    "年度",
    "金额单位",
    "资金",
    "年初预算",
    "全年预算",
    "全年执行",
    "年度目标",
    "完成情况",
    "偏离原因",
    "整改措施",
    "总分",
    "结论",
    "权重",
    "实际",
    "偏差",
    "评定",
    "得分",
    "定性",
    "不适用",
    "达成",
    "部分达成",
    "未达成",
    "优",
    "良",
    "中",
    "差",
    "评分办法",
    "等级",
    "反向",
    "线性",
    "比例",
    "定性区间",
    "超额提示",
    "预算执行率",
    "不单列",
    "单列",
    "分",
    "封顶",
    "剔除",
    "按比例折算",
    "小数",
    "一级分值",
    "执行偏差",
    "上年",
    "前年",
    "依据",
    };
    return (unsigned)kw < sizeof names / sizeof names[0] ? names[kw] : "";
}
