#!/bin/bash
"$TSAN_VERIFY" ret66.c
