#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
echo "the program ignores SIGINT/SIGTERM/SIGHUP; only SIGKILL of its group ends it before 4 s"; true
