// A raw string that holds a marker's text and a quote, and a digit separator: the marker reader reads the file
// the way the C++ compiler does (C++11 raw strings, C++14 digit separators), or the lines after them would be
// misread. The race: two std::threads increment one counter.
#include <cstdio>
#include <thread>

static int counter;
static const char *text = R"x(" // expect-tsan: none )x";
static int thousand = 1'000; // a digit separator, then ' no character literal

int main() {
  std::thread first([] { counter++; }); // expect-tsan: data race
  std::thread second([] { counter++; }); // expect-tsan: data race
  first.join();
  second.join();
  std::printf("%s %d\n", text, thousand);
  return 0;
}
