// JSON to mustache data, and the escape every template uses.
#include "report/templates.h"

#include <kainjow/mustache.hpp>

#include "report/display.h"
#include "util/atomic_file.h"
#include "util/data_dir.h"
#include "util/error.h"

namespace kr::report {
namespace {

namespace mus = kainjow::mustache;

// Objects become mustache objects, arrays lists, booleans booleans (for {{#flag}} sections),
// numbers and strings text. null and "" are false, so that {{#text}} shows only what is there
// (kainjow renders a non-string variable as nothing).
mus::data to_data(const nlohmann::ordered_json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mus::data d{mus::data::type::object};
      for (const auto& [key, value] : j.items()) d.set(key, to_data(value));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mus::data d{mus::data::type::list};
      for (const auto& value : j) d.push_back(to_data(value));
      return d;
    }
    case nlohmann::json::value_t::boolean:
      return mus::data(j.get<bool>());
    case nlohmann::json::value_t::string:
      return j.get_ref<const std::string&>().empty() ? mus::data(false)
                                                     : mus::data(j.get<std::string>());
    case nlohmann::json::value_t::null:
      return mus::data(false);
    default:
      return mus::data(j.dump());
  }
}

std::string read_text(const std::filesystem::path& file) {
  try {
    const Bytes bytes = read_file(file);
    return std::string(bytes.begin(), bytes.end());
  } catch (const Error& e) {
    throw Error(std::string(e.what()),
                "templates are installed beside the profiles (PREFIX/share/keyrite/documents)");
  }
}

}  // namespace

std::filesystem::path default_templates_dir() {
  return data_dir() / "documents";
}

std::string render_document(const std::filesystem::path& dir, const std::string& name,
                            const nlohmann::ordered_json& model, const std::string& svg) {
  const auto file = dir / name;
  mus::mustache tmpl{read_text(file)};
  if (!tmpl.is_valid()) throw Error(file.string() + ": " + tmpl.error_message());
  tmpl.set_custom_escape([](const std::string& s) { return html_text(s); });
  mus::data data = to_data(model);
  data.set("style", mus::data(read_text(dir / "style.css")));
  data.set("svg", mus::data(svg));
  std::string html = tmpl.render(data);
  if (!tmpl.is_valid()) throw Error(file.string() + ": " + tmpl.error_message());
  return html;
}

}  // namespace kr::report
