"""Prints the median, min and max wall time of each command in hyperfine JSON exports,
and its ratio to blastradius's median (used by benches/compare.sh and benches/history.sh).

Given several exports, each one a round that ran every command once, it also prints the
median and range of the per-round ratios: on a machine whose speed drifts, a ratio
within one round compares runs made a few seconds apart."""
import json
import statistics
import sys

rounds = [json.load(open(path))["results"] for path in sys.argv[1:]]
times = {}
for results in rounds:
    for r in results:
        times.setdefault(r["command"], []).extend(r["times"])
base = statistics.median(times["blastradius"])
paired = len(rounds) > 1
print(f"{'command':<12} {'median':>9} {'min':>9} {'max':>9}  vs blastradius" + ("  per round: median (range)" if paired else ""))
for command, values in times.items():
    median = statistics.median(values)
    line = f"{command:<12} {median*1000:>7.0f}ms {min(values)*1000:>7.0f}ms {max(values)*1000:>7.0f}ms  {median / base:>5.2f}x"
    if paired and command != "blastradius":
        ratios = []
        for results in rounds:
            by_command = {r["command"]: r["median"] for r in results}
            if command in by_command:
                ratios.append(by_command[command] / by_command["blastradius"])
        line += f"         {statistics.median(ratios):>5.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"
    print(line)
