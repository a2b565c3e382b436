// Finding AtomicFile's leftovers (stale_files.h).
#include "ceremony/stale_files.h"

#include <algorithm>
#include <regex>

#include "ossl/digest.h"
#include "util/error.h"

namespace kr::ceremony {

std::vector<std::filesystem::path> find_stale_temporaries(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  static const std::regex pattern(R"(\..+\.tmp-[0-9]+)");
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && std::regex_match(it->path().filename().string(), pattern))
      out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

void report_stale_temporaries(Context& ctx) {
  auto found = find_stale_temporaries(ctx.options.output_dir);
  if (found.empty()) return;
  auto e = ctx.event(transcript::EventType::stale_files_found, nullptr);
  e.target = "dir:" + ctx.options.output_dir.string();
  e.cause = "temporary files of an interrupted earlier run; never a published artifact";
  for (const auto& file : found) {
    auto name = file.lexically_relative(ctx.options.output_dir).string();
    e.details["files"].push_back(name);
    try {
      e.inputs.push_back({name, ossl::sha256_file_hex(file)});
    } catch (const Error&) {
      // listed by name only
    }
    ctx.out << "warning: stale temporary file " << file.string()
            << " (an interrupted run's; keyrite never publishes it)\n";
  }
  e.details["count"] = found.size();  // "files" lists them all, inputs those readable
  ctx.log->append(e);
}

}  // namespace kr::ceremony
