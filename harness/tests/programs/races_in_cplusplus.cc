// Two std::threads increment one counter without a lock: a data race, reported at the lambda's line. C++: it
// needs the C++ driver to link (std::thread, operator new).
#include <thread>
#include <vector>

static int counter;

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; i++)
    threads.emplace_back([] { counter++; }); // expect-tsan: data race
  for (auto &thread : threads)
    thread.join();
  return 0;
}
