// Replays files through a fuzz target's LLVMFuzzerTestOneInput without libFuzzer, so that
// the gcc builds run every crash found (tests/fuzz/regress/<target>/) and the seed corpus
// (tests/fuzz/corpus/<target>/) as a regression test:
//   replay_<target> DIR|FILE...
// A finding aborts (or trips ASan/UBSan in the sanitizer build); the exit status is 1 if
// no file at all was found, so a wrong path cannot pass silently.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  std::printf("replay %s (%zu bytes)\n", file.c_str(), bytes.size());
  std::fflush(stdout);
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    if (!std::filesystem::is_directory(arg)) {
      run(arg);
      ++n;
      continue;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(arg)) {
      if (e.is_regular_file() && !e.path().filename().string().starts_with(".") &&
          e.path().filename() != "README") {
        files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      run(f);
    }
    n += files.size();
  }
  std::printf("%zu inputs replayed\n", n);
  return n == 0 ? 1 : 0;
}
