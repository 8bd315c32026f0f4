"""The yardstick: bare ``jieba.lcut`` over every .txt file of a folder, as a whole process.

    python bench/jieba_baseline.py /tmp/kg-corpus-20
"""
import logging
import sys
from pathlib import Path

import jieba

jieba.setLogLevel(logging.WARNING)
words = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    words += len(jieba.lcut(path.read_text(encoding="utf-8")))
print(f"{words} words")
