#!/usr/bin/env python3
"""count_statements.py GENERATED_DIR OUT_DIR — copies a translated core, adding a counter before every
statement line of the generated functions ($GLOBALS['__P']['f<index>']), for statements.php."""
import os
import re
import shutil
import sys

src, dst = sys.argv[1], sys.argv[2]
shutil.rmtree(dst, ignore_errors=True)
shutil.copytree(src, dst)
for name in os.listdir(dst):
    if not re.match(r'F\d+\.php$', name):
        continue
    path = os.path.join(dst, name)
    out, function = [], None
    with open(path, encoding='utf-8') as source:
        for line in source:
            found = re.match(r'\s*public static function (f\d+)\(', line)
            if found:
                function = found.group(1)
            text = line.strip()
            # Statements only: not case labels, not the zero-initialisation of locals, not imports.
            if (function and text.endswith(';') and not text.startswith(('case ', 'default', 'use '))
                    and not re.match(r'^\$\w+ = (0|0\.0|null);$', text)):
                indent = line[:len(line) - len(line.lstrip())]
                out.append(f"{indent}$GLOBALS['__P']['{function}'] = ($GLOBALS['__P']['{function}'] ?? 0) + 1;\n")
            out.append(line)
    with open(path, 'w', encoding='utf-8') as target:
        target.write(''.join(out))
