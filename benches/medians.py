"""Prints the median, min and max of each command in a hyperfine JSON export, and its
ratio to blastradius's median (used by benches/compare.sh and benches/history.sh)."""
import json
import sys

results = json.load(open(sys.argv[1]))["results"]
base = next(r["median"] for r in results if r["command"] == "blastradius")
print(f"{'command':<12} {'median':>9} {'min':>9} {'max':>9}  vs blastradius")
for r in results:
    ratio = r["median"] / base
    print(f"{r['command']:<12} {r['median']*1000:>7.0f}ms {r['min']*1000:>7.0f}ms {r['max']*1000:>7.0f}ms  {ratio:.2f}x")
