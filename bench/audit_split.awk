# SPDX-License-Identifier: MIT
# audit_split.awk — splits jx_gen's output into one file per project, dir/NNNNNN.jx, and
# gives each the claim departments usually make, 总分 100 结论 优 (every project self-scored
# 100: the first finding of published spot-checks). Usage: awk -v dir=DIR -f audit_split.awk FILE
/^项目 / { n++; out = sprintf("%s/%06d.jx", dir, n) }
out && /^}$/ { print "    总分 100 结论 优" > out }
out { print > out }
out && /^}$/ { close(out); out = "" }
