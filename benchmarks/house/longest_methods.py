#!/usr/bin/env python3
"""Prints the longest methods of the main Java sources below the given folder (a brace-counting estimate)."""
import pathlib, re, sys

SIGNATURE = re.compile(r'^\s*(public|protected|private|static|final|synchronized|abstract|default|\s)*'
                       r'[\w<>\[\],.? ]+\s+(\w+)\s*\([^;]*$')

def methods(path):
    lines = path.read_text(errors='replace').splitlines()
    i = 0
    while i < len(lines):
        m = SIGNATURE.match(lines[i])
        if m and not re.search(r'\b(record|class|interface|enum)\b', lines[i]) and m.group(2) not in ('if', 'for', 'while', 'switch', 'catch', 'return', 'new'):
            depth, start, opened = 0, i, False
            j = i
            while j < len(lines):
                depth += lines[j].count('{') - lines[j].count('}')
                if '{' in lines[j]:
                    opened = True
                if opened and depth <= 0:
                    break
                if not opened and lines[j].rstrip().endswith(';'):
                    break
                j += 1
            if opened:
                yield (j - start + 1, f'{path}:{start + 1} {m.group(2)}')
                i = j
        i += 1

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.')
found = [r for p in root.glob('*/src/main/java/**/*.java') for r in methods(p)]
for length, where in sorted(found, reverse=True)[:5]:
    print(length, where)
