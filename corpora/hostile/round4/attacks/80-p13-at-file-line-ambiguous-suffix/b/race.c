int b_unused(int x) { return x + 1; }




int b_line6(int x) { return x * 2; }
