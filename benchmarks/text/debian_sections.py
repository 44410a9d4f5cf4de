"""Reads `apt-cache dumpavail` on stdin, writes the sections TSV on stdout (see debian-sections.sh)."""
import collections, random, re, sys
sections, per_section, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])

def stanzas(lines):
    fields, last = {}, None
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if fields:
                yield fields
            fields, last = {}, None
        elif line[0] in " \t":
            if last is not None:
                fields[last] += "\n" + line
        else:
            key, _, value = line.partition(":")
            last = key
            fields[key] = value.strip()
    if fields:
        yield fields

rows, seen = [], set()
for f in stanzas(sys.stdin):
    if "Package" not in f or "Section" not in f or "Description" not in f:
        continue
    section = f["Section"].split("/")[-1].strip()
    # Continuation lines of the description (a long description when the lists hold one); " ." marks a blank line.
    parts = [p.strip() for p in f["Description"].split("\n")]
    text = " ".join(p for p in parts if p and p != ".")
    names = {f["Package"]}
    if "Source" in f:
        names.add(f["Source"].split()[0])
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(r"(?<![\w.+-])" + re.escape(name) + r"(?![\w+-])", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+", " ", text.replace("\t", " ")).strip()
    if not text or (section, text) in seen:
        continue
    seen.add((section, text))
    rows.append((section, text))

counts = collections.Counter(s for s, _ in rows)
kept = sorted(counts, key=lambda s: (-counts[s], s))[:sections]
rng = random.Random(seed)
out = []
for s in sorted(kept):
    members = sorted(t for sec, t in rows if sec == s)
    rng.shuffle(members)
    out.extend((s, t) for t in members[:per_section])
rng.shuffle(out)
sys.stdout.write("label\ttext\n")
for s, t in out:
    sys.stdout.write(s + "\t" + t + "\n")
