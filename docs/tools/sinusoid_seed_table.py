#!/usr/bin/env python3
"""Seeds as the unit of evidence for the sinusoid study: one run folder per (method, seed), as
`bin/metarec sweep` writes them; prints, per method, the mean over seeds of each run's mean query MSE with a
Student-t 95% interval over the seeds, and paired t-tests over seeds between two methods.

Reads only summary.json (a run of one seed: its rows are that seed's means over the 600 test tasks), so it works on
runs written before and after the per_seed.csv format. Usage:
  python3 docs/tools/sinusoid_seed_table.py runs/sin5-maml runs/sin5-fomaml ... [--pair maml fomaml]
"""
import json, math, os, sys

# Two-sided 97.5% quantiles of Student's t for 1..10 degrees of freedom (standard tables).
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228]
CELLS = [(5, 0), (5, 1), (5, 10), (10, 1), (10, 10)]


def per_seed(folder):
    out = {}  # method -> (K, steps) -> {seed: mean}
    for run in sorted(os.listdir(folder)):
        f = os.path.join(folder, run, 'summary.json')
        if not run.startswith('seed=') or not os.path.exists(f):
            continue
        seed = int(run.split('=')[1])
        for r in json.load(open(f))['results']:
            metric = r['metric'].split('_steps')[0]
            if not metric.startswith('mse_k'):
                continue
            k = int(metric[len('mse_k'):])
            out.setdefault(r['method'], {}).setdefault((k, r['adapt_steps']), {})[seed] = r['mean']
    return out


def interval(values):
    n = len(values)
    m = sum(values) / n
    if n < 2:
        return m, None
    sd = math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1))
    return m, T975[n - 2] * sd / math.sqrt(n)


def paired_t(a, b):
    d = [x - y for x, y in zip(a, b)]
    m, n = sum(d) / len(d), len(d)
    sd = math.sqrt(sum((v - m) ** 2 for v in d) / (n - 1))
    return m, (m / (sd / math.sqrt(n)) if sd > 0 else float('inf'))


def main(args):
    pair = None
    if '--pair' in args:
        i = args.index('--pair')
        pair = args[i + 1:i + 3]
        args = args[:i]
    table = {}
    for folder in args:
        table.update(per_seed(folder))
    print('| method | seeds | ' + ' | '.join('K=%d, %d step%s' % (k, s, '' if s == 1 else 's') for k, s in CELLS) + ' |')
    print('|---|---|' + '---|' * len(CELLS))
    for method, cells in table.items():
        seeds = sorted(cells[CELLS[0]].keys())
        row = []
        for c in CELLS:
            m, h = interval([cells[c][s] for s in seeds])
            row.append('%.3f' % m if h is None else '%.3f ± %.3f' % (m, h))
        print('| %s | %s | %s |' % (method, ','.join(map(str, seeds)), ' | '.join(row)))
    if pair:
        a, b = table[pair[0]], table[pair[1]]
        print()
        for c in CELLS:
            seeds = sorted(set(a[c]) & set(b[c]))
            d, t = paired_t([a[c][s] for s in seeds], [b[c][s] for s in seeds])
            wins = sum(a[c][s] < b[c][s] for s in seeds)
            print('K=%d, %d steps: %s - %s = %+.4f over %d seeds, paired t = %.2f (df %d), %s lower in %d of %d'
                  % (c[0], c[1], pair[0], pair[1], d, len(seeds), t, len(seeds) - 1, pair[0], wins, len(seeds)))


if __name__ == '__main__':
    main(sys.argv[1:])
