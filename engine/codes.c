/* SPDX-License-Identifier: MIT */
/* codes.c — every finding code jixiao reports and its neutral Chinese name: the parser's,
 * the evaluator's, the checks', the policy's, the tables', the import's and the
 * commands'. One home for the names: every report that lists codes takes them from here,
 * and docs/checks.md ("Codes and their names") lists the same table (test_codes.c keeps
 * the two equal). The names say what was found, not who is to blame.
 */
#include "codes.h"

#include <string.h>

/* Sorted by code in byte order (strcmp), for the binary search; test_codes.c checks it. */
static const jx_code_entry codes[] = {
    {"actuals", "实际完成值表有误"},
    {"actuals-unused", "实际完成值表有未用的行"},
    {"all-full-marks", "指标全部满分"},
    {"band-gap", "评分区间有误"},
    {"claimed-grade", "自评结论与重算不符"},
    {"claimed-score", "自评得分与重算不符"},
    {"claimed-total", "自评总分与重算不符"},
    {"cost-over-budget", "成本目标超过预算"},
    {"direction", "指标方向有误"},
    {"duplicate-indicator", "指标重复"},
    {"duplicate-submission", "重复提交"},
    {"empty-value", "指标值为空"},
    {"encoding", "文字编码有误"},
    {"execution-budget", "全年预算为零"},
    {"execution-gap", "指标完成度高于预算执行"},
    {"execution-target-low", "预算执行率目标偏低"},
    {"field-conflict", "字段前后不一致"},
    {"field-unreadable", "字段无法识别"},
    {"format", "表格格式无法识别"},
    {"funds-inconsistent", "资金数不一致"},
    {"funds-not-number", "资金数不是数字"},
    {"funds-not-understood", "资金无法识别"},
    {"goal-not-split", "年度目标无法拆分"},
    {"group-without-level1", "二级指标缺少一级指标"},
    {"history-unreadable", "上年前年指标值无法识别"},
    {"implicit-sign", "缺少计算符号"},
    {"io", "读写失败"},
    {"json-syntax", "JSON 语法错误"},
    {"level1-points", "一级分值合计不符"},
    {"long-term-only", "长期指标未核对"},
    {"missing-actual", "缺少实际完成值"},
    {"missing-goal", "缺少年度目标"},
    {"missing-group", "缺少指标分组"},
    {"missing-indicators", "缺少绩效指标"},
    {"missing-level1", "缺少一级指标"},
    {"missing-level2", "缺少二级指标"},
    {"missing-name", "缺少名称"},
    {"missing-reason", "缺少偏差原因"},
    {"missing-target", "缺少指标值"},
    {"missing-unit", "缺少计量单位"},
    {"missing-weight", "缺少权重"},
    {"money-unit", "金额单位不一致"},
    {"no-header", "没有表头"},
    {"no-indicators", "没有指标"},
    {"no-project-name", "项目名称前有其他内容"},
    {"no-table", "没有找到表格"},
    {"not-applicable-rescale", "不适用指标折算"},
    {"not-scores", "不是评分结果"},
    {"over-target", "大幅超过目标值"},
    {"overlapping-projects", "项目指标重合"},
    {"percent-fraction", "百分比写成小数"},
    {"points-conflict", "分值前后不一致"},
    {"points-mismatch", "分值与权重合计不符"},
    {"points-not-number", "分值不是数字"},
    {"points-unplaced", "分值无所属指标"},
    {"policy", "评分办法设置有误"},
    {"qualitative-band", "定性得分不在评定区间"},
    {"qualitative-evidence", "定性指标缺少完成依据"},
    {"qualitative-share", "定性指标偏多"},
    {"qualitative-unjudged", "定性指标未评定"},
    {"review", "复核表有误"},
    {"review-unused", "复核表有未用的行"},
    {"row-not-understood", "未能识别的行"},
    {"satisfaction-target", "满意度目标不当"},
    {"score-not-number", "得分不是数字"},
    {"score-over-weight", "自评得分高于权重"},
    {"sheets-not-imported", "有工作表未导入"},
    {"shifted-row", "列错位"},
    {"skipped-row", "跳过的行"},
    {"suspect-name", "指标名称可疑"},
    {"syntax", "语法错误"},
    {"table", "表格无法读取"},
    {"table-incomplete", "表格不完整"},
    {"target-always-met", "目标必然达成"},
    {"target-flat", "指标值连续三年未变"},
    {"target-lowered", "指标值低于上年"},
    {"target-lowered-before", "指标值低于前年"},
    {"template-duplicate", "模板中指标无法区分"},
    {"too-large", "表格过大"},
    {"too-many-columns", "列数过多"},
    {"unclosed-quote", "引号没有闭合"},
    {"unit-mismatch", "计量单位不一致"},
    {"unknown-column", "未知的列"},
    {"unreadable-value", "数值无法识别"},
    {"usage", "用法错误"},
    {"vague-actual", "实际完成值不明确"},
    {"vague-target", "定性目标含糊"},
    {"value-range", "数值超出范围"},
    {"weight-not-number", "权重不是数字"},
    {"weight-sum", "权重合计不符"},
    {"weights-equal", "权重按平均分配"},
};

size_t jx_code_count(void)
{
    return sizeof codes / sizeof codes[0];
}

const jx_code_entry *jx_code_at(size_t i)
{
    return i < jx_code_count() ? &codes[i] : NULL;
}

const char *jx_code_name(const char *code)
{
    if (!code)
        return NULL;
    size_t lo = 0, hi = jx_code_count();
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(codes[mid].code, code);
        if (c == 0)
            return codes[mid].name;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *jx_code_name_or_empty(const char *code)
{
    const char *name = jx_code_name(code);
    return name ? name : "";
}
