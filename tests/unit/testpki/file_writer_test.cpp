// The file writer: every queued file reaches the disk with its bytes and mode; the first error
// (here an existing name, which O_EXCL refuses) stops it, is thrown by the next write and by
// finish(), and names the file.
#include "testpki/file_writer.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "util/error.h"

using namespace kr;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const char* name) {
  fs::path dir =
      fs::temp_directory_path() / ("kr-file-writer-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  return dir;
}

std::string contents(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("files queued from several threads are all written, with their bytes and modes") {
  const fs::path dir = fresh_dir("many");
  {
    testpki::OutputDir out(dir);
    // A bound smaller than two files: writers wait for the queue, and a file larger than the
    // bound still goes through alone.
    testpki::FileWriter files(out, 100);
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 200; ++i) {
          const std::string text(static_cast<std::size_t>(60 + i), static_cast<char>('a' + t));
          files.write("f-" + std::to_string(t) + "-" + std::to_string(i), as_bytes(text),
                      i % 2 ? 0600 : 0644);
        }
      });
    for (auto& t : threads) t.join();
    files.write("big", Bytes(1000, 'z'));
    files.finish();
    out.commit();
  }
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++count;
  CHECK(count == 601);
  CHECK(contents(dir / "f-2-7") == std::string(67, 'c'));
  CHECK(contents(dir / "big") == std::string(1000, 'z'));
  struct stat st {};
  REQUIRE(::stat((dir / "f-1-3").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  REQUIRE(::stat((dir / "f-1-4").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0644);
  fs::remove_all(dir.parent_path());
}

TEST_CASE("the writer's first error is thrown by the next write and by finish, naming the file") {
  const fs::path dir = fresh_dir("error");
  {
    testpki::OutputDir out(dir);
    testpki::FileWriter files(out);
    files.write("a", as_bytes(std::string("one")));
    files.write("a", as_bytes(std::string("two")));  // exists once the first is written
    bool thrown = false;
    for (int i = 0; i < 1000 && !thrown; ++i) {  // until the writer has met the error
      try {
        files.write("b-" + std::to_string(i), as_bytes(std::string("x")));
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      } catch (const Error& e) {
        thrown = true;
        CHECK(std::string(e.what()).find("cannot create " + (dir / "a").string()) == 0);
        CHECK(std::string(e.what()).find("File exists") != std::string::npos);
      }
    }
    CHECK(thrown);
    CHECK_THROWS_WITH_AS(files.finish(), doctest::Contains("File exists"), Error);
    CHECK(contents(dir / "a") == "one");  // never overwritten
  }
  CHECK_FALSE(fs::exists(dir));  // OutputDir removed what was written: not committed
  fs::remove_all(dir.parent_path());
}
