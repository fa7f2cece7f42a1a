#include <mutex>
static int value;
static std::mutex m;
extern "C" void counter_bump(void) {
  std::lock_guard<std::mutex> g(m);
  value++; // expect-tsan: data race -- issue 41: the unlocked increment
}
extern "C" int counter_get(void) { return value; }
