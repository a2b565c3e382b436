// Chromium's command line for printing one local file.
#include "report/pdf.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "report/display.h"
#include "report/process.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace kr::report {
namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kr-chromium-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw Error("cannot create a temporary directory for Chromium");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

void print_pdf(const std::filesystem::path& html, const std::filesystem::path& pdf) {
  if (std::filesystem::exists(pdf))
    throw Error(pdf.string() + ": already exists; keyrite never overwrites a file");
  std::string chromium = find_program("chromium");
  if (chromium.empty()) chromium = find_program("chromium-browser");
  if (chromium.empty())
    throw Error("--pdf: Chromium is not installed",
                "install Debian's chromium, or print the HTML from a browser");
  TempDir profile;
  const auto staging = pdf.parent_path() / ("." + pdf.filename().string() + ".partial");
  std::vector<std::string> argv{chromium,
                                "--headless",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--disable-extensions",
                                "--no-pdf-header-footer",
                                "--user-data-dir=" + profile.path.string(),
                                "--print-to-pdf=" + staging.string()};
  if (::geteuid() == 0)
    argv.insert(argv.begin() + 2, "--no-sandbox");  // Chromium refuses root otherwise
  argv.push_back("file://" + std::filesystem::absolute(html).string());
  const auto result = run_process(argv, "", std::chrono::seconds(180));
  std::error_code ignored;
  if (result.timed_out || result.exit_status != 0 || !std::filesystem::exists(staging)) {
    std::filesystem::remove(staging, ignored);
    throw Error("Chromium could not print " + html.string() + " to PDF" +
                (result.timed_out ? std::string(" within 180 seconds")
                                  : ": " + visible(result.err.substr(0, 300))));
  }
  // link() never replaces: a file that appeared meanwhile is not overwritten.
  const bool linked = ::link(staging.c_str(), pdf.c_str()) == 0;
  const int error = errno;
  std::filesystem::remove(staging, ignored);
  if (!linked)
    throw Error(pdf.string() + ": " +
                (error == EEXIST ? "already exists; keyrite never overwrites a file"
                                 : std::strerror(error)));
}

void write_document(const std::string& document, const std::filesystem::path& html,
                    const std::filesystem::path& pdf) {
  if (!pdf.empty() && std::filesystem::exists(pdf))  // before anything is written
    throw Error(pdf.string() + ": already exists; keyrite never overwrites a file");
  write_new_file(html, as_bytes(document));
  if (!pdf.empty()) print_pdf(html, pdf);
}

}  // namespace kr::report
