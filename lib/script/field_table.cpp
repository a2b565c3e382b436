// Keys under a path of a field table, and the reader that holds code to the table.
#include "script/field_table.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace kr::script {

std::vector<std::string_view> keys_under(const FieldTable& table, std::string_view parent) {
  std::vector<std::string_view> out;
  for (const FieldSpec& field : table.fields) {
    const auto dot = field.name.rfind('.');
    const std::string_view above =
        dot == std::string_view::npos ? std::string_view() : field.name.substr(0, dot);
    if (above == parent)
      out.push_back(dot == std::string_view::npos ? field.name : field.name.substr(dot + 1));
  }
  return out;
}

TableReader::TableReader(const config::YamlNode& node, const FieldTable& table,
                         std::string_view parent, config::Diagnostics& diagnostics)
    : table_(table),
      parent_(parent),
      keys_(keys_under(table, parent)),
      reader_(node, keys_, diagnostics) {}

void TableReader::check_declared(std::string_view key) const {
  if (std::find(keys_.begin(), keys_.end(), key) == keys_.end())
    throw std::logic_error(std::string(table_.name) + " has no field " +
                           (parent_.empty() ? "" : std::string(parent_) + ".") + std::string(key) +
                           " in its table");
}

const config::YamlNode* TableReader::required(std::string_view key) const {
  check_declared(key);
  return reader_.required(key);
}

const config::YamlNode* TableReader::optional(std::string_view key) const {
  check_declared(key);
  return reader_.optional(key);
}

}  // namespace kr::script
