#include "ceremony/share_lookup.h"

#include <algorithm>
#include <system_error>
#include <vector>

#include "quorum/errors.h"
#include "quorum/share_file.h"

namespace kr::ceremony {
namespace {

namespace fs = std::filesystem;

}  // namespace

fs::path locate_share(const fs::path& path, const quorum::Descriptor& d) {
  std::error_code error;
  if (!fs::is_directory(path, error)) return path;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(path, error))
    if (entry.is_regular_file(error) && entry.file_size(error) <= quorum::kMaxShareFileBytes)
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<fs::path> ours;
  std::vector<std::string> others;
  for (const auto& file : files) {
    try {
      auto parsed = quorum::read_share_file(file);
      if (parsed.header.set_id == d.set_id)
        ours.push_back(file);
      else
        others.push_back(file.filename().string() + " (" + parsed.header.custodian +
                         "'s share of set " + parsed.header.set_id + ", token \"" +
                         parsed.header.token_label + "\")");
    } catch (const Error&) {
      // not a share file: a USB stick holds other files too
    }
  }
  if (ours.size() == 1) return ours.front();
  std::string listing;
  for (const auto& o : others) listing += (listing.empty() ? "" : ", ") + o;
  if (ours.empty())
    throw quorum::ShareRejected(path.string() + ": no share file of set " + d.set_id +
                                    " (token \"" + d.token_label + "\") in this directory" +
                                    (listing.empty() ? "" : "; it holds " + listing),
                                "point at the share file itself, or the directory that holds it");
  std::string names;
  for (const auto& o : ours) names += (names.empty() ? "" : ", ") + o.filename().string();
  throw quorum::ShareRejected(path.string() + ": holds " + std::to_string(ours.size()) +
                                  " share files of this set (" + names + ")",
                              "point at the custodian's own file");
}

}  // namespace kr::ceremony
