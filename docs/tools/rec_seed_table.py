#!/usr/bin/env python3
"""Markdown tables for docs/reproductions.md from one recommendation run folder (coldstart or crossdomain kind).

Reads the run's summary.json (means over seeds, t-intervals over the per-seed means, Holm- or BH-adjusted
p-values, over every test of the run or within its declared primary and secondary families) and per_seed.csv (to count in how many seeds a method beat the reference).
Nothing is recomputed here except those counts: every number and mark comes from the run's own files.

  python3 docs/tools/rec_seed_table.py RUN --metric rmse_user --columns warm,user_cold,item_cold,user_item_cold \
      --suffixes ,_k5,_k10 [--lower-is-better] [--ci]

A cell is the mean over seeds; `*` marks an adjusted paired t-test over seeds below 0.05, `+` an adjusted Wilcoxon
over users (each user once) below 0.05, both against the run's reference method. With --wins a cell also shows
in how many seeds the method beat the reference (e.g. 9/10).
"""
import argparse, csv, json, os



def significant(p):
    """Whether an adjusted p-value (None when the test was not run) is below 0.05; an underflowed 0.0 counts."""
    return p is not None and p < 0.05

def load(run):
    with open(os.path.join(run, 'summary.json')) as f:
        s = json.load(f)
    rows = {(r['method'], r['metric'], r['adapt_steps']): r for r in s['results']}
    seeds = {}
    with open(os.path.join(run, 'per_seed.csv')) as f:
        for r in csv.DictReader(f):
            steps = int(r['steps']) if r['steps'] else None
            seeds.setdefault((r['method'], r['metric'], steps), {})[int(r['seed'])] = float(r['mean'])
    return s, rows, seeds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('run')
    ap.add_argument('--metric', required=True, help='metric stem, e.g. rmse_user (columns are appended)')
    ap.add_argument('--columns', required=True, help='comma-separated settings, e.g. warm,item_cold')
    ap.add_argument('--suffixes', default='', help='comma-separated suffixes per setting, e.g. ",_k5,_k10"')
    ap.add_argument('--steps', type=int, default=None)
    ap.add_argument('--lower-is-better', action='store_true')
    ap.add_argument('--ci', action='store_true', help='show the 95%% interval over seeds in each cell')
    ap.add_argument('--wins', action='store_true', help='show in how many seeds the method beat the reference')
    ap.add_argument('--methods', default=None, help='comma-separated methods in order (default: the run order)')
    a = ap.parse_args()
    s, rows, seeds = load(a.run)
    ref = s['reference']
    metrics = [f"{a.metric}_{c}{x}" for c in a.columns.split(',') for x in a.suffixes.split(',')]
    methods = a.methods.split(',') if a.methods else list(dict.fromkeys(m for m, _, _ in rows))
    print('| method | ' + ' | '.join(m[len(a.metric) + 1:] for m in metrics) + ' |')
    print('|---' * (len(metrics) + 1) + '|')
    for method in methods:
        cells = []
        for metric in metrics:
            r = rows.get((method, metric, a.steps))
            if r is None:
                cells.append('-')
                continue
            cell = f"{r['mean']:.3f}"
            if a.ci and r['ci_low'] is not None:
                cell += f" [{r['ci_low']:.3f}, {r['ci_high']:.3f}]"
            marks = ''
            if significant(r['p_ttest_seeds_adjusted']):
                marks += '*'
            if significant(r['p_wilcoxon_users_adjusted']):
                marks += '+'
            if r['identical_to']:
                marks += f" (= {r['identical_to']})"
            if a.wins and method != ref:
                mine, theirs = seeds.get((method, metric, a.steps), {}), seeds.get((ref, metric, a.steps), {})
                both = sorted(set(mine) & set(theirs))
                better = sum(1 for k in both if (mine[k] < theirs[k]) == a.lower_is_better and mine[k] != theirs[k])
                marks += f" {better}/{len(both)}"
            cells.append(cell + (' ' + marks.strip() if marks else ''))
        name = method + (' (ref)' if method == ref else '')
        print(f"| {name} | " + ' | '.join(cells) + ' |')
    if s.get("primary_metrics"):
        print(f"\n({s['correction']} within two families: primary {', '.join(s['primary_metrics'])} "
              f"{s['comparisons_primary']} tests, secondary {s['comparisons_secondary']} tests)")
    else:
        print(f"\n({s['comparisons']} tests in the run's correction: {s['correction']})")


if __name__ == '__main__':
    main()
