#!/usr/bin/env python3
"""Runs a command and prints, as one JSON line, what the kernel accounted to it once it ended: wall seconds
(a monotonic clock around fork and wait), user and system CPU seconds and peak RSS (KiB) from wait4, and the
exit status. The command's output goes to /dev/null. Used by the benchmark (bench/cli-compare.ts) because Node
has no wait4, and GNU time prints CPU seconds with two decimals only."""
import json
import os
import sys
import time


def main() -> None:
    args = sys.argv[1:]
    if not args:
        sys.exit("usage: rusage.py COMMAND [ARG...]")
    devnull = os.open(os.devnull, os.O_RDWR)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(devnull, 0)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.execvp(args[0], args)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    print(
        json.dumps(
            {
                "wall": wall,
                "user": usage.ru_utime,
                "sys": usage.ru_stime,
                "maxrssKb": usage.ru_maxrss,
                "status": os.waitstatus_to_exitcode(status),
            }
        )
    )


main()
