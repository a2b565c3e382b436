// Bounded reads of regular files only: a device, a FIFO, a directory and an oversized file are
// refused at once with the path and the reason; a file exactly at the limit is read whole.
#include "util/regular_file.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "support/temp_dir.h"
#include "util/error.h"

using namespace kr;

TEST_SUITE("util::regular_file") {
  TEST_CASE("a regular file up to the limit is read whole; one byte more is refused") {
    test::TempDir dir;
    std::ofstream(dir / "a.txt") << std::string(100, 'x');
    CHECK(read_regular_file(dir / "a.txt", 100, "the file").size() == 100);
    CHECK(read_regular_file(dir / "a.txt", 1000, "the file").size() == 100);
    CHECK_THROWS_WITH(read_regular_file(dir / "a.txt", 99, "the share file"),
                      ((dir / "a.txt").string() +
                       ": the share file is larger than 99 bytes; keyrite does not read it")
                          .c_str());
    std::ofstream(dir / "empty.txt");
    CHECK(read_regular_file(dir / "empty.txt", 10, "the file").empty());
  }

  TEST_CASE("a device, a FIFO and a directory are refused without blocking") {
    test::TempDir dir;
    CHECK_THROWS_WITH(
        read_regular_file("/dev/zero", 1 << 20, "the proof file"),
        "/dev/zero: the proof file must be a regular file; this is a character device");
    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
    CHECK_THROWS_WITH(read_regular_file(dir / "fifo", 1 << 20, "the share file"),
                      ((dir / "fifo").string() +
                       ": the share file must be a regular file; this is a FIFO (named pipe)")
                          .c_str());
    CHECK_THROWS_WITH(
        read_regular_file(dir.path(), 1 << 20, "the descriptor"),
        (dir.path().string() + ": the descriptor must be a regular file; this is a directory")
            .c_str());
    CHECK_THROWS_WITH(
        read_regular_file(dir / "missing", 1 << 20, "the script"),
        ((dir / "missing").string() + ": cannot open the script: No such file or directory")
            .c_str());
  }

  TEST_CASE("open_regular_file hands back a readable descriptor of a regular file") {
    test::TempDir dir;
    std::ofstream(dir / "t.jsonl") << "{}\n";
    UniqueFd fd = open_regular_file(dir / "t.jsonl", "the transcript");
    char buf[8] = {};
    CHECK(::read(fd.get(), buf, sizeof buf) == 3);
    CHECK_THROWS_WITH(
        open_regular_file("/dev/null", "the transcript"),
        "/dev/null: the transcript must be a regular file; this is a character device");
  }
}
